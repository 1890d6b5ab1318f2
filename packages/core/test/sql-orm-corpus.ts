import type { CorpusCase } from './sql-corpus.js'

const pg = (sql: string, verb: string, tables: readonly string[], fingerprint: string): OrmCase => ({
  dialect: 'pg',
  sql,
  verb,
  tables,
  fingerprint,
})
const my = (sql: string, verb: string, tables: readonly string[], fingerprint: string): OrmCase => ({
  dialect: 'mysql',
  sql,
  verb,
  tables,
  fingerprint,
})

/** A statement as an ORM sends it (values inlined), with its exact verb, tables and fingerprint. */
export interface OrmCase extends CorpusCase {
  readonly fingerprint: string
}

/** Sequelize, Knex, TypeORM and Prisma-shaped statements, literals written into the text. */
export const ormCorpus: readonly OrmCase[] = [
  // Sequelize (pg): quoted names, inlined values, RETURNING, ON CONFLICT
  pg(
    `SELECT "id", "email", "createdAt" FROM "users" AS "User" WHERE "User"."email" = 'ann@example.com' AND "User"."deletedAt" IS NULL LIMIT 1;`,
    'SELECT',
    ['users'],
    'select id, email, createdAt from users as User where User.email = ? and User.deletedAt is null limit ?',
  ),
  pg(
    `INSERT INTO "orders" ("id","userId","total","createdAt","updatedAt") VALUES (DEFAULT,42,'19.90','2026-12-07 04:00:00.000 +00:00','2026-12-07 04:00:00.000 +00:00') RETURNING "id","userId","total","createdAt","updatedAt";`,
    'INSERT',
    ['orders'],
    'insert into orders (id, userId, total, createdAt, updatedAt) values (default, ?, ?, ?, ?) returning id, userId, total, createdAt, updatedAt',
  ),
  pg(
    `INSERT INTO "tags" ("name","postId") VALUES ('a',1),('b',1),('c',2) ON CONFLICT ("name","postId") DO UPDATE SET "name"=EXCLUDED."name" RETURNING "id";`,
    'INSERT',
    ['tags'],
    'insert into tags (name, postId) values (?) on conflict (name, postId) do update set name=excluded.name returning id',
  ),
  pg(
    `UPDATE "users" SET "lastSeen"='2026-12-07 04:00:00.000 +00:00',"updatedAt"='2026-12-07 04:00:00.000 +00:00' WHERE "id" IN (1, 2, 3)`,
    'UPDATE',
    ['users'],
    'update users set lastSeen=?, updatedAt=? where id in (?)',
  ),
  pg(
    `SELECT "Post"."id", "comments"."id" AS "comments.id" FROM "posts" AS "Post" LEFT OUTER JOIN "comments" AS "comments" ON "Post"."id" = "comments"."postId" AND ("comments"."deletedAt" IS NULL) WHERE "Post"."authorId" = 7;`,
    'SELECT',
    ['posts', 'comments'],
    'select Post.id, comments.id as comments.id from posts as Post left outer join comments as comments on Post.id = comments.postId and (comments.deletedAt is null) where Post.authorId = ?',
  ),
  // JSON operators (pg)
  pg(
    `SELECT "id" FROM "events" WHERE "payload"->>'kind' = 'click' AND "payload" @> '{"user": 9}'::jsonb AND "tags" ?| array['a','b']`,
    'SELECT',
    ['events'],
    'select id from events where payload->>? = ? and payload @> ?::jsonb and tags ?| array[?]',
  ),
  // Knex (pg): bindings already inlined by .toString() / raw
  pg(
    `select "u".* from "users" as "u" inner join "teams" as "t" on "t"."id" = "u"."team_id" where "t"."slug" = 'core' order by "u"."name" asc limit 50 offset 100`,
    'SELECT',
    ['users', 'teams'],
    'select u.* from users as u inner join teams as t on t.id = u.team_id where t.slug = ? order by u.name asc limit ? offset ?',
  ),
  pg(
    `delete from "sessions" where "expires_at" < '2026-12-07T04:00:00.000Z' returning "id"`,
    'DELETE',
    ['sessions'],
    'delete from sessions where expires_at < ? returning id',
  ),
  // TypeORM (pg): parameters with inlined LIMIT, schema-qualified names
  pg(
    `SELECT "User"."id" AS "User_id", "User"."name" AS "User_name" FROM "public"."user" "User" WHERE "User"."id" = $1 LIMIT 1`,
    'SELECT',
    ['public.user'],
    'select User.id as User_id, User.name as User_name from public.user User where User.id = ? limit ?',
  ),
  pg(
    `INSERT INTO "public"."photo"("url", "userId") VALUES ('https://x/1.png', 5), ('https://x/2.png', 5) RETURNING "id"`,
    'INSERT',
    ['public.photo'],
    'insert into public.photo(url, userId) values (?) returning id',
  ),
  // Prisma (pg): fully qualified, OFFSET, json aggregation
  pg(
    `SELECT "public"."Post"."id", "public"."Post"."title" FROM "public"."Post" WHERE ("public"."Post"."published" = true AND "public"."Post"."authorId" IN (11,12,13)) ORDER BY "public"."Post"."id" ASC LIMIT 10 OFFSET 0`,
    'SELECT',
    ['public.Post'],
    'select public.Post.id, public.Post.title from public.Post where (public.Post.published = true and public.Post.authorId in (?)) order by public.Post.id asc limit ? offset ?',
  ),
  pg(
    `INSERT INTO "public"."User" ("email","name") VALUES ('bo@example.com','Bo') ON CONFLICT ("email") DO NOTHING RETURNING "public"."User"."id"`,
    'INSERT',
    ['public.User'],
    'insert into public.User (email, name) values (?) on conflict (email) do nothing returning public.User.id',
  ),
  // Sequelize / Knex (mysql): backticks, inlined values, ON DUPLICATE KEY
  my(
    "SELECT `id`, `email` FROM `users` AS `User` WHERE `User`.`email` = 'ann@example.com' LIMIT 1;",
    'SELECT',
    ['users'],
    'select id, email from users as User where User.email = ? limit ?',
  ),
  my(
    "INSERT INTO `orders` (`id`,`userId`,`total`) VALUES (NULL,42,'19.90'),(NULL,43,'5.00') ON DUPLICATE KEY UPDATE `total`=VALUES(`total`);",
    'INSERT',
    ['orders'],
    'insert into orders (id, userId, total) values (null, ?, ?) on duplicate key update total=values(total)',
  ),
  my(
    "UPDATE `Users` SET `lastSeen`='2026-12-07 04:00:00' WHERE `id` IN (1, 2, 3)",
    'UPDATE',
    ['Users'],
    'update Users set lastSeen=? where id in (?)',
  ),
  my(
    "select `p`.* from `shop`.`products` as `p` left join `stock` as `s` on `s`.`product_id` = `p`.`id` where `p`.`sku` = 'A-1' and `s`.`qty` > 0",
    'SELECT',
    ['shop.products', 'stock'],
    'select p.* from shop.products as p left join stock as s on s.product_id = p.id where p.sku = ? and s.qty > ?',
  ),
  my(
    "SELECT `id` FROM `events` WHERE JSON_EXTRACT(`payload`, '$.kind') = 'click' AND `payload`->>'$.user' = '9'",
    'SELECT',
    ['events'],
    'select id from events where json_extract(payload, ?) = ? and payload->>? = ?',
  ),
  my(
    'DELETE FROM `sessions` WHERE `expires_at` < "2026-12-07 04:00:00"',
    'DELETE',
    ['sessions'],
    'delete from sessions where expires_at < ?',
  ),
]
