#!/usr/bin/env node
// ioredis's own race behind its test "monitor should reject processing commands", which
// fails now and then in either mode of the driver-suites run: a monitor connection sends
// MONITOR and sets its status to "monitoring" in a `.then` of that command, a microtask
// later; when the server's OK and the first line of the monitor feed arrive in one read,
// the feed line meets an empty command queue and ioredis emits "Command queue state
// error". Here with the raw driver only (no querycost): another client sends INFO in a
// loop, so the feed has lines to send, and monitor() is called 200 times.
//
//   node integration/driver-suites/monitor-race.mjs [redis://127.0.0.1:6379]
import { Redis } from 'ioredis'

const url = process.argv[2] ?? process.env.QUERYCOST_REDIS_URL ?? 'redis://127.0.0.1:6379'
const noisy = new Redis(url)
let stop = false
const loop = (async () => {
  while (!stop) await noisy.info('server')
})()
const errors = new Map()
const count = (error) => errors.set(error.message.slice(0, 30), (errors.get(error.message.slice(0, 30)) ?? 0) + 1)
for (let k = 0; k < 200; k++) {
  const redis = new Redis(url)
  const monitor = redis.duplicate({ monitor: true, lazyConnect: false })
  monitor.on('error', count)
  await new Promise((resolve) => monitor.once('monitoring', resolve).once('error', resolve))
  monitor.disconnect()
  redis.disconnect()
}
stop = true
await loop
noisy.disconnect()
console.log(`raw ioredis, 200 monitor connections: ${[...errors].map(([m, n]) => `${n} × "${m}…"`).join(', ') || 'no error'}`)
