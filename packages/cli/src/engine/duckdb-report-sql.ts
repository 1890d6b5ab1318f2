import { ident } from './schema.js'

const STATS = '{"count":"BIGINT","durationMs":"DOUBLE","rows":"BIGINT","affected":"BIGINT","errors":"BIGINT"}'
const STATS_TYPE = 'STRUCT(count BIGINT, durationMs DOUBLE, rows BIGINT, affected BIGINT, errors BIGINT)'

/** The part of a report the tables hold, as DuckDB's json_transform reads it; other fields are ignored. */
export const REPORT_STRUCTURE = `{"name":"VARCHAR","startedAt":"VARCHAR","wallMs":"DOUBLE","dbWallMs":"DOUBLE","poolWaitMs":"DOUBLE",
"total":${STATS},
"systems":"MAP(VARCHAR, ${STATS_TYPE})",
"tables":"MAP(VARCHAR, STRUCT(system VARCHAR, \\"table\\" VARCHAR, operations MAP(VARCHAR, ${STATS_TYPE})))",
"repeated":"STRUCT(system VARCHAR, fingerprint VARCHAR, tables VARCHAR[], count BIGINT, durationMs DOUBLE)[]",
"violations":"STRUCT(\\"limit\\" VARCHAR, \\"table\\" VARCHAR, value DOUBLE, threshold DOUBLE)[]"}`.replaceAll('\n', '')

const z = (expr: string) => `coalesce(${expr}, 0)`
const figures = (s: string) => [`count`, `durationMs`, `rows`, `affected`, `errors`].map((f) => z(`${s}.${ident(f)}`)).join(', ')
const WHEN = 'r.name, CAST(started AS DATE), started, epoch_ms(started)'

/**
 * The statements that turn the parsed reports (table `qc_reports`, column `r`) into the
 * five tables: the same rows `toRows` and the reader in read-reports.ts make, in SQL, so
 * DuckDB does the work in its own threads.
 */
export const INSERT_FROM_REPORTS = [
  `INSERT INTO requests SELECT ${WHEN}, ${z('r.wallMs')}, ${z('r.dbWallMs')}, ${z('r.poolWaitMs')}, ${figures('r.total')}, ${z('len(r.violations)')} FROM qc_reports`,
  `INSERT INTO request_systems SELECT ${WHEN}, s.key, ${z('r.wallMs')}, ${z('r.poolWaitMs')}, ${figures('s.value')}
   FROM (SELECT r, started, unnest(map_entries(r.systems)) AS s FROM qc_reports)`,
  `INSERT INTO cost_rows SELECT ${WHEN}, t.value.system, t.value."table", o.key, ${figures('o.value')}
   FROM (SELECT r, started, t, unnest(map_entries(t.value.operations)) AS o FROM (SELECT r, started, unnest(map_entries(r.tables)) AS t FROM qc_reports))`,
  `INSERT INTO repeated SELECT ${WHEN}, x.system, x.fingerprint, coalesce(array_to_string(x.tables, ','), ''), ${z('x.count')}, ${z('x.durationMs')}
   FROM (SELECT r, started, unnest(r.repeated) AS x FROM qc_reports)`,
  `INSERT INTO violations SELECT ${WHEN}, v."limit", coalesce(v."table", ''), ${z('v.value')}, ${z('v.threshold')}
   FROM (SELECT r, started, unnest(r.violations) AS v FROM qc_reports)`,
]

/** The structure as read_json's `columns` option: the same types, one entry per top-level field. */
function jsonColumns(): string {
  const structure = JSON.parse(REPORT_STRUCTURE) as Record<string, string | Record<string, string>>
  return Object.entries(structure)
    .map(([key, type]) => {
      const sql =
        typeof type === 'string'
          ? type
          : `STRUCT(${Object.entries(type)
              .map(([f, t]) => `${ident(f)} ${t}`)
              .join(', ')})`
      return `'${key}': '${sql.replaceAll("'", "''")}'`
    })
    .join(', ')
}

/**
 * Reads one file of JSON lines (gzip or not) with DuckDB's JSON reader, in its own
 * threads, into `qc_reports`: the lines that are reports (a name, a start time, tables).
 * Lines that are not JSON are skipped by the reader; the caller counts them from the
 * number of lines.
 */
export function readReportsSql(path: string, gzip: boolean): string {
  const file = `'${path.replaceAll("'", "''")}'`
  return `CREATE OR REPLACE TEMP TABLE qc_reports AS
SELECT r, CAST(TRY_CAST(r.startedAt AS TIMESTAMPTZ) AS TIMESTAMP) AS started
FROM (SELECT t AS r FROM read_json(${file}, format = 'newline_delimited', ignore_errors = true, maximum_object_size = 67108864,
  compression = '${gzip ? 'gzip' : 'uncompressed'}', columns = {${jsonColumns()}}) t)
WHERE r.name IS NOT NULL AND r.tables IS NOT NULL AND TRY_CAST(r.startedAt AS TIMESTAMPTZ) IS NOT NULL`
}
