#!/bin/sh
# Runs a command in a network namespace of its own (Linux, root, `unshare` from util-linux)
# with a Redis of its own on 127.0.0.1:6379, so a suite hard-wired to the default port
# (ioredis's: `new Redis()` and raw sockets to 6379, FLUSHALL after every test) never
# touches the machine's Redis. PostgreSQL and MySQL are not reachable in there.
#
#   integration/driver-suites/private-redis.sh npm run test:driver-suites -- ioredis
set -eu
if [ "${QC_IN_PRIVATE_NET:-}" != 1 ]; then
  QC_IN_PRIVATE_NET=1 exec unshare --net "$0" "$@"
fi
ip link set lo up
dir=$(mktemp -d)
redis-server --port 6379 --bind 127.0.0.1 -::1 --save "" --appendonly no --dir "$dir" \
  --daemonize yes --pidfile "$dir/redis.pid" --logfile "$dir/redis.log"
for _ in $(seq 1 50); do redis-cli -p 6379 ping >/dev/null 2>&1 && break; sleep 0.1; done
code=0
"$@" || code=$?
redis-cli -p 6379 shutdown nosave >/dev/null 2>&1 || true
rm -rf "$dir"
exit "$code"
