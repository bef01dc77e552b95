#!/usr/bin/env bash
# POST /v1/query throughput with wrk on loopback (2 threads, 32 connections), and the same run
# against the server's trivial endpoint (GET /actuator/health/liveness) for the ratio.
# Usage: server/scripts/query-throughput.sh [seconds]   (after `mvn -DskipTests package`)
set -euo pipefail
cd "$(dirname "$0")/../.."
JAR=server/target/cpansec-server.jar
SECS=${1:-20}
PORT=${PORT:-18182}
WORK=$(mktemp -d)
(cd "$WORK" && exec java -jar "$OLDPWD/$JAR" --server.port="$PORT" >"$WORK/log" 2>&1) &
PID=$!
trap 'kill $PID; wait $PID 2>/dev/null; rm -rf "$WORK"' EXIT
until curl -sf "http://127.0.0.1:$PORT/actuator/health/readiness" >/dev/null; do sleep 0.1; done

cat >"$WORK/query.lua" <<'LUA'
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"version":"0.082","package":{"name":"HTTP-Tiny","ecosystem":"CPAN"}}'
LUA
URL="http://127.0.0.1:$PORT"
# Warm-up: JIT and the OSV record cache.
wrk -t2 -c32 -d5s -s "$WORK/query.lua" "$URL/v1/query" >/dev/null
wrk -t2 -c32 -d5s "$URL/actuator/health/liveness" >/dev/null
echo "== POST /v1/query (HTTP-Tiny 0.082)"
wrk -t2 -c32 -d"${SECS}s" --latency -s "$WORK/query.lua" "$URL/v1/query"
echo "== GET /actuator/health/liveness"
wrk -t2 -c32 -d"${SECS}s" --latency "$URL/actuator/health/liveness"
