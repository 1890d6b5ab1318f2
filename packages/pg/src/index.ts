export { instrument } from './instrument.js'
export { instrumentModule } from './module.js'
export type { PgClientLike, PgModuleLike, PgPoolLike } from './types.js'
