/**
 * The ClickHouse server the tests use: QUERYCOST_CLICKHOUSE_URL, else the local one
 * that .ci/run starts. Tests use a database of their own (dropped afterwards).
 */
export const CLICKHOUSE_URL = process.env.QUERYCOST_CLICKHOUSE_URL ?? 'http://127.0.0.1:8123'

/** Whether ClickHouse answers; under CI a missing server is a failure, elsewhere a skip with a clear line. */
export async function clickhouseAvailable(): Promise<boolean> {
  try {
    const res = await fetch(`${CLICKHOUSE_URL}/ping`, { signal: AbortSignal.timeout(3000) })
    if (res.ok) return true
  } catch {}
  const message = `ClickHouse is not reachable at ${CLICKHOUSE_URL}: install clickhouse-server and start it (see .ci/run), or set QUERYCOST_CLICKHOUSE_URL`
  if (process.env.CI) throw new Error(message)
  console.warn(`SKIPPED ClickHouse tests: ${message}`)
  return false
}

/** Runs one statement on the server (dropping a test database). */
export async function clickhouseCommand(sql: string): Promise<void> {
  const res = await fetch(`${CLICKHOUSE_URL}/`, { method: 'POST', body: sql })
  if (!res.ok) throw new Error(`ClickHouse: ${await res.text()}`)
}
