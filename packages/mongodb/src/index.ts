export { instrument } from './instrument.js'
export { instrumentModule } from './module.js'
export { shape } from './shape.js'
export type { CommandDocument, MongoClientLike, MongoModuleLike } from './types.js'
