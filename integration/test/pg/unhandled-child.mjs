// Sends two pg queries whose promises nobody handles, raw or through querycost, and prints
// what reached process 'unhandledRejection': whose promise, pg's error (class, code or
// message) and the stack frames outside node: and pg, to compare the two modes.
//
//   node unhandled-child.mjs raw|querycost
import { measureCost } from '@querycost/core'
import { instrument } from '@querycost/pg'
import pg from 'pg'

const wrapped = process.argv[2] === 'querycost'
const unhandled = []
process.on('unhandledRejection', (reason, promise) => unhandled.push({ reason, promise }))

async function work() {
  const client = new pg.Client({ connectionString: process.env.QUERYCOST_PG_URL })
  if (wrapped) instrument(client)
  await client.connect()
  const got = []
  got.push(client.query('SELECT * FROM qc_pg_missing_unhandled')) // the server fails it; never handled
  await client.query('SELECT 1') // answered after it, on the same connection
  await client.end()
  got.push(client.query('SELECT 1')) // a closed client: pg errs it on a later tick; never handled
  await new Promise((resolve) => setTimeout(resolve, 50))
  return got
}

const { result: got, report } = await measureCost(work)
const seen = unhandled.map(({ reason, promise }, i) => ({
  promise: promise === got[i] ? 'the caller’s' : 'another',
  error: reason?.constructor?.name,
  ...(reason instanceof pg.DatabaseError ? { code: reason.code } : { message: reason?.message }),
  frames: String(reason?.stack)
    .split('\n')
    .slice(1)
    .filter((line) => !line.includes('node:') && !line.includes('/pg/lib/'))
    .map((line) => line.trim()),
}))
console.log(JSON.stringify(wrapped ? { unhandled: seen, count: report.total.count, errors: report.total.errors } : { unhandled: seen }))
