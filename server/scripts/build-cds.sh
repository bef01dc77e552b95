#!/usr/bin/env bash
# Builds a faster-starting form of the platform in server/target/cds/: the jar extracted
# (Spring Boot's jarmode tools) plus a class-data-sharing archive recorded from one training
# start that stops after the context refresh. Start it with:
#   java -XX:SharedArchiveFile=server/target/cds/app.jsa -jar server/target/cds/app/cpansec-server.jar
# Rebuild after every `mvn package` (the archive is tied to the exact jars).
set -euo pipefail
cd "$(dirname "$0")/../.."
OUT=server/target/cds
rm -rf "$OUT"; mkdir -p "$OUT"
java -Djarmode=tools -jar server/target/cpansec-server.jar extract --destination "$OUT/app"
TRAIN=$(mktemp -d)
trap 'rm -rf "$TRAIN"' EXIT
# Training start in a throw-away directory, so its H2 database is not kept.
(cd "$TRAIN" && java -XX:ArchiveClassesAtExit="$OLDPWD/$OUT/app.jsa" -Dspring.context.exit=onRefresh \
  -jar "$OLDPWD/$OUT/app/cpansec-server.jar" --server.port=0 >"$TRAIN/log" 2>&1) || { cat "$TRAIN/log"; exit 1; }
echo "built $OUT/app.jsa"
