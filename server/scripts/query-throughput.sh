#!/usr/bin/env bash
# POST /v1/query throughput with wrk on loopback (2 threads, 32 connections), and the same
# measurement of the server's trivial endpoint (GET /actuator/health/liveness) for the ratio.
#
# A JVM server is not at its steady speed until the JIT has compiled its request path, and on two
# cores shared with wrk and 32 busy request threads that takes tens of seconds of load. So the
# script first warms both endpoints in rounds of 10 s until two query rounds in a row are within
# 5 % of each other (at most MAX_WARM rounds), printing every round (the warm-up curve), then
# measures: query, trivial, query again, SECS seconds each.
# Usage: server/scripts/query-throughput.sh [seconds]   (after `mvn -DskipTests package`)
#   JAR=... to measure another build; JAVA_OPTS=... extra JVM options; ARGS=... server options.
set -euo pipefail
cd "$(dirname "$0")/../.."
JAR=${JAR:-$PWD/server/target/cpansec-server.jar}
SECS=${1:-20}
MAX_WARM=${MAX_WARM:-12}
PORT=${PORT:-18182}
WORK=$(mktemp -d)
# shellcheck disable=SC2086
(cd "$WORK" && exec java ${JAVA_OPTS:-} -jar "$JAR" --server.port="$PORT" ${ARGS:-} >"$WORK/log" 2>&1) &
PID=$!
trap 'kill $PID; wait $PID 2>/dev/null; rm -rf "$WORK"' EXIT
until curl -sf "http://127.0.0.1:$PORT/actuator/health/readiness" >/dev/null; do
  kill -0 "$PID" 2>/dev/null || { cat "$WORK/log"; exit 1; }
  sleep 0.1
done

cat >"$WORK/query.lua" <<'LUA'
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"version":"0.082","package":{"name":"HTTP-Tiny","ecosystem":"CPAN"}}'
LUA
URL="http://127.0.0.1:$PORT"
query() { wrk -t2 -c32 -d"$1"s --latency -s "$WORK/query.lua" "$URL/v1/query"; }
trivial() { wrk -t2 -c32 -d"$1"s --latency "$URL/actuator/health/liveness"; }
rps() { awk '/^Requests\/sec/ {printf "%d", $2}'; }

echo "java: $(java -version 2>&1 | head -1); load average: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "== warm-up, 10 s rounds (req/s)"
prev=0
for round in $(seq 1 "$MAX_WARM"); do
  q=$(query 10 | rps)
  t=$(trivial 10 | rps)
  echo "round $round: query $q, trivial $t"
  if [ "$prev" -gt 0 ] && [ $((q * 100)) -ge $((prev * 95)) ] && [ $((q * 100)) -le $((prev * 105)) ]; then
    break
  fi
  prev=$q
done
echo "== POST /v1/query (HTTP-Tiny 0.082, a 7 KB answer)"
query "$SECS"
echo "== GET /actuator/health/liveness"
trivial "$SECS"
echo "== POST /v1/query again"
query "$SECS"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
