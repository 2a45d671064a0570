#!/usr/bin/env bash
# A MariaDB primary/replica pair for the replica suite (issue #18 item 2), beside the machine's own server
# (which runs without a binary log and cannot be restarted by CI): a primary on $REPLICA_PRIMARY_PORT (3307,
# log-bin, server-id 1) and a replica on $REPLICA_PORT (3308, server-id 2) replicating it by GTID
# (MASTER_USE_GTID=slave_pos), each with its own data folder under $REPLICA_DIR (/tmp/onetable-replica).
#   bash scripts/mariadb-replica.sh start   # idempotent: leaves a running pair alone; prints the URLs
#   bash scripts/mariadb-replica.sh stop    # stops both servers (data folders are kept)
#   bash scripts/mariadb-replica.sh env     # TEST_MYSQL_URL=… TEST_REPLICA_URLS=… for eval
set -euo pipefail
dir="${REPLICA_DIR:-/tmp/onetable-replica}"
pport="${REPLICA_PRIMARY_PORT:-3307}"
rport="${REPLICA_PORT:-3308}"
user="${REPLICA_OS_USER:-$(id -un)}"
mariadbd=$(command -v mariadbd || echo /usr/sbin/mariadbd)

sql() { mysql --protocol=tcp -h127.0.0.1 -P"$1" -uroot -N -e "$2"; }
up() { mysqladmin --protocol=tcp -h127.0.0.1 -P"$1" -uroot ping >/dev/null 2>&1; }

start_one() { # name port server-id
  local name=$1 port=$2 id=$3 data="$dir/$1"
  if up "$port"; then return; fi
  if [ ! -d "$data/mysql" ]; then
    mkdir -p "$data"
    mariadb-install-db --no-defaults --datadir="$data" --user="$user" --auth-root-authentication-method=normal \
      --skip-test-db >"$dir/$name.install.log" 2>&1
  fi
  "$mariadbd" --no-defaults --datadir="$data" --port="$port" --bind-address=127.0.0.1 --socket="$dir/$name.sock" \
    --pid-file="$dir/$name.pid" --user="$user" --server-id="$id" --log-bin="$data/binlog" --binlog-format=ROW \
    --log-slave-updates --gtid-strict-mode=1 --skip-name-resolve --innodb-buffer-pool-size=64M \
    --character-set-server=utf8mb4 --collation-server=utf8mb4_unicode_ci --log-error="$dir/$name.err" &
  for _ in $(seq 1 60); do up "$port" && return; sleep 0.5; done
  echo "MariaDB $name on port $port did not start: see $dir/$name.err" >&2
  tail -5 "$dir/$name.err" >&2
  exit 1
}

case "${1:-start}" in
  start)
    mkdir -p "$dir"
    start_one primary "$pport" 1
    start_one replica "$rport" 2
    # Accounts are made locally on each server, out of the binary log (sql_log_bin=0): the replica's own
    # GTIDs would otherwise collide with the primary's.
    sql "$pport" "SET sql_log_bin=0; CREATE USER IF NOT EXISTS 'repl'@'127.0.0.1' IDENTIFIED BY 'repl'; GRANT REPLICATION SLAVE ON *.* TO 'repl'@'127.0.0.1'; CREATE USER IF NOT EXISTS 'root'@'127.0.0.1'; GRANT ALL ON *.* TO 'root'@'127.0.0.1' WITH GRANT OPTION"
    sql "$rport" "SET sql_log_bin=0; CREATE USER IF NOT EXISTS 'root'@'127.0.0.1'; GRANT ALL ON *.* TO 'root'@'127.0.0.1' WITH GRANT OPTION"
    if [ -z "$(sql "$rport" "SHOW SLAVE STATUS")" ]; then
      sql "$rport" "SET GLOBAL read_only=1; CHANGE MASTER TO MASTER_HOST='127.0.0.1', MASTER_PORT=$pport, MASTER_USER='repl', MASTER_PASSWORD='repl', MASTER_USE_GTID=slave_pos, MASTER_CONNECT_RETRY=1"
    fi
    sql "$rport" "SET GLOBAL read_only=1; START SLAVE"
    for _ in $(seq 1 30); do
      state=$(mysql --protocol=tcp -h127.0.0.1 -P"$rport" -uroot -e "SHOW SLAVE STATUS\G" | sed -n 's/^ *Slave_\(IO\|SQL\)_Running: //p' | tr '\n' ' ')
      [ "$state" = "Yes Yes " ] && break
      sleep 0.5
    done
    [ "$state" = "Yes Yes " ] || { echo "replication did not start (IO/SQL running: $state)" >&2; exit 1; }
    echo "TEST_MYSQL_URL=mysql://root@127.0.0.1:$pport TEST_REPLICA_URLS=mysql://root@127.0.0.1:$rport (GTID replication running)"
    ;;
  stop)
    for name in replica primary; do
      if [ -f "$dir/$name.pid" ]; then
        pid=$(cat "$dir/$name.pid")
        kill "$pid" 2>/dev/null || true
        for _ in $(seq 1 40); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
      fi
    done
    echo "stopped the pair on $pport/$rport"
    ;;
  env) echo "TEST_MYSQL_URL=mysql://root@127.0.0.1:$pport TEST_REPLICA_URLS=mysql://root@127.0.0.1:$rport" ;;
  *) echo "usage: $0 start|stop|env" >&2; exit 2 ;;
esac
