import { measureCost } from '@querycost/core'
import Command from 'ioredis/built/Command.js'
import { describe, expect, it } from 'vitest'
import { instrument } from '../src/index.js'

// Real ioredis Commands through a fake client: no server. The fake's sendCommand
// stands for ioredis's, so what it does to a command is what ioredis (or an APM
// wrapping ioredis's prototype) does inside querycost's wrapper.

type Cmd = InstanceType<typeof Command> & { resolve(value: unknown): unknown; reject(error: unknown): unknown; promise: Promise<unknown> }

const get = (key: string): Cmd => new Command('get', [key], { replyEncoding: 'utf8' }) as Cmd

class FakeRedis {
  status = 'ready'
  options = {}
  sent: Cmd[] = []
  sendCommand(command: Cmd): unknown {
    this.sent.push(command)
    return command.promise
  }
  pipeline(): unknown {
    const client = this
    const queue: Cmd[] = []
    return {
      isPipeline: true,
      sendCommand(command: Cmd) {
        queue.push(command)
        return this
      },
      exec() {
        for (const command of queue) client.sendCommand(command)
      },
    }
  }
  multi(): unknown {
    return this.pipeline()
  }
}

/** What OpenTelemetry's ioredis instrumentation does: wraps resolve/reject after the send, calls the old ones detached. */
class ApmWrapped extends FakeRedis {
  hooked = 0
  override sendCommand(command: Cmd): unknown {
    const result = super.sendCommand(command)
    const resolve = command.resolve
    const reject = command.reject
    command.resolve = (value: unknown) => {
      this.hooked++
      return resolve(value)
    }
    command.reject = (error: unknown) => {
      this.hooked++
      return reject(error)
    }
    return result
  }
}

describe('reply hooks', () => {
  it('ends the operation and settles the command through the shared hooks', async () => {
    const redis = instrument(new FakeRedis())
    const { result, report } = await measureCost(async () => {
      const ok = get('user:1')
      const bad = get('user:2')
      redis.sendCommand(ok)
      redis.sendCommand(bad)
      ok.resolve(Buffer.from('alice'))
      bad.reject(new Error('boom'))
      return [await ok.promise, await bad.promise.catch((error: Error) => error.message)]
    })
    expect(result).toEqual(['alice', 'boom'])
    expect(report.total).toMatchObject({ count: 2, rows: 1, errors: 1 })
  })

  it('still knows the command when a hook put on top of it inside the send calls it detached', async () => {
    const fake = new ApmWrapped()
    const redis = instrument(fake)
    const { result, report } = await measureCost(async () => {
      const ok = get('user:1')
      const bad = get('user:2')
      redis.sendCommand(ok)
      redis.sendCommand(bad)
      ok.resolve(Buffer.from('alice'))
      bad.reject(new Error('boom'))
      return [await ok.promise, await bad.promise.catch((error: Error) => error.message)]
    })
    expect(result).toEqual(['alice', 'boom'])
    expect(fake.hooked).toBe(2)
    expect(report.total).toMatchObject({ count: 2, rows: 1, errors: 1 })
  })

  it('counts a command sent again once, and re-hooks one whose promise ioredis re-armed', async () => {
    const fake = new FakeRedis()
    const redis = instrument(fake)
    const { result, report } = await measureCost(async () => {
      const command = get('user:1')
      const pipeline = redis.pipeline() as { sendCommand(c: Cmd): unknown; exec(): void }
      pipeline.sendCommand(command)
      pipeline.exec()
      redis.sendCommand(command) // an offline-queue replay
      ;(command as unknown as { initPromise(): void }).initPromise() // a cluster pipeline retry
      pipeline.sendCommand(command)
      command.resolve(Buffer.from('alice'))
      return command.promise
    })
    expect(result).toBe('alice')
    expect(report.total).toMatchObject({ count: 1, rows: 1 })
  })

  it('ends the commands of a transaction with the EXEC reply, a replayed EXEC closing nothing twice', async () => {
    const fake = new FakeRedis()
    const redis = instrument(fake)
    const { report } = await measureCost(async () => {
      const multi = new Command('multi', []) as Cmd
      const a = get('user:1')
      const b = get('user:2')
      const exec = new Command('exec', []) as Cmd
      for (const command of [multi, a, b, exec]) redis.sendCommand(command)
      redis.sendCommand(exec) // replayed: still closes only the first transaction
      multi.resolve(Buffer.from('OK'))
      a.resolve(Buffer.from('QUEUED'))
      b.resolve(Buffer.from('QUEUED'))
      exec.resolve([Buffer.from('alice'), null])
      await Promise.all([multi.promise, a.promise, b.promise, exec.promise])
    })
    expect(report.total).toMatchObject({ count: 4, rows: 1, errors: 0 })
  })
})
