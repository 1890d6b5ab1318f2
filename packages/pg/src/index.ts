export { instrument } from './instrument.js'
export { instrumentModule } from './module.js'
export type { PgClientLike, PgPoolLike, PgModuleLike } from './types.js'
