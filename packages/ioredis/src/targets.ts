import { makeTarget, NO_TABLE, type OperationTarget } from '@querycost/core/driver'
import { type Affected, affectedRule, Keys, keysRule, type Rows, rowsRule } from './commands.js'
import type { TableMapper } from './key-prefix.js'
import type { CommandLike } from './types.js'

/** What a command is to a transaction. */
export enum Verb {
  Other,
  /** MULTI opens one. */
  Multi,
  /** EXEC or DISCARD closes one. */
  Close,
}

/** What is known of one command name, computed once. */
export interface CommandInfo {
  readonly name: string
  /** Upper-case: the operation name in reports. */
  readonly verb: string
  /** Lower-case: the name the rules are keyed by. */
  readonly lower: string
  readonly kind: Verb
  readonly keys: Keys
  readonly rows: Rows
  readonly affected: Affected
  /** Targets of this command, per table set. */
  readonly targets: Map<string, OperationTarget>
  /** The last single-table target handed out, and its table: runs of one shape skip the map. */
  lastTable: string | undefined
  lastTarget: OperationTarget | undefined
}

// Bounds: Redis has a few hundred commands, but `redis.call(name)` takes anything;
// a key space can produce many table sets. Past a bound a map is simply cleared.
const MAX_NAMES = 1024
const MAX_TARGETS_PER_NAME = 1024

const infos = new Map<string, CommandInfo>()
/** The last info handed out: a command's name is looked up when it is queued, sent and ended. */
let last: CommandInfo | undefined

/** The {@link CommandInfo} of a command name, cached. */
export function infoOf(name: string): CommandInfo {
  if (last !== undefined && last.name === name) return last
  let info = infos.get(name)
  if (info !== undefined) {
    last = info
    return info
  }
  const lower = name.toLowerCase()
  info = {
    name,
    verb: name.toUpperCase(),
    lower,
    kind: lower === 'multi' ? Verb.Multi : lower === 'exec' || lower === 'discard' ? Verb.Close : Verb.Other,
    keys: keysRule(lower),
    rows: rowsRule(lower),
    affected: affectedRule(lower),
    targets: new Map(),
    lastTable: undefined,
    lastTarget: undefined,
  }
  if (infos.size >= MAX_NAMES) infos.clear()
  infos.set(name, info)
  last = info
  return info
}

function targetFor(info: CommandInfo, key: string, tables: readonly string[]): OperationTarget {
  let target = info.targets.get(key)
  if (target !== undefined) return target
  const fingerprint = tables[0] === NO_TABLE ? info.verb : `${info.verb} ${tables.join(' ')}`
  target = makeTarget('redis', info.verb, tables, fingerprint)
  if (info.targets.size >= MAX_TARGETS_PER_NAME) info.targets.clear()
  info.targets.set(key, target)
  return target
}

function single(info: CommandInfo, table: string): OperationTarget {
  if (table === info.lastTable) return info.lastTarget as OperationTarget
  const target = info.targets.get(table) ?? targetFor(info, table, [table])
  info.lastTable = table
  info.lastTarget = target
  return target
}

function many(info: CommandInfo, mapper: TableMapper, keys: readonly unknown[], from: number, step: number): OperationTarget {
  if (keys.length <= from) return single(info, NO_TABLE)
  if (keys.length <= from + step) return single(info, mapper.tableOf(keys[from]))
  const first = mapper.tableOf(keys[from])
  // Keys of one table (the usual MGET, DEL): no list, no joined cache key.
  let tables: string[] | undefined
  for (let i = from + step; i < keys.length; i += step) {
    const table = mapper.tableOf(keys[i])
    if (tables === undefined) {
      if (table !== first) tables = [first, table]
    } else if (!tables.includes(table)) tables.push(table)
  }
  return tables === undefined ? single(info, first) : targetFor(info, tables.join('\u0000'), tables)
}

/**
 * The target of one command: its verb and the distinct tables of its keys (keyless
 * commands go to `(none)`). Repeated shapes get the same frozen object back.
 */
export function targetOf(info: CommandInfo, mapper: TableMapper, command: CommandLike): OperationTarget {
  const args = command.args
  switch (info.keys) {
    case Keys.First:
      return args.length === 0 ? single(info, NO_TABLE) : single(info, mapper.tableOf(args[0]))
    case Keys.All:
      return many(info, mapper, args, 0, 1)
    case Keys.Pairs:
      return many(info, mapper, args, 0, 2)
    default: {
      let keys: unknown[] = []
      try {
        keys = typeof command.getKeys === 'function' ? command.getKeys() : []
      } catch {
        // ioredis could not parse this command's keys: report it keyless.
      }
      return many(info, mapper, keys, 0, 1)
    }
  }
}
