#!/usr/bin/env bash
# Measures a running suite (start it first with ./suite start in another terminal):
# each service's resident memory, then time to first token over 20 turns.
set -euo pipefail
cd "$(dirname "$0")/.."
printf '%-22s %10s\n' service "RSS (MiB)"
for pidfile in .local/run/*.pid; do
  pid=$(cat "$pidfile")
  rss_kb=$(awk '/^VmRSS/ {print $2}' "/proc/$pid/status" 2>/dev/null || echo 0)
  printf '%-22s %10s\n' "$(basename "$pidfile" .pid)" "$(awk -v k="$rss_kb" 'BEGIN { printf "%.0f", k / 1024 }')"
done
java bench/FirstTokenLatency.java "${GATEWAY_URL:-http://127.0.0.1:8080}" "${LLM_BASE_URL:-http://127.0.0.1:8090/v1}" "${TURNS:-20}"
