export { instrument } from './instrument.js'
export { instrumentModule } from './module.js'
export type {
  MysqlConnectionLike,
  MysqlInstrumentable,
  MysqlModuleLike,
  MysqlPoolClusterLike,
  MysqlPoolLike,
  MysqlPromiseConnectionLike,
  MysqlPromisePoolClusterLike,
  MysqlPromisePoolLike,
} from './types.js'
