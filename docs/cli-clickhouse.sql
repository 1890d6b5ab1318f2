-- querycost: the ClickHouse tables that `querycost load` creates (database "querycost" here; the
-- command uses the database named in --clickhouse URL or --database). Written for ClickHouse 18.16
-- and later: plain MergeTree, partitioned by day, sorted by route (and system, table).
-- packages/cli/test/docs.test.ts checks this file against the command's own DDL.

CREATE DATABASE IF NOT EXISTS "querycost";

CREATE TABLE IF NOT EXISTS "querycost".cost_rows (
  "name" String,
  "day" Date,
  "startedAt" DateTime,
  "startedMs" Int64,
  "system" String,
  "table" String,
  "operation" String,
  "count" Int64,
  "durationMs" Float64,
  "rows" Int64,
  "affected" Int64,
  "errors" Int64
) ENGINE = MergeTree()
PARTITION BY "day"
ORDER BY ("name", "system", "table");

CREATE TABLE IF NOT EXISTS "querycost".requests (
  "name" String,
  "day" Date,
  "startedAt" DateTime,
  "startedMs" Int64,
  "wallMs" Float64,
  "dbWallMs" Float64,
  "poolWaitMs" Float64,
  "count" Int64,
  "durationMs" Float64,
  "rows" Int64,
  "affected" Int64,
  "errors" Int64,
  "violations" Int64
) ENGINE = MergeTree()
PARTITION BY "day"
ORDER BY ("name", "startedMs");

CREATE TABLE IF NOT EXISTS "querycost".request_systems (
  "name" String,
  "day" Date,
  "startedAt" DateTime,
  "startedMs" Int64,
  "system" String,
  "wallMs" Float64,
  "poolWaitMs" Float64,
  "count" Int64,
  "durationMs" Float64,
  "rows" Int64,
  "affected" Int64,
  "errors" Int64
) ENGINE = MergeTree()
PARTITION BY "day"
ORDER BY ("name", "system");

CREATE TABLE IF NOT EXISTS "querycost".repeated (
  "name" String,
  "day" Date,
  "startedAt" DateTime,
  "startedMs" Int64,
  "system" String,
  "fingerprint" String,
  "tables" String,
  "count" Int64,
  "durationMs" Float64
) ENGINE = MergeTree()
PARTITION BY "day"
ORDER BY ("name", "system", "fingerprint");

CREATE TABLE IF NOT EXISTS "querycost".violations (
  "name" String,
  "day" Date,
  "startedAt" DateTime,
  "startedMs" Int64,
  "limit" String,
  "table" String,
  "value" Float64,
  "threshold" Float64
) ENGINE = MergeTree()
PARTITION BY "day"
ORDER BY ("name", "limit");
