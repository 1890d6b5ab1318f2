import mysql from 'mysql2'
import { describe, expect, it } from 'vitest'
import { statementText } from '../src/text.js'
import type { MysqlConnectionLike } from '../src/types.js'

const connection = { format: (sql: string, values: unknown) => mysql.format(sql, values as unknown[]) } as unknown as MysqlConnectionLike

describe('statementText', () => {
  it('writes ?? identifiers in and leaves every ? value out of the text', () => {
    const text = statementText(connection, 'SELECT * FROM ?? WHERE token = ? AND id IN (?) AND ??.x = ?', [
      'users',
      'sk_live_secret',
      [1, 2],
      'u',
      'pa55word',
    ])
    expect(text).toBe('SELECT * FROM `users` WHERE token = ? AND id IN (?) AND `u`.x = ?')
  })

  it('matches placeholders as mysql2 does: ??? is left alone, a lone value is one value', () => {
    expect(statementText(connection, 'SELECT ??? , ?? FROM t', ['c'])).toBe('SELECT ??? , `c` FROM t')
    expect(statementText(connection, 'SELECT * FROM ??', 'solo')).toBe('SELECT * FROM `solo`')
    expect(statementText(connection, { sql: 'SELECT ? FROM ??', values: ['v', 't'] } as never, undefined)).toBe('SELECT ? FROM `t`')
  })

  it('keeps the template when there is no ??', () => {
    expect(statementText(connection, 'SELECT * FROM t WHERE a = ?', ['secret'])).toBe('SELECT * FROM t WHERE a = ?')
  })
})
