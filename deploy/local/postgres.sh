#!/usr/bin/env bash
# Local Postgres 17 + pgvector without Docker.
#
#   deploy/local/postgres.sh start|stop|status
#
# Debian bookworm has no pgvector package, trixie does: we debootstrap a minimal trixie
# root holding postgresql-17 and postgresql-17-pgvector once (cached, ~40 s), and run
# its server under chroot on 127.0.0.1:$PGPORT. The data directory lives in the
# checkout and is bind-mounted into the root, so checkouts share the binaries only.
#
# Set DATABASE_URL to use your own Postgres instead: nothing is provisioned and
# `start` only applies deploy/sql/bootstrap.sql (roles and schemas) with
# DATABASE_ADMIN_USER / DATABASE_ADMIN_PASSWORD.
source "$(dirname "$0")/common.sh"

PGPORT="${PGPORT:-5433}"
# Big enough to hold retrieval's HNSW index and passages at 100k chunks (~400 MB): smaller, every
# vector search reads pages back from the OS and takes several times longer. Allocated as used.
SHARED_BUFFERS="${POSTGRES_SHARED_BUFFERS:-1GB}"
DB_NAME="${DATABASE_NAME:-agentic_chat}"
ADMIN_USER="${DATABASE_ADMIN_USER:-postgres}"
ADMIN_PASSWORD="${DATABASE_ADMIN_PASSWORD:-postgres}"
PG_ROOT="$SUITE_CACHE/postgres17-trixie-root"
PG_BIN=/usr/lib/postgresql/17/bin
DATA_DIR="$LOCAL_DIR/postgres/data"
# Each checkout mounts its data at its own path inside the shared root.
MOUNT_POINT="/srv/pgdata-$(printf '%s' "$LOCAL_DIR" | md5sum | cut -c1-12)"
PIDFILE="$LOCAL_DIR/postgres/postmaster.pid.host"
LOGFILE="$LOCAL_DIR/postgres/postgres.log"

provision_root() {
  [[ -f $PG_ROOT/.complete ]] && return 0
  command -v debootstrap >/dev/null || {
    log "installing debootstrap (apt-get)"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq debootstrap >/dev/null
  }
  log "building a Debian trixie root with postgresql-17 + pgvector in $PG_ROOT (one time, ~1 min)"
  rm -rf "$PG_ROOT.partial"
  debootstrap --variant=minbase --include=postgresql-17,postgresql-17-pgvector \
    trixie "$PG_ROOT.partial" "${DEBIAN_MIRROR:-http://deb.debian.org/debian}" \
    > "$SUITE_CACHE/debootstrap.log" 2>&1 || die "debootstrap failed; see $SUITE_CACHE/debootstrap.log"
  rm -rf "$PG_ROOT" && mv "$PG_ROOT.partial" "$PG_ROOT"
  touch "$PG_ROOT/.complete"
}

in_root() { chroot --userspec=postgres:postgres "$PG_ROOT" "$@"; }

mount_data() {
  mkdir -p "$DATA_DIR" "$PG_ROOT$MOUNT_POINT"
  # A crash can leave an old mount behind (perhaps of a since-deleted folder): mount afresh.
  mountpoint -q "$PG_ROOT$MOUNT_POINT" && umount "$PG_ROOT$MOUNT_POINT"
  mount --bind "$DATA_DIR" "$PG_ROOT$MOUNT_POINT"
  local uid gid
  uid=$(chroot "$PG_ROOT" id -u postgres); gid=$(chroot "$PG_ROOT" id -g postgres)
  chown "$uid:$gid" "$DATA_DIR"; chmod 700 "$DATA_DIR"
  # The server's lock socket directory must exist inside the root.
  mkdir -p "$PG_ROOT/run/postgresql"; chown "$uid:$gid" "$PG_ROOT/run/postgresql"
}

init_cluster() {
  [[ -f $DATA_DIR/PG_VERSION ]] && return 0
  log "initialising a cluster in $DATA_DIR"
  local pwfile="$PG_ROOT/tmp/pwfile-$$" uid
  uid=$(chroot "$PG_ROOT" id -u postgres)
  (umask 077; printf '%s\n' "$ADMIN_PASSWORD" > "$pwfile"); chown "$uid" "$pwfile"
  in_root "$PG_BIN/initdb" -D "$MOUNT_POINT" -U "$ADMIN_USER" --pwfile="/tmp/pwfile-$$" \
    --auth-local=trust --auth-host=scram-sha-256 -E UTF8 --locale=C.UTF-8 >/dev/null \
    || { rm -f "$pwfile"; die "initdb failed"; }
  rm -f "$pwfile"
}

psql_admin() {
  local url=$1; shift
  if [[ -n ${DATABASE_URL:-} ]]; then
    command -v psql >/dev/null || {
      log "installing the Postgres client (apt-get) to apply deploy/sql/bootstrap.sql"
      apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql-client >/dev/null
    }
    PGPASSWORD="$ADMIN_PASSWORD" psql "$url" -U "$ADMIN_USER" -v ON_ERROR_STOP=1 -q "$@"
  else
    # The root's psql reaches the host's loopback: chroot shares the network.
    PGPASSWORD="$ADMIN_PASSWORD" chroot "$PG_ROOT" /usr/bin/psql "$url" -U "$ADMIN_USER" -v ON_ERROR_STOP=1 -q "$@"
  fi
}

bootstrap_schemas() {
  local host=$1 port=$2 db=$3 file
  if [[ -n ${DATABASE_URL:-} ]]; then
    file="$REPO_ROOT/deploy/sql/bootstrap.sql"
  else
    cp "$REPO_ROOT/deploy/sql/bootstrap.sql" "$PG_ROOT/tmp/bootstrap.sql"
    file=/tmp/bootstrap.sql
    psql_admin "postgresql://$host:$port/postgres" -tAc "SELECT 1 FROM pg_database WHERE datname='$db'" | grep -q 1 \
      || psql_admin "postgresql://$host:$port/postgres" -c "CREATE DATABASE $db"
  fi
  psql_admin "postgresql://$host:$port/$db" -f "$file" >/dev/null
  log "roles and schemas ready in database $db"
}

start() {
  if [[ -n ${DATABASE_URL:-} ]]; then
    log "DATABASE_URL is set: using your Postgres, provisioning nothing"
    local hostport=${DATABASE_URL#jdbc:postgresql://}; hostport=${hostport%%/*}
    local db=${DATABASE_URL##*/}; db=${db%%\?*}
    local host=${hostport%%:*} port=5432
    [[ $hostport == *:* ]] && port=${hostport##*:}
    bootstrap_schemas "$host" "$port" "$db"
    return 0
  fi
  if pid=$(running_pid "$PIDFILE" "$MOUNT_POINT"); then
    log "Postgres is already running (pid $pid) on 127.0.0.1:$PGPORT"
    return 0
  fi
  port_open 127.0.0.1 "$PGPORT" && die "port $PGPORT is taken by another process; set PGPORT or DATABASE_URL"
  provision_root
  mount_data
  init_cluster
  # A crash leaves postmaster.pid behind; the server itself refuses to start over a live one.
  if [[ -f $DATA_DIR/postmaster.pid ]]; then
    local old; old=$(head -1 "$DATA_DIR/postmaster.pid")
    kill -0 "$old" 2>/dev/null || { log "removing stale postmaster.pid (pid $old is gone)"; rm -f "$DATA_DIR/postmaster.pid"; }
  fi
  mkdir -p "$(dirname "$LOGFILE")"
  log "starting Postgres 17 on 127.0.0.1:$PGPORT (log: $LOGFILE)"
  setsid chroot --userspec=postgres:postgres "$PG_ROOT" "$PG_BIN/postgres" -D "$MOUNT_POINT" \
    -c listen_addresses=127.0.0.1 -c port="$PGPORT" -c unix_socket_directories=/run/postgresql \
    -c max_connections=300 -c shared_buffers="$SHARED_BUFFERS" -c fsync=on \
    >>"$LOGFILE" 2>&1 < /dev/null &
  echo $! > "$PIDFILE"
  wait_for_port 127.0.0.1 "$PGPORT" 60 Postgres
  # Accepting TCP is not accepting queries: wait for the startup to finish.
  for _ in $(seq 1 100); do
    in_root "$PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$PGPORT" && break; sleep 0.2
  done
  bootstrap_schemas 127.0.0.1 "$PGPORT" "$DB_NAME"
}

stop() {
  [[ -n ${DATABASE_URL:-} ]] && { log "DATABASE_URL is set: nothing to stop"; return 0; }
  # SIGINT is Postgres's fast shutdown; SIGTERM would wait for every client to disconnect.
  stop_pid "$PIDFILE" "$MOUNT_POINT" Postgres INT
  mountpoint -q "$PG_ROOT$MOUNT_POINT" 2>/dev/null && umount "$PG_ROOT$MOUNT_POINT" || true
}

status() {
  if [[ -n ${DATABASE_URL:-} ]]; then echo "external: $DATABASE_URL"; return 0; fi
  if pid=$(running_pid "$PIDFILE" "$MOUNT_POINT"); then echo "running (pid $pid) on 127.0.0.1:$PGPORT"; else echo "stopped"; return 1; fi
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) status ;;
  *) echo "usage: $0 start|stop|status" >&2; exit 2 ;;
esac
