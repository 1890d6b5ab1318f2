import mysql from 'mysql2/promise'

/** Users 1..50; orders: user u has (u % 4) orders; items 1..200. */
export const USERS = 50
export const ITEMS = 200
export const ordersOf = (user: number): number => user % 4

/** The table names of one suite: each test file gets its own prefix, so files can run in parallel. */
export interface MysqlTables {
  users: string
  orders: string
  items: string
  events: string
}

/** The table names under `prefix` (which starts with `qc_my_` so suites never collide). */
export function tablesOf(prefix: string): MysqlTables {
  return { users: `${prefix}users`, orders: `${prefix}orders`, items: `${prefix}items`, events: `${prefix}events` }
}

const range = (n: number): number[] => Array.from({ length: n }, (_, i) => i + 1)

/**
 * Creates and seeds one suite's tables with plain SQL that MariaDB and MySQL 8 both
 * accept (no sequence engine, no generate_series).
 */
export async function seedMysql(url: string, prefix: string): Promise<MysqlTables> {
  const t = tablesOf(prefix)
  const c = await mysql.createConnection({ uri: url, multipleStatements: true })
  try {
    const orders = range(USERS).flatMap((u) => range(ordersOf(u)).map((k) => `(${u}, ${k})`))
    await c.query(`
      DROP TABLE IF EXISTS ${t.users}, ${t.orders}, ${t.items}, ${t.events};
      CREATE TABLE ${t.users} (id int PRIMARY KEY, name varchar(64) NOT NULL);
      CREATE TABLE ${t.orders} (id int AUTO_INCREMENT PRIMARY KEY, user_id int NOT NULL, total int NOT NULL);
      CREATE TABLE ${t.items} (id int PRIMARY KEY, label varchar(64) NOT NULL);
      CREATE TABLE ${t.events} (id int AUTO_INCREMENT PRIMARY KEY, ctx int NOT NULL, kind varchar(16) NOT NULL);
      INSERT INTO ${t.users} VALUES ${range(USERS)
        .map((u) => `(${u}, 'user ${u}')`)
        .join(', ')};
      INSERT INTO ${t.orders} (user_id, total) VALUES ${orders.join(', ')};
      INSERT INTO ${t.items} VALUES ${range(ITEMS)
        .map((i) => `(${i}, 'item ${i}')`)
        .join(', ')};
    `)
  } finally {
    await c.end()
  }
  return t
}
