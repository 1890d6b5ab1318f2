/** Seed sizes: the demo's expected numbers (and its test) follow from them. */
export const SEED = Object.freeze({ users: 200, products: 50, orders: 2000 })

/**
 * Creates and fills the demo schema straight through PGlite, not through the
 * instrumented pool: seeding is not a request, so it belongs in no report.
 * The data is generated, never random: every run reads the same rows.
 *
 * @param {import('@electric-sql/pglite').PGlite} db
 */
export async function seed(db) {
  await db.exec(`
    CREATE TABLE users (
      id integer PRIMARY KEY,
      name text NOT NULL,
      email text NOT NULL
    );
    CREATE TABLE products (
      id integer PRIMARY KEY,
      name text NOT NULL,
      price_cents integer NOT NULL,
      stock integer NOT NULL
    );
    CREATE TABLE orders (
      id serial PRIMARY KEY,
      user_id integer NOT NULL REFERENCES users (id),
      product_id integer NOT NULL REFERENCES products (id),
      quantity integer NOT NULL,
      total_cents integer NOT NULL,
      created_at timestamptz NOT NULL
    );
    CREATE INDEX orders_created_at ON orders (created_at);

    INSERT INTO users
      SELECT g, 'user ' || g, 'user' || g || '@example.com' FROM generate_series(1, ${SEED.users}) g;
    INSERT INTO products
      SELECT g, 'product ' || g, 100 * g, 1000 FROM generate_series(1, ${SEED.products}) g;
    INSERT INTO orders (id, user_id, product_id, quantity, total_cents, created_at)
      SELECT g, (g * 13) % ${SEED.users} + 1, (g * 7) % ${SEED.products} + 1, g % 3 + 1,
             (g % 3 + 1) * 100 * ((g * 7) % ${SEED.products} + 1),
             timestamptz '2026-01-01 00:00:00+00' + g * interval '1 hour'
      FROM generate_series(1, ${SEED.orders}) g;
    SELECT setval(pg_get_serial_sequence('orders', 'id'), ${SEED.orders});
  `)
}
