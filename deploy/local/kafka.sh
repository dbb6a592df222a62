#!/usr/bin/env bash
# Local single-node Kafka 4.x (KRaft) run from its Maven Central jars, no Docker.
#
#   deploy/local/kafka.sh start|stop|status|topics
#
# The jars are resolved once with Maven (deploy/local/kafka/pom.xml) and cached under
# ~/.cache/agentic-chat/; the log directory lives in the checkout. `start` creates the
# topics of deploy/kafka/topics.tsv with their partition counts (auto-creation is off).
#
# Set KAFKA_BOOTSTRAP_SERVERS to use your own Kafka: nothing is started, and `start`
# only creates missing topics there.
source "$(dirname "$0")/common.sh"

KAFKA_VERSION=4.1.1
KAFKA_PORT="${KAFKA_PORT:-9092}"
KAFKA_CONTROLLER_PORT="${KAFKA_CONTROLLER_PORT:-9093}"
# The cache folder is named after the pom, so changing the jar list fetches afresh.
LIBS="$SUITE_CACHE/kafka-$KAFKA_VERSION-$(md5sum "$(dirname "$0")/kafka/pom.xml" | cut -c1-8)/libs"
HERE="$REPO_ROOT/deploy/local/kafka"
DIR="$LOCAL_DIR/kafka"
PIDFILE="$DIR/kafka.pid"
BOOTSTRAP="${KAFKA_BOOTSTRAP_SERVERS:-127.0.0.1:$KAFKA_PORT}"

fetch_jars() {
  [[ -f $LIBS/.complete ]] && return 0
  log "resolving Kafka $KAFKA_VERSION jars from Maven Central into $LIBS (one time)"
  rm -rf "$LIBS" && mkdir -p "$LIBS"
  mvn -q -B -f "$HERE/pom.xml" -Dkafka.version="$KAFKA_VERSION" \
    dependency:copy-dependencies -DoutputDirectory="$LIBS" -DincludeScope=runtime \
    || die "could not resolve the Kafka jars"
  touch "$LIBS/.complete"
}

kafka_java() { java -Xms256m -Xmx768m -cp "$LIBS/*" -Dlog4j2.configurationFile="$HERE/log4j2.properties" -Dkafka.logs.dir="$DIR/logs" "$@"; }

create_topics() {
  local existing
  existing=$(kafka_java org.apache.kafka.tools.TopicCommand --bootstrap-server "$BOOTSTRAP" --list 2>/dev/null) \
    || die "cannot list topics on $BOOTSTRAP"
  local missing=()
  while IFS=$'\t' read -r name partitions cleanup _; do
    [[ -z $name || $name == \#* ]] && continue
    grep -qx "$name" <<<"$existing" || missing+=("$name:$partitions:$cleanup")
  done < "$REPO_ROOT/deploy/kafka/topics.tsv"
  ((${#missing[@]})) || { log "all topics exist"; return 0; }
  # One JVM for all topics: a JVM per topic would cost seconds each.
  kafka_java "$HERE/CreateTopics.java" "$BOOTSTRAP" "${missing[@]}" \
    || die "could not create topics"
}

start() {
  fetch_jars
  if [[ -n ${KAFKA_BOOTSTRAP_SERVERS:-} ]]; then
    log "KAFKA_BOOTSTRAP_SERVERS is set: using $BOOTSTRAP, starting nothing"
    create_topics; return 0
  fi
  if pid=$(running_pid "$PIDFILE" "$DIR/server.properties"); then
    log "Kafka is already running (pid $pid) on $BOOTSTRAP"
    create_topics; return 0
  fi
  port_open 127.0.0.1 "$KAFKA_PORT" && die "port $KAFKA_PORT is taken by another process; set KAFKA_PORT or KAFKA_BOOTSTRAP_SERVERS"
  mkdir -p "$DIR/data" "$DIR/logs"
  sed -e "s|@PORT@|$KAFKA_PORT|g" -e "s|@CONTROLLER_PORT@|$KAFKA_CONTROLLER_PORT|g" -e "s|@DATA_DIR@|$DIR/data|g" \
    "$HERE/server.properties" > "$DIR/server.properties"
  if [[ ! -f $DIR/data/meta.properties ]]; then
    log "formatting KRaft storage in $DIR/data"
    kafka_java kafka.tools.StorageTool format -t "$(kafka_java kafka.tools.StorageTool random-uuid)" \
      -c "$DIR/server.properties" >/dev/null || die "could not format Kafka storage"
  fi
  # A crash can leave the log directory lock; only a live broker may hold it.
  rm -f "$DIR/data/.lock"
  log "starting Kafka $KAFKA_VERSION on $BOOTSTRAP (log: $DIR/logs/server.log)"
  setsid java -Xms256m -Xmx768m -XX:+UseG1GC -cp "$LIBS/*" \
    -Dlog4j2.configurationFile="$HERE/log4j2.properties" -Dkafka.logs.dir="$DIR/logs" \
    kafka.Kafka "$DIR/server.properties" >"$DIR/logs/stdout.log" 2>&1 < /dev/null &
  echo $! > "$PIDFILE"
  wait_for_port 127.0.0.1 "$KAFKA_PORT" 60 Kafka
  create_topics
}

stop() {
  [[ -n ${KAFKA_BOOTSTRAP_SERVERS:-} ]] && { log "KAFKA_BOOTSTRAP_SERVERS is set: nothing to stop"; return 0; }
  stop_pid "$PIDFILE" "$DIR/server.properties" Kafka
}

status() {
  if [[ -n ${KAFKA_BOOTSTRAP_SERVERS:-} ]]; then echo "external: $BOOTSTRAP"; return 0; fi
  if pid=$(running_pid "$PIDFILE" "$DIR/server.properties"); then echo "running (pid $pid) on $BOOTSTRAP"; else echo "stopped"; return 1; fi
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) status ;;
  topics) create_topics ;;
  *) echo "usage: $0 start|stop|status|topics" >&2; exit 2 ;;
esac
