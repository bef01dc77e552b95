#!/bin/sh
# Whole-process start-up of `cpansec db info` against the Perl peer loading its advisory
# database (CPAN::Audit::DB from Debian's libcpan-audit-perl), in one hyperfine run.
# Needs: mvn -DskipTests package; apt-get install -y libcpan-audit-perl hyperfine
# Run from the project root. Writes bench/results/db-load-vs-cpan-audit.{md,json}.
set -eu
JAR=cli/target/cpansec.jar
SNAPSHOT=core/src/main/resources/org/cpansec/advisory/cpan-security-advisory.json
[ -f "$JAR" ] || { echo "build first: mvn -DskipTests package" >&2; exit 2; }
EMPTY=$(mktemp -d)   # an empty cache dir: db info reads the bundled snapshot
trap 'rm -rf "$EMPTY"' EXIT
mkdir -p bench/results
hyperfine --warmup 3 --runs "${RUNS:-20}" -N \
  --export-markdown bench/results/db-load-vs-cpan-audit.md \
  --export-json bench/results/db-load-vs-cpan-audit.json \
  -n 'cpansec db info (bundled, compact form)' \
  "java -jar $JAR db info --offline --cache-dir $EMPTY" \
  -n 'cpansec db info --db (CPANSA JSON, as a cache)' \
  "java -jar $JAR db info --offline --db $SNAPSHOT" \
  -n 'perl CPAN::Audit::DB->db' \
  "perl -MCPAN::Audit::DB -e 'CPAN::Audit::DB->db'"
