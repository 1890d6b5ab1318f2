import pg from 'pg'

/** Users 1..50; orders: user u has (u % 4) orders; items 1..200. */
export const USERS = 50
export const ITEMS = 200
export const ordersOf = (user: number): number => user % 4

/** Creates and seeds the pg suite's tables (prefixed `qc_pg_` so suites never collide). */
export async function seedPg(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    await client.query(`
      DROP TABLE IF EXISTS qc_pg_users, qc_pg_orders, qc_pg_items, qc_pg_events;
      CREATE TABLE qc_pg_users (id int PRIMARY KEY, name text NOT NULL);
      CREATE TABLE qc_pg_orders (id serial PRIMARY KEY, user_id int NOT NULL, total int NOT NULL);
      CREATE TABLE qc_pg_items (id int PRIMARY KEY, label text NOT NULL);
      CREATE TABLE qc_pg_events (id serial PRIMARY KEY, ctx int NOT NULL, kind text NOT NULL);
      INSERT INTO qc_pg_users SELECT g, 'user ' || g FROM generate_series(1, ${USERS}) g;
      INSERT INTO qc_pg_orders (user_id, total) SELECT u, k FROM generate_series(1, ${USERS}) u, generate_series(1, 3) k WHERE k <= u % 4;
      INSERT INTO qc_pg_items SELECT g, 'item ' || g FROM generate_series(1, ${ITEMS}) g;
    `)
  } finally {
    await client.end()
  }
}
