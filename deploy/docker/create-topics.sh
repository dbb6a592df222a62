#!/bin/sh
# Creates every topic listed in deploy/kafka/topics.tsv (columns: topic, partitions, cleanup policy,
# description; '#' starts a comment) with its partition count. Idempotent (--if-not-exists), so the
# one-shot kafka-topics service of docker-compose.yml can run on every `docker compose up`.
# Runs in the apache/kafka image. Broker auto-creation is off: the services need these topics.
set -eu

TOPICS_FILE="${TOPICS_FILE:-/topics.tsv}"
BOOTSTRAP_SERVERS="${BOOTSTRAP_SERVERS:-kafka:9092}"
REPLICATION_FACTOR="${REPLICATION_FACTOR:-1}"
KAFKA_TOPICS="${KAFKA_TOPICS:-/opt/kafka/bin/kafka-topics.sh}"
TAB="$(printf '\t')"

grep -v -e '^[[:space:]]*#' -e '^[[:space:]]*$' "$TOPICS_FILE" |
while IFS="$TAB" read -r topic partitions cleanup _description; do
  echo "topic ${topic}: ${partitions} partitions, cleanup.policy=${cleanup}"
  "$KAFKA_TOPICS" --bootstrap-server "$BOOTSTRAP_SERVERS" --create --if-not-exists \
    --topic "$topic" --partitions "$partitions" --replication-factor "$REPLICATION_FACTOR" \
    --config "cleanup.policy=${cleanup}" < /dev/null
done

# An existing topic keeps its partitions (--if-not-exists): show what the broker really has.
"$KAFKA_TOPICS" --bootstrap-server "$BOOTSTRAP_SERVERS" --describe --exclude-internal | grep -v "^[[:space:]]" || true
