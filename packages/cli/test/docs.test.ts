import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { clickhouseDdl } from '../src/engine/clickhouse.js'
import { SCHEMA } from '../src/engine/schema.js'

const docs = (name: string) => readFileSync(new URL(`../../../docs/${name}`, import.meta.url), 'utf8')

describe('docs', () => {
  it('docs/cli-clickhouse.sql is the DDL that `load` runs', () => {
    const statements = docs('cli-clickhouse.sql')
      .replace(/^--.*$/gm, '')
      .split(';')
      .map((s) => s.trim())
      .filter((s) => s !== '')
    expect(statements).toEqual(['CREATE DATABASE IF NOT EXISTS "querycost"', ...clickhouseDdl('querycost')])
  })

  it('docs/cli.md lists every column of every table', () => {
    const text = docs('cli.md')
    for (const table of SCHEMA) {
      const section = text.slice(text.indexOf(`### \`${table.name}\``))
      const listed = section.slice(0, section.indexOf('\n\n', section.indexOf('|')))
      for (const [column] of table.columns) expect(listed, `${table.name}.${column}`).toContain(`\`${column}\``)
    }
  })
})
