/**
 * What this package knows about Redis commands: where their keys are (a fast path
 * for the common ones; ioredis's own `command.getKeys()` for the rest), how their
 * reply turns into rows, and what their reply says was written.
 */

/** How a command's keys are found. */
export enum Keys {
  /** Ask ioredis (`command.getKeys()`, from the server's command table). */
  Lookup,
  /** The first argument is the only key. */
  First,
  /** Every argument is a key (DEL, MGET, EXISTS, WATCH…). */
  All,
  /** Every other argument, from the first (MSET, MSETNX). */
  Pairs,
}

const FIRST_KEY = new Set(
  (
    'get set setex psetex setnx getset getdel getex getrange setrange append strlen incr incrby incrbyfloat decr decrby ' +
    'expire pexpire expireat pexpireat ttl pttl persist type dump restore getbit setbit bitcount bitpos ' +
    'hget hset hsetnx hmset hmget hgetall hdel hexists hincrby hincrbyfloat hkeys hvals hlen hstrlen hrandfield hscan ' +
    'lpush rpush lpushx rpushx lpop rpop llen lrange lindex lset lrem ltrim linsert lpos ' +
    'sadd srem smembers sismember smismember scard spop srandmember sscan ' +
    'zadd zrem zscore zmscore zincrby zcard zcount zlexcount zrange zrangebyscore zrangebylex zrevrange zrevrangebyscore ' +
    'zrevrangebylex zrank zrevrank zremrangebyrank zremrangebyscore zremrangebylex zpopmin zpopmax zrandmember zscan ' +
    'xadd xlen xrange xrevrange xdel xtrim pfadd geoadd geopos geodist geohash'
  ).split(' '),
)
const ALL_KEYS = new Set('del unlink exists touch mget watch sinter sunion sdiff pfcount'.split(' '))
const PAIRS = new Set(['mset', 'msetnx'])

/** How the keys of command `name` (lower case) are found. */
export function keysRule(name: string): Keys {
  if (FIRST_KEY.has(name)) return Keys.First
  if (ALL_KEYS.has(name)) return Keys.All
  if (PAIRS.has(name)) return Keys.Pairs
  return Keys.Lookup
}

/** How a reply turns into rows. */
export enum Rows {
  /** Bulk 1, nil 0, integer 0, array: its non-nil elements. */
  Plain,
  /** Status replies (OK, PONG, QUEUED, a TYPE): 0 whatever the reply. */
  Status,
  /** A flat array of pairs (HGETALL fields, ZPOPMIN members): half its non-nil elements. */
  Pairs,
  /** Pairs only when WITHSCORES / WITHVALUES is given (ZRANGE, HRANDFIELD). */
  PairsWith,
  /** `[cursor, items]` (SCAN, SSCAN): the items. */
  Scan,
  /** `[cursor, [field, value…]]` (HSCAN, ZSCAN): the fields. */
  ScanPairs,
  /** `[key, value…]` of a blocking pop (BLPOP, BZPOPMIN): 1 when not nil. */
  KeyedOne,
  /** `[key, items]` (LMPOP, ZMPOP and their blocking forms): the items. */
  KeyedList,
  /** `[[stream, entries]…]` (XREAD, XREADGROUP): the entries. */
  Streams,
}

const STATUS = new Set(
  (
    'set setex psetex mset hmset lset ltrim rename restore type ping quit multi exec discard watch unwatch select auth ' +
    'flushdb flushall save bgsave bgrewriteaof swapdb readonly readwrite asking client script function config ' +
    'subscribe psubscribe ssubscribe unsubscribe punsubscribe sunsubscribe publish spublish'
  ).split(' '),
)
const ROWS: ReadonlyMap<string, Rows> = new Map<string, Rows>([
  ['hgetall', Rows.Pairs],
  ['zpopmin', Rows.Pairs],
  ['zpopmax', Rows.Pairs],
  ['zrange', Rows.PairsWith],
  ['zrangebyscore', Rows.PairsWith],
  ['zrevrange', Rows.PairsWith],
  ['zrevrangebyscore', Rows.PairsWith],
  ['zunion', Rows.PairsWith],
  ['zinter', Rows.PairsWith],
  ['zdiff', Rows.PairsWith],
  ['zrandmember', Rows.PairsWith],
  ['hrandfield', Rows.PairsWith],
  ['scan', Rows.Scan],
  ['sscan', Rows.Scan],
  ['hscan', Rows.ScanPairs],
  ['zscan', Rows.ScanPairs],
  ['blpop', Rows.KeyedOne],
  ['brpop', Rows.KeyedOne],
  ['bzpopmin', Rows.KeyedOne],
  ['bzpopmax', Rows.KeyedOne],
  ['lmpop', Rows.KeyedList],
  ['blmpop', Rows.KeyedList],
  ['zmpop', Rows.KeyedList],
  ['bzmpop', Rows.KeyedList],
  ['xread', Rows.Streams],
  ['xreadgroup', Rows.Streams],
])

/** The rows rule of command `name` (lower case). */
export function rowsRule(name: string): Rows {
  return ROWS.get(name) ?? (STATUS.has(name) ? Rows.Status : Rows.Plain)
}

/** What a reply says was written. */
export enum Affected {
  /** Nothing: a read, or a write whose reply does not say (EVAL, FLUSHDB). */
  None,
  /** The integer reply (DEL, HSET, SADD, EXPIRE…). */
  Integer,
  /** 1 unless the reply is nil (SET, INCR, LSET, XADD…). */
  One,
  /** Half the arguments: the keys of MSET, the fields of HMSET (after the key). */
  HalfArgs,
  /** MSETNX: half the arguments when the reply is 1. */
  HalfArgsIfOne,
  /** The elements pushed (LPUSH, RPUSH) when the reply is not 0. */
  Pushed,
  /** The elements removed or moved: the rows returned (LPOP, SPOP, BLPOP, LMOVE). */
  Popped,
  /** 1 when the integer reply is positive (LINSERT returns the new length, -1 or 0). */
  Positive,
}

const AFFECTED: ReadonlyMap<string, Affected> = new Map<string, Affected>([
  ...'del unlink hdel hset hsetnx srem sadd zrem zadd setnx expire pexpire expireat pexpireat persist renamenx smove pfadd copy xdel xtrim lrem sinterstore sunionstore sdiffstore zunionstore zinterstore zdiffstore zrangestore zremrangebyscore zremrangebyrank zremrangebylex geoadd'
    .split(' ')
    .map((name): [string, Affected] => [name, Affected.Integer]),
  ...'set setex psetex getset setrange append incr incrby incrbyfloat decr decrby hincrby hincrbyfloat zincrby lset ltrim rename restore setbit xadd'
    .split(' ')
    .map((name): [string, Affected] => [name, Affected.One]),
  ['mset', Affected.HalfArgs],
  ['hmset', Affected.HalfArgs],
  ['msetnx', Affected.HalfArgsIfOne],
  ...'lpush rpush lpushx rpushx'.split(' ').map((name): [string, Affected] => [name, Affected.Pushed]),
  ...'lpop rpop spop zpopmin zpopmax blpop brpop bzpopmin bzpopmax lmpop blmpop zmpop bzmpop lmove blmove rpoplpush brpoplpush getdel'
    .split(' ')
    .map((name): [string, Affected] => [name, Affected.Popped]),
  ['linsert', Affected.Positive],
])

/** The affected rule of command `name` (lower case). */
export function affectedRule(name: string): Affected {
  return AFFECTED.get(name) ?? Affected.None
}
