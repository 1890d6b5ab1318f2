import { measureCost } from '@querycost/core'
import { describe, expect, it, vi } from 'vitest'
import { affectedRule, rowsRule } from '../src/commands.js'
import { instrument } from '../src/index.js'
import { defaultTable, TableMapper } from '../src/key-prefix.js'
import { MAX_TABLES } from '../src/options.js'
import { affectedOf, rowsOf } from '../src/result.js'

const b = (s: string) => Buffer.from(s)

function figures(name: string, args: unknown[], reply: unknown): [number, number] {
  const rows = rowsOf(rowsRule(name), args, reply)
  return [rows, affectedOf(affectedRule(name), args, reply, rows)]
}

describe('reply → rows and affected', () => {
  it.each([
    ['get', ['k'], b('v'), [1, 0]],
    ['get', ['k'], null, [0, 0]],
    ['set', ['k', 'v'], b('OK'), [0, 1]],
    ['set', ['k', 'v', 'NX'], null, [0, 0]],
    ['ping', [], b('PONG'), [0, 0]],
    ['type', ['k'], b('hash'), [0, 0]],
    ['incr', ['k'], 5, [0, 1]],
    ['del', ['a', 'b', 'c'], 2, [0, 2]],
    ['del', ['a'], '2', [0, 2]], // stringNumbers
    ['hset', ['h', 'f1', 'v', 'f2', 'v'], 1, [0, 1]],
    ['hmset', ['h', 'f1', 'v', 'f2', 'v'], b('OK'), [0, 2]],
    ['mset', ['a', '1', 'b', '2', 'c', '3'], b('OK'), [0, 3]],
    ['msetnx', ['a', '1', 'b', '2'], 0, [0, 0]],
    ['msetnx', ['a', '1', 'b', '2'], 1, [0, 2]],
    ['lpush', ['l', 'x', 'y', 'z'], 7, [0, 3]],
    ['lpushx', ['l', 'x'], 0, [0, 0]],
    ['lpop', ['l'], b('x'), [1, 1]],
    ['lpop', ['l', '3'], [b('x'), b('y')], [2, 2]],
    ['blpop', ['l', '1'], [b('l'), b('x')], [1, 1]],
    ['blpop', ['l', '1'], null, [0, 0]],
    ['bzpopmin', ['z', '1'], [b('z'), b('m'), b('1')], [1, 1]],
    ['mget', ['a', 'b', 'c'], [b('1'), null, b('3')], [2, 0]],
    ['hgetall', ['h'], [b('f1'), b('v1'), b('f2'), b('v2')], [2, 0]],
    ['zrange', ['z', '0', '-1'], [b('a'), b('b'), b('c')], [3, 0]],
    ['zrange', ['z', '0', '-1', 'WITHSCORES'], [b('a'), b('1'), b('b'), b('2')], [2, 0]],
    ['zpopmin', ['z'], [b('a'), b('1')], [1, 1]],
    ['scan', ['0', 'MATCH', 'x*'], [b('17'), [b('x1'), b('x2')]], [2, 0]],
    ['hscan', ['h', '0'], [b('0'), [b('f'), b('v'), b('g'), b('w')]], [2, 0]],
    [
      'xread',
      ['STREAMS', 's', '0'],
      [
        [
          b('s'),
          [
            [b('1-0'), [b('f'), b('v')]],
            [b('2-0'), [b('f'), b('v')]],
          ],
        ],
      ],
      [2, 0],
    ],
    ['lmpop', ['1', 'l', 'LEFT', 'COUNT', '2'], [b('l'), [b('a'), b('b')]], [2, 2]],
    ['xadd', ['s', '*', 'f', 'v'], b('1-0'), [1, 1]],
    ['expire', ['k', '10'], 0, [0, 0]],
    ['linsert', ['l', 'BEFORE', 'x', 'y'], 4, [0, 1]],
    ['linsert', ['l', 'BEFORE', 'x', 'y'], -1, [0, 0]],
    ['subscribe', ['c1', 'c2'], 2, [0, 0]],
    ['publish', ['c', 'm'], 3, [0, 0]],
    ['eval', ['return 1', '0'], [b('a'), null, [b('x')]], [2, 0]],
    ['exec', [], [b('OK'), b('x')], [0, 0]], // EXEC's rows go to the queued commands
  ])('%s %j', (name, args, reply, want) => {
    expect(figures(name as string, args as unknown[], reply)).toEqual(want)
  })
})

describe('key → table', () => {
  it('is the key up to its first colon, or the whole key when short, else one bucket', () => {
    expect(defaultTable('user:42:name')).toBe('user')
    expect(defaultTable('counter')).toBe('counter')
    expect(defaultTable(':odd')).toBe(':odd')
    expect(defaultTable('x'.repeat(32))).toBe('x'.repeat(32))
    expect(defaultTable('x'.repeat(33))).toBe('(no prefix)')
    expect(defaultTable('session-8c1f0e9a-4a7b-4d0e-9f8e-2b1c3d4e5f60')).toBe('(no prefix)')
    const long = defaultTable(`${'p'.repeat(300)}:1`)
    expect(long).toHaveLength(128)
    expect(long).toMatch(/^p{119}…[0-9a-f]{8}$/)
    expect(defaultTable(`${'p'.repeat(299)}q:1`)).not.toBe(long)
    const mapper = new TableMapper('app:', undefined)
    expect(mapper.tableOf(`app:${'k'.repeat(100_000)}`)).toBe('(no prefix)')
    expect(mapper.tableOf('app:short')).toBe('short')
  })

  it("strips the client's keyPrefix (string or Buffer keys) and applies the user's mapping", () => {
    const mapper = new TableMapper('app:', undefined)
    expect(mapper.tableOf('app:session:1')).toBe('session')
    expect(mapper.tableOf(Buffer.from('app:cart:9'))).toBe('cart')
    expect(mapper.tableOf('other:1')).toBe('other')
    const custom = new TableMapper('app:', (key) => key.split(':').slice(0, 2).join(':'))
    expect(custom.tableOf('app:a:b:c')).toBe('a:b')
  })

  it('falls back to the default when the user function throws, and bounds distinct names', () => {
    const throwing = new TableMapper(undefined, () => {
      throw new Error('boom')
    })
    const lines: string[] = []
    const spy = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => lines.push(String(chunk)) > 0)
    try {
      expect(throwing.tableOf('x:1')).toBe('x')
    } finally {
      spy.mockRestore()
    }
    // The user's mapper failing is reported once, as one structured line (asserted, not printed).
    expect(lines.map((line) => JSON.parse(line))).toMatchObject([
      { level: 'error', where: 'ioredis options.table', error: expect.stringContaining('boom') },
    ])
    const mapper = new TableMapper(undefined, undefined)
    for (let i = 0; i < MAX_TABLES; i++) expect(mapper.tableOf(`k${i}`)).toBe(`k${i}`)
    expect(mapper.tableOf('one-too-many')).toBe('(other)')
    expect(mapper.tableOf('k0')).toBe('k0')
  })
})

/** A stand-in for an ioredis client: enough for instrument() to run without a server. */
class FakeCommand {
  resolve!: (v: unknown) => void
  reject!: (e: unknown) => void
  promise: Promise<unknown>
  inTransaction = false
  constructor(
    public name: string,
    public args: unknown[],
  ) {
    this.promise = new Promise((resolve, reject) => {
      this.resolve = resolve
      this.reject = reject
    })
  }
}

class FakeClient {
  status = 'ready'
  options = {}
  isCluster = true // like a Cluster: no setStatus hook
  sent: FakeCommand[] = []
  sendCommand(command: FakeCommand) {
    this.sent.push(command)
    return command.promise
  }
  pipeline() {
    return { isPipeline: true, sendCommand: (c: FakeCommand) => c }
  }
  multi() {
    return this.pipeline()
  }
}

describe('instrument() without a server', () => {
  it('counts a Command object once however often it is sent, and ends it from its reply', async () => {
    const client = instrument(new FakeClient())
    const { report } = await measureCost(async () => {
      const command = new FakeCommand('mget', ['a:1', 'b:2', 'a:3'])
      client.sendCommand(command)
      client.sendCommand(command) // offline-queue replay / cluster redirection
      command.resolve([Buffer.from('x'), null, Buffer.from('y')])
      await command.promise
    })
    expect(report.total).toMatchObject({ count: 1, rows: 2, affected: 0 })
    expect(Object.keys(report.tables).sort()).toEqual(['redis:a', 'redis:b'])
    expect(instrument(client)).toBe(client)
  })

  it('does not count set-up commands sent while connecting', async () => {
    const client = instrument(new FakeClient())
    client.status = 'connect'
    const { report } = await measureCost(async () => {
      const auth = new FakeCommand('auth', ['pw'])
      client.sendCommand(auth)
      auth.resolve(Buffer.from('OK'))
      await auth.promise
    })
    expect(report.total.count).toBe(0)
  })

  it('rejects what is not an ioredis client, naming the fix', () => {
    expect(() => instrument({} as never)).toThrow(/instrument\(new Redis\(url\)\)/)
    expect(() => instrument(new FakeClient(), { table: 'x' as never })).toThrow(/options.table must be a function/)
  })

  it('instruments a duplicate(), but not the slot refresher a Cluster duplicates from a node', () => {
    class Node extends FakeClient {
      override isCluster = false
      made: Node[] = []
      duplicate(_override?: object): Node {
        const copy = new Node()
        this.made.push(copy)
        return copy
      }
    }
    const node = instrument(new Node())
    const mine = node.duplicate()
    const refresher = node.duplicate({ connectionName: 'ioredis-cluster(refresher)', enableReadyCheck: false })
    expect(Object.hasOwn(mine, 'sendCommand')).toBe(true)
    expect(Object.hasOwn(refresher, 'sendCommand')).toBe(false)
  })
})
