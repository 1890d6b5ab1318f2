/**
 * The scratch app's three entry points: the same request, counted through the
 * installed tarballs from ESM, from CommonJS (`require(esm)`) and from strict
 * TypeScript. Each prints the figures the test holds against the known answer.
 */
const body = `
const pool = instrument(new pg.Pool({ connectionString: process.env.PG_URL, max: 1 }))
const my = instrumentMysql(mysql.createPool({ uri: process.env.MYSQL_URL, connectionLimit: 1 }))
const redis = instrumentRedis(new Redis(String(process.env.REDIS_URL)))
const { report } = await measureCost(async () => {
  await pool.query('SELECT 1 AS one')
  await my.query('SELECT 1 AS one')
  await redis.set('qcpack:key', 'v')
  await redis.get('qcpack:key')
}, { name: 'pack' })
await redis.del('qcpack:key')
await Promise.all([pool.end(), my.end(), redis.quit()])
const figures = Object.fromEntries(Object.entries(report.tables).map(([key, t]) => [key, [t.count, t.rows, t.affected]]))
console.log(JSON.stringify({ total: [report.total.count, report.total.rows, report.total.affected], figures }))
`

export const ESM = `
import pg from 'pg'
import mysql from 'mysql2/promise'
import { Redis } from 'ioredis'
import { measureCost } from '@querycost/core'
import { instrument } from '@querycost/pg'
import { instrument as instrumentMysql } from '@querycost/mysql2'
import { instrument as instrumentRedis } from '@querycost/ioredis'
${body}`

export const CJS = `
const pg = require('pg')
const mysql = require('mysql2/promise')
const { Redis } = require('ioredis')
const { measureCost } = require('@querycost/core')
const { instrument } = require('@querycost/pg')
const { instrument: instrumentMysql } = require('@querycost/mysql2')
const { instrument: instrumentRedis } = require('@querycost/ioredis')
;(async () => {
${body}
})().catch((error) => { console.error(error); process.exit(1) })`

/** Type-checked only (`tsc --noEmit` under `strict`): the public types, as a TypeScript app sees them. */
export const TS = `
import pg from 'pg'
import mysql from 'mysql2/promise'
import { Redis } from 'ioredis'
import { type CostReport, type CostRow, measureCost, runWithCost, toRows } from '@querycost/core'
import { instrument } from '@querycost/pg'
import { instrument as instrumentMysql } from '@querycost/mysql2'
import { instrument as instrumentRedis } from '@querycost/ioredis'
${body}
const rows: CostRow[] = toRows(report)
const later: number = runWithCost(() => 1, { name: 'job', onReport: (r: CostReport) => void r.total.count })
export { rows, later }
`

export const TSCONFIG = JSON.stringify({
  compilerOptions: {
    target: 'ES2022',
    module: 'NodeNext',
    moduleResolution: 'NodeNext',
    strict: true,
    noEmit: true,
    skipLibCheck: false,
    types: ['node'],
  },
  files: ['app.ts'],
})

/** The answer every entry point must print. */
export const EXPECTED = {
  total: [4, 3, 1],
  figures: { 'pg:(none)': [1, 1, 0], 'mysql:(none)': [1, 1, 0], 'redis:qcpack': [2, 1, 1] },
}
