import { makeTarget, NO_TABLE, type OperationTarget } from '@querycost/core/driver'
import { type Affected, affectedRule, Keys, keysRule, type Rows, rowsRule } from './commands.js'
import type { TableMapper } from './key-prefix.js'
import type { CommandLike } from './types.js'

/** What is known of one command name, computed once. */
export interface CommandInfo {
  readonly name: string
  /** Upper-case: the operation name in reports. */
  readonly verb: string
  /** Lower-case: the name the rules are keyed by. */
  readonly lower: string
  readonly keys: Keys
  readonly rows: Rows
  readonly affected: Affected
  /** Targets of this command, per table set. */
  readonly targets: Map<string, OperationTarget>
}

// Bounds: Redis has a few hundred commands, but `redis.call(name)` takes anything;
// a key space can produce many table sets. Past a bound a map is simply cleared.
const MAX_NAMES = 1024
const MAX_TARGETS_PER_NAME = 1024

const infos = new Map<string, CommandInfo>()

/** The {@link CommandInfo} of a command name, cached. */
export function infoOf(name: string): CommandInfo {
  let info = infos.get(name)
  if (info !== undefined) return info
  const lower = name.toLowerCase()
  info = {
    name,
    verb: name.toUpperCase(),
    lower,
    keys: keysRule(lower),
    rows: rowsRule(lower),
    affected: affectedRule(lower),
    targets: new Map(),
  }
  if (infos.size >= MAX_NAMES) infos.clear()
  infos.set(name, info)
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
  return info.targets.get(table) ?? targetFor(info, table, [table])
}

function many(info: CommandInfo, mapper: TableMapper, keys: readonly unknown[], from: number, step: number): OperationTarget {
  if (keys.length <= from) return single(info, NO_TABLE)
  if (keys.length <= from + step) return single(info, mapper.tableOf(keys[from]))
  const tables: string[] = []
  for (let i = from; i < keys.length; i += step) {
    const table = mapper.tableOf(keys[i])
    if (!tables.includes(table)) tables.push(table)
  }
  return tables.length === 1 ? single(info, tables[0] as string) : targetFor(info, tables.join('\u0000'), tables)
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
