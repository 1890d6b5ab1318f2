import { startMongoServer } from '@querycost/integration/mongo-server'

// The MongoDB wire-protocol test server in a process of its own, so its CPU is not
// counted in the bench's: prints its URL, runs until its parent disconnects.
const server = await startMongoServer()
process.send?.({ url: server.url })
process.on('disconnect', () => server.close().then(() => process.exit(0)))
