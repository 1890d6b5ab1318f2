import { request } from 'node:http'

/**
 * The ClickHouse server the tests use: QUERYCOST_CLICKHOUSE_URL, else the local one
 * that .ci/run starts. Tests use a database of their own (dropped afterwards).
 */
export const CLICKHOUSE_URL = process.env.QUERYCOST_CLICKHOUSE_URL ?? 'http://127.0.0.1:8123'

/** Whether ClickHouse answers; under CI a missing server is a failure, elsewhere a skip with a clear line. */
export async function clickhouseAvailable(): Promise<boolean> {
  try {
    await clickhouseCommand('SELECT 1')
    return true
  } catch {}
  const message = `ClickHouse is not reachable at ${CLICKHOUSE_URL}: install clickhouse-server and start it (see .ci/run), or set QUERYCOST_CLICKHOUSE_URL`
  if (process.env.CI) throw new Error(message)
  console.warn(`SKIPPED ClickHouse tests: ${message}`)
  return false
}

/** Runs one statement on the server (dropping a test database), on a connection of its own. */
export function clickhouseCommand(sql: string): Promise<void> {
  // Not fetch: it would reuse a keep-alive socket that ClickHouse may have closed meanwhile.
  return new Promise((resolve, reject) => {
    const req = request(`${CLICKHOUSE_URL}/`, { method: 'POST', agent: false }, (res) => {
      const body: Buffer[] = []
      res.on('data', (c: Buffer) => body.push(c))
      res.on('end', () => (res.statusCode === 200 ? resolve() : reject(new Error(`ClickHouse: ${Buffer.concat(body)}`))))
    })
    req.on('error', reject)
    req.end(sql)
  })
}
