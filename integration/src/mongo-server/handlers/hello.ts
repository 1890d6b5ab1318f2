import { ObjectId } from 'bson'
import type { Handler } from '../context.js'

const ELECTION = new ObjectId('7fffffff0000000000000001')

/**
 * `hello` / `isMaster`: a one-member replica set's primary (so the driver allows
 * sessions, retryable writes and transactions), wire versions of MongoDB 7.0. No
 * `topologyVersion`, so the driver's monitor polls instead of streaming.
 */
export const hello: Handler = (command, ctx) => ({
  helloOk: true,
  isWritablePrimary: true,
  ismaster: true,
  secondary: false,
  setName: 'querycost',
  setVersion: 1,
  electionId: ELECTION,
  hosts: [ctx.address],
  primary: ctx.address,
  me: ctx.address,
  maxBsonObjectSize: 16 * 1024 * 1024,
  maxMessageSizeBytes: 48_000_000,
  maxWriteBatchSize: 100_000,
  localTime: new Date(),
  logicalSessionTimeoutMinutes: 30,
  connectionId: ctx.connectionId,
  minWireVersion: 0,
  maxWireVersion: 21,
  readOnly: false,
  ...(command.saslSupportedMechs === undefined ? {} : { saslSupportedMechs: [] }),
  ok: 1,
})

/** `buildInfo`: the version this server stands in for. */
export const buildInfo: Handler = () => ({
  version: '7.0.0',
  versionArray: [7, 0, 0, 0],
  gitVersion: 'querycost-test-server',
  bits: 64,
  maxBsonObjectSize: 16 * 1024 * 1024,
  ok: 1,
})

/** Commands that only answer `ok` (`ping`, `endSessions`). */
export const ok: Handler = () => ({ ok: 1 })
