/** `querycost --help`. */
export const HELP = `querycost: what each route and table cost its databases, from JSON-lines cost reports.

Usage: querycost <command> [files…] [options]
  Files are JSON-lines reports: paths, quoted patterns ('logs/*.jsonl.gz'), gzip, or - for standard input.

Commands
  routes                    costliest routes (requests, operations, time, rows, affected, errors)
  tables                    costliest tables (system:table)
  table <system:table>      the routes behind one table's cost, with their operations
  repeated                  statements repeated within requests (N+1)
  compare --before A..B --after C..D   per route and table: both windows, the change and its ratio
  sql "<query>"             your own SQL over the tables cost_rows, requests, request_systems, repeated, violations
  report --html out.html    one self-contained page: charts, breakdowns, repeated, violations (and compare)
  load --clickhouse URL     load the reports into ClickHouse (creates the database and tables)
  export --parquet out.parquet [--table cost_rows]   the rows as Parquet, for any warehouse

Options
  --by count|time|rows|affected|errors|requests   order (default: time; repeated: count)
  --limit N                 lines to show (default 20; 0 for all)
  --since T, --until T      time window: 2026-11-23, 2026-11-23T10:00Z, or a span ago (6h, 7d)
  --route NAME              one route (* matches anything: 'GET /users*')
  --system pg|mysql|redis|mongodb
  --json, --csv             machine-readable output instead of the table
  --clickhouse URL          query ClickHouse instead of reading files (http://host:8123/database)
  --database NAME           ClickHouse database (default: the URL's path, else querycost)
  --progress                show the progress line even when standard error is not a terminal

Times are summed operation time (durationMs); a window's end is exclusive.
`
