#!/usr/bin/env bash
# Whole-process start-up time of the platform: from the start command to the first successful
# request (GET /actuator/health/readiness), on loopback, H2 file database in a fresh directory.
# The first start imports the bundled snapshot; N later starts reuse that database.
# Usage (after `mvn -DskipTests package`):
#   server/scripts/startup-time.sh [runs]             java -jar server/target/cpansec-server.jar
#   WRAPPER=1 server/scripts/startup-time.sh [runs]   ./cpansec-server (the unpacked jar and the
#     class archive that the build's training start recorded, server/scripts/prepare-run.sh).
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
CMD=("$JAVA" -jar "$ROOT/server/target/cpansec-server.jar")
if [ "${WRAPPER:-}" = 1 ]; then
  CMD=("$ROOT/cpansec-server")
fi
RUNS=${1:-5}
PORT=${PORT:-18181}
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

start_once() {
  local t0 t1 pid
  t0=$(date +%s%N)
  (cd "$WORK" && exec "${CMD[@]}" --server.port="$PORT" >"$WORK/log" 2>&1) &
  pid=$!
  until curl -sf "http://127.0.0.1:$PORT/actuator/health/readiness" >/dev/null; do
    kill -0 "$pid" 2>/dev/null || { cat "$WORK/log"; exit 1; }
    sleep 0.05
  done
  t1=$(date +%s%N)
  kill "$pid"; wait "$pid" 2>/dev/null || true
  echo $(( (t1 - t0) / 1000000 ))
}

echo "java: $("$JAVA" -version 2>&1 | head -1); load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "first start (imports the bundled snapshot): $(start_once) ms"
for i in $(seq 1 "$RUNS"); do
  echo "start $i: $(start_once) ms"
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
