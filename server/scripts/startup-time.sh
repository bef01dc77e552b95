#!/usr/bin/env bash
# Whole-process start-up time of the platform: from `java -jar` to the first successful
# request (GET /actuator/health/readiness), on loopback. Runs N starts on an existing H2
# database (import already done) after one first start that imports the bundled snapshot.
# Usage: server/scripts/startup-time.sh [runs]   (after `mvn -DskipTests package`)
#        CDS=1 server/scripts/startup-time.sh [runs]   (after server/scripts/build-cds.sh)
set -euo pipefail
cd "$(dirname "$0")/../.."
JAR=server/target/cpansec-server.jar
JVM=()
if [ "${CDS:-}" = 1 ]; then
  JAR=server/target/cds/app/cpansec-server.jar
  JVM=(-XX:SharedArchiveFile="$PWD/server/target/cds/app.jsa")
fi
RUNS=${1:-5}
PORT=${PORT:-18181}
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

start_once() {
  local t0 t1 pid
  t0=$(date +%s%N)
  (cd "$WORK" && exec java "${JVM[@]}" -jar "$OLDPWD/$JAR" --server.port="$PORT" >"$WORK/log" 2>&1) &
  pid=$!
  until curl -sf "http://127.0.0.1:$PORT/actuator/health/readiness" >/dev/null; do
    kill -0 "$pid" 2>/dev/null || { cat "$WORK/log"; exit 1; }
    sleep 0.05
  done
  t1=$(date +%s%N)
  kill "$pid"; wait "$pid" 2>/dev/null || true
  echo $(( (t1 - t0) / 1000000 ))
}

echo "first start (imports the bundled snapshot): $(start_once) ms"
for i in $(seq 1 "$RUNS"); do
  echo "start $i: $(start_once) ms"
done
