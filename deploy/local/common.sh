# Shared settings for the local infrastructure scripts. Sourced, not run.
#
# Downloads (Kafka jars, the Postgres root) are cached under $SUITE_CACHE so every
# checkout shares them; data and logs live in the checkout under .local/ (git-ignored).

set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
SUITE_CACHE="${SUITE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/agentic-chat}"
LOCAL_DIR="${SUITE_LOCAL_DIR:-$REPO_ROOT/.local}"
mkdir -p "$SUITE_CACHE" "$LOCAL_DIR"

log() { printf '[%s] %s\n' "$(basename "$0" .sh)" "$*" >&2; }
die() { log "error: $*"; exit 1; }

# Returns 0 when something accepts TCP connections on host:port.
port_open() { (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null; }

wait_for_port() {
  local host=$1 port=$2 seconds=$3 what=$4
  local deadline=$((SECONDS + seconds))
  until port_open "$host" "$port"; do
    (( SECONDS < deadline )) || die "$what did not open $host:$port within ${seconds}s"
    sleep 0.2
  done
}

(( EUID == 0 )) || die "run as root: the local Postgres is built with debootstrap and run under chroot (or set DATABASE_URL and KAFKA_BOOTSTRAP_SERVERS to use your own)"

# A pid file is trusted only while its process is alive AND is still the program we
# started ($2, matched against its command line): after a crash or reboot the pid may
# belong to anything else.
running_pid() {
  local pidfile=$1 expected=$2
  [[ -f $pidfile ]] || return 1
  local pid; pid=$(cat "$pidfile")
  if [[ -n $pid ]] && kill -0 "$pid" 2>/dev/null && { tr '\0' ' ' < "/proc/$pid/cmdline"; } 2>/dev/null | grep -qF -- "$expected"; then
    echo "$pid"; return 0
  fi
  log "removing stale pid file $pidfile (process $pid is gone)"
  rm -f "$pidfile"
  return 1
}

# stop_pid PIDFILE EXPECTED WHAT [SIGNAL]
stop_pid() {
  local pidfile=$1 expected=$2 what=$3 signal=${4:-TERM} pid
  if pid=$(running_pid "$pidfile" "$expected"); then
    log "stopping $what (pid $pid)"
    kill "-$signal" "$pid" 2>/dev/null || true
    for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
    kill -0 "$pid" 2>/dev/null && { log "$what did not stop in 20s; killing"; kill -9 "$pid" 2>/dev/null || true; }
    rm -f "$pidfile"
  else
    log "$what is not running"
  fi
}
