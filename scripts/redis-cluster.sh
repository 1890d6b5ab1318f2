#!/usr/bin/env bash
# A private Redis Cluster for the integration suite (integration/test/ioredis/cluster.test.ts):
# three masters, no replicas, no persistence, from this machine's redis-server and redis-cli.
#
#   scripts/redis-cluster.sh start [port...]   starts it unless it is up; prints the seed list
#   scripts/redis-cluster.sh stop  [port...]   shuts its nodes down and removes its directory
#   scripts/redis-cluster.sh status [port...]  prints the seed list if it is up, else fails
#
# Ports: the arguments, else $QUERYCOST_REDIS_CLUSTER_PORTS, else 7101 7102 7103 (each node's
# cluster bus is its port + 10000). Its files live in ${TMPDIR:-/tmp}/querycost-redis-cluster-<first port>.
# `start` is idempotent: a cluster already up on those ports is left alone; nodes that are
# down are started; a set of nodes that do not form one healthy cluster is rebuilt.
# The seed list (127.0.0.1:7101,127.0.0.1:7102,127.0.0.1:7103) is what QUERYCOST_REDIS_CLUSTER takes.
set -euo pipefail

cmd=${1:-}
[ $# -gt 0 ] && shift
if [ $# -gt 0 ]; then ports=("$@"); else read -r -a ports <<<"${QUERYCOST_REDIS_CLUSTER_PORTS:-7101 7102 7103}"; fi
[ ${#ports[@]} -ge 3 ] || { echo "redis-cluster: a cluster needs at least 3 masters (ports: ${ports[*]})" >&2; exit 2; }
host=127.0.0.1
dir="${TMPDIR:-/tmp}/querycost-redis-cluster-${ports[0]}"

log() { printf '[redis-cluster] %s\n' "$*" >&2; }
cli() { local port=$1; shift; redis-cli -h "$host" -p "$port" "$@" 2>/dev/null; }
seeds() { local IFS=,; local s=(); for p in "${ports[@]}"; do s+=("$host:$p"); done; echo "${s[*]}"; }
info_field() { cli "$1" cluster info | tr -d '\r' | sed -n "s/^$2://p"; }

# Every node answers, says cluster_state:ok, and knows exactly the cluster's nodes.
healthy() {
  for p in "${ports[@]}"; do
    [ "$(info_field "$p" cluster_state)" = ok ] || return 1
    [ "$(info_field "$p" cluster_known_nodes)" = "${#ports[@]}" ] || return 1
    [ "$(info_field "$p" cluster_slots_assigned)" = 16384 ] || return 1
  done
}

# Every node is new: it knows only itself and holds no slot.
fresh() {
  for p in "${ports[@]}"; do
    [ "$(info_field "$p" cluster_known_nodes)" = 1 ] && [ "$(info_field "$p" cluster_slots_assigned)" = 0 ] || return 1
  done
}

stop() {
  for p in "${ports[@]}"; do
    if cli "$p" ping | grep -q PONG; then cli "$p" shutdown nosave >/dev/null || true; fi
  done
  for p in "${ports[@]}"; do
    for _ in $(seq 1 50); do cli "$p" ping | grep -q PONG || break; sleep 0.1; done
  done
  rm -rf "$dir"
}

start_node() {
  local p=$1
  mkdir -p "$dir/$p"
  redis-server --port "$p" --bind "$host" --daemonize yes \
    --cluster-enabled yes --cluster-config-file "$dir/$p/nodes.conf" --cluster-node-timeout 5000 \
    --save "" --appendonly no --dir "$dir/$p" --logfile "$dir/$p/redis.log" --pidfile "$dir/$p/redis.pid"
  for _ in $(seq 1 50); do cli "$p" ping | grep -q PONG && return 0; sleep 0.1; done
  log "node $p did not start (see $dir/$p/redis.log)"
  return 1
}

start() {
  if healthy; then seeds; return 0; fi
  for p in "${ports[@]}"; do
    cli "$p" ping | grep -q PONG || start_node "$p"
  done
  if ! fresh; then
    # Restarted nodes rejoin from their nodes.conf: give them a moment to agree.
    for _ in $(seq 1 30); do healthy && { seeds; return 0; }; sleep 0.2; done
    log "nodes on ${ports[*]} do not form one healthy cluster: rebuilding it"
    stop
    for p in "${ports[@]}"; do start_node "$p"; done
  fi
  local addrs=()
  for p in "${ports[@]}"; do addrs+=("$host:$p"); done
  log "creating a cluster of ${#ports[@]} masters on ${ports[*]} (files in $dir)"
  redis-cli --cluster create "${addrs[@]}" --cluster-replicas 0 --cluster-yes >"$dir/create.log" 2>&1 || {
    cat "$dir/create.log" >&2
    return 1
  }
  for _ in $(seq 1 150); do healthy && { seeds; return 0; }; sleep 0.2; done
  log "the cluster on ${ports[*]} did not reach cluster_state:ok"
  return 1
}

case "$cmd" in
  start) start ;;
  stop) stop ;;
  status) healthy && seeds ;;
  *) echo "usage: $0 start|stop|status [port...]" >&2; exit 2 ;;
esac
