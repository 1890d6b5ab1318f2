#!/bin/sh
# Runs a command in a network namespace of its own (Linux, root, `unshare` from util-linux)
# with a MariaDB of its own on 127.0.0.1:3306 (user root, no password, database `test`),
# made for the run and deleted after: mysql2's `test/global` files change server-wide
# settings and create users, which a shared server must not see.
#
#   MYSQL_USER=root MYSQL_DATABASE=test QC_MYSQL2_DIR=/tmp/suites/node-mysql2 \
#     integration/driver-suites/private-mariadb.sh npm run test:driver-suites -- mysql2
set -eu
if [ "${QC_IN_PRIVATE_NET:-}" != 1 ]; then
  QC_IN_PRIVATE_NET=1 exec unshare --net "$0" "$@"
fi
ip link set lo up
dir=$(mktemp -d)
mariadb-install-db --no-defaults --datadir="$dir/data" --user=root --auth-root-authentication-method=normal >"$dir/install.log" 2>&1
/usr/sbin/mariadbd --no-defaults --datadir="$dir/data" --user=root --bind-address=127.0.0.1 --port=3306 \
  --socket="$dir/sock" --pid-file="$dir/pid" --log-error="$dir/error.log" &
for _ in $(seq 1 100); do mariadb -uroot -h127.0.0.1 -e 'SELECT 1' >/dev/null 2>&1 && break; sleep 0.2; done
# mariadb-install-db's anonymous users would shadow the users the change-user tests create.
mariadb -uroot -h127.0.0.1 -e "DELETE FROM mysql.global_priv WHERE User = ''; FLUSH PRIVILEGES; CREATE DATABASE IF NOT EXISTS test"
code=0
"$@" || code=$?
kill "$(cat "$dir/pid")"
wait || true
rm -rf "$dir"
exit "$code"
