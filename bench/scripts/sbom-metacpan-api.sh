#!/bin/sh
# Whole-process timing of `cpansec sbom` on the metacpan-api project of the data pack
# (cpanfile.snapshot with 369 distributions, plus its cpanfile). Target: median <= 0.7 s.
# Usage: mvn -q -DskipTests package && bench/scripts/sbom-metacpan-api.sh
# Writes bench/results/sbom-metacpan-api.{md,json}. Needs hyperfine (apt-get install hyperfine).
set -eu
here=$(cd "$(dirname "$0")/../.." && pwd)
jar="$here/cli/target/cpansec.jar"
project="$here/core/src/test/resources/datapack/projects/metacpan__metacpan-api"
[ -f "$jar" ] || { echo "build first: mvn -q -DskipTests package" >&2; exit 2; }
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
mkdir -p "$here/bench/results"
# ./cpansec is how the CLI is run (-XX:TieredStopAtLevel=1 -XX:+UseSerialGC); plain java -jar too.
hyperfine -N --warmup 3 --runs "${RUNS:-20}" \
  --export-markdown "$here/bench/results/sbom-metacpan-api.md" \
  --export-json "$here/bench/results/sbom-metacpan-api.json" \
  --command-name "./cpansec sbom (cyclonedx-json)" "$here/cpansec sbom $project --out $out/a.json" \
  --command-name "./cpansec sbom --format spdx-json" "$here/cpansec sbom $project --format spdx-json --out $out/b.json" \
  --command-name "java -jar cpansec.jar sbom (cyclonedx-json)" "java -jar $jar sbom $project --out $out/c.json" \
  --command-name "java -jar cpansec.jar sbom --format spdx-json" "java -jar $jar sbom $project --format spdx-json --out $out/d.json"
