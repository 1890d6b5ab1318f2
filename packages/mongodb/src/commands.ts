import type { CommandDocument } from './types.js'

/**
 * Commands the driver sends on its own: connection handshakes and heartbeats,
 * authentication, and the `endSessions` it sends on close. Never operations.
 */
export const NOT_OPERATIONS: ReadonlySet<string> = new Set([
  'hello',
  'isMaster',
  'ismaster',
  'saslStart',
  'saslContinue',
  'authenticate',
  'getnonce',
  'endSessions',
])

/** The collection a command works on, or `undefined` when it names none (`ping`, `commitTransaction`). */
export function collectionOf(name: string, command: CommandDocument): string | undefined {
  if (name === 'getMore') return typeof command.collection === 'string' ? command.collection : undefined
  const value = command[name]
  return typeof value === 'string' && value.length > 0 ? value : undefined
}

/** The part of a command whose shape identifies it for repetition: its filter, query or pipeline. */
export function filterOf(name: string, command: CommandDocument): unknown {
  switch (name) {
    case 'find':
      return command.filter
    case 'aggregate':
      return command.pipeline
    case 'update':
      return (command.updates as { q?: unknown }[] | undefined)?.[0]?.q
    case 'delete':
      return (command.deletes as { q?: unknown }[] | undefined)?.[0]?.q
    case 'findAndModify':
    case 'count':
    case 'distinct':
      return command.query
    default:
      return undefined
  }
}
