import { isInstrumented, type Method, markInstrumented, safely } from '@querycost/core/driver'
import { instrumentPool } from './pool.js'
import type { MysqlClusterNodeLike, MysqlPoolClusterLike } from './types.js'

/**
 * Instruments a callback-API `PoolCluster` in place. Every way into a cluster
 * (`cluster.getConnection`, `cluster.of(pattern).query/execute/getConnection`, the
 * promise cluster) reaches a node's pool through `_getConnection(node, cb)`; the
 * node's pool is instrumented there, the first time it is used, so nodes added after
 * `instrument()` are covered too.
 */
export function instrumentCluster<C extends MysqlPoolClusterLike>(cluster: C): C {
  if (isInstrumented(cluster)) return cluster
  const original = cluster._getConnection as Method
  if (typeof original !== 'function') {
    throw new TypeError(
      '@querycost/mysql2: this PoolCluster has no _getConnection(node, cb); use mysql2 >= 3.0, or instrument each node pool',
    )
  }
  cluster._getConnection = function _getConnection(this: unknown, node: MysqlClusterNodeLike, callback: unknown): unknown {
    if (node !== null && typeof node === 'object' && node.pool !== null && typeof node.pool === 'object')
      safely('mysql2 cluster node', instrumentPool, node.pool)
    return original.call(this, node, callback)
  }
  markInstrumented(cluster)
  return cluster
}
