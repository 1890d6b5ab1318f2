// The literals shape's statements: what Sequelize (and string-built SQL) sends to
// PostgreSQL, values written into the text, quoted identifiers, an IN list whose length
// varies (1 to 12). A counter shared by every variant makes every statement distinct, so
// each one is a statement the SQL cache has not seen in that text (about 150 to 250
// characters).

let seq = 0

/** The next distinct statement: `SELECT "User"."id", … WHERE "User"."id" = 1234 AND … IN (…) LIMIT 1;`. */
export function literalStatement() {
  const n = ++seq
  const ids = [n]
  for (let k = 1, len = 1 + (n % 12); k < len; k++) ids.push(n + k * 7)
  return `SELECT "User"."id", "User"."name" FROM "qc_bench_users" AS "User" WHERE "User"."id" = ${n} AND "User"."name" = 'user ${n % 1000}' AND "User"."org_id" IN (${ids.join(', ')}) LIMIT 1;`
}
