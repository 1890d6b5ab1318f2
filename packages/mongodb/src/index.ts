export { instrument } from './instrument.js'
export { instrumentModule } from './module.js'
export { shape } from './shape.js'
export type {
  CommandDocument,
  CommandFailedEventLike,
  CommandStartedEventLike,
  CommandSucceededEventLike,
  MongoClientLike,
  MongoModuleLike,
} from './types.js'
