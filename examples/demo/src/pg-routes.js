import { Router } from 'express'

/** How many recent orders `GET /api/orders/recent` lists (and so how often its loop queries). */
export const RECENT_ORDERS = 20

/**
 * The demo's PostgreSQL routes: one fine, one N+1, one that reads 2,000 rows to
 * return a count, one that breaks its limits, and one write in a transaction.
 * Each is written the way such code is written in real services.
 *
 * @param {import('pg').Pool} pool an instrumented pool
 */
export function pgRoutes(pool) {
  const router = Router()

  // Fine: one indexed lookup, one row.
  router.get('/users/:id', async (req, res) => {
    const { rows } = await pool.query('SELECT id, name, email FROM users WHERE id = $1', [Number(req.params.id)])
    if (rows.length === 0) return res.status(404).json({ error: 'no such user' })
    res.json(rows[0])
  })

  // N+1: one query for the list, then one more per item of it.
  router.get('/orders/recent', async (_req, res) => {
    const { rows: orders } = await pool.query(
      `SELECT o.id, o.product_id, o.quantity, u.name AS customer
         FROM orders o JOIN users u ON u.id = o.user_id
        ORDER BY o.created_at DESC LIMIT ${RECENT_ORDERS}`,
    )
    for (const order of orders) {
      const { rows } = await pool.query('SELECT id, name, price_cents FROM products WHERE id = $1', [order.product_id])
      order.product = rows[0]
    }
    res.json(orders)
  })

  // Reads every order to return one number: count(*) belongs in SQL.
  router.get('/orders/count', async (_req, res) => {
    const { rows } = await pool.query('SELECT * FROM orders')
    res.json({ count: rows.length })
  })

  // Does a bit of everything, more than its limits allow.
  router.get('/dashboard', async (_req, res) => {
    const users = await pool.query('SELECT count(*)::int AS n FROM users')
    const products = await pool.query('SELECT id, name, price_cents FROM products ORDER BY id')
    const recent = await pool.query(
      'SELECT id, user_id, product_id, quantity, total_cents, created_at FROM orders ORDER BY created_at DESC LIMIT 100',
    )
    const top = await pool.query(
      'SELECT product_id, count(*)::int AS n FROM orders GROUP BY product_id ORDER BY n DESC, product_id LIMIT 5',
    )
    const topProducts = []
    for (const { product_id: id, n } of top.rows) {
      const { rows } = await pool.query('SELECT name, stock FROM products WHERE id = $1', [id])
      topProducts.push({ id, orders: n, ...rows[0] })
    }
    res.json({ users: users.rows[0].n, products: products.rows, recentOrders: recent.rows, topProducts })
  })

  // A write: a transaction on a checked-out client.
  router.post('/orders', async (req, res) => {
    const { userId, productId, quantity } = req.body
    const client = await pool.connect()
    try {
      await client.query('BEGIN')
      const { rows } = await client.query('SELECT price_cents FROM products WHERE id = $1', [productId])
      const inserted = await client.query(
        'INSERT INTO orders (user_id, product_id, quantity, total_cents, created_at) VALUES ($1, $2, $3, $4, now()) RETURNING id',
        [userId, productId, quantity, rows[0].price_cents * quantity],
      )
      await client.query('UPDATE products SET stock = stock - $2 WHERE id = $1', [productId, quantity])
      await client.query('COMMIT')
      res.status(201).json({ id: inserted.rows[0].id })
    } catch (error) {
      await client.query('ROLLBACK')
      throw error
    } finally {
      client.release()
    }
  })

  return router
}
