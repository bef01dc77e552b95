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
CACHE=$(mktemp -d)   # a cache filled by db update (JSON + its compact form)
trap 'rm -rf "$EMPTY" "$CACHE"' EXIT
java -jar "$JAR" db update --offline --from "$SNAPSHOT" --cache-dir "$CACHE" >/dev/null
mkdir -p bench/results
hyperfine --warmup 3 --runs "${RUNS:-20}" -N \
  --export-markdown bench/results/db-load-vs-cpan-audit.md \
  --export-json bench/results/db-load-vs-cpan-audit.json \
  -n 'cpansec db info (bundled, ./cpansec wrapper)' \
  "./cpansec db info --offline --cache-dir $EMPTY" \
  -n 'cpansec db info (bundled, compact form)' \
  "java -jar $JAR db info --offline --cache-dir $EMPTY" \
  -n 'cpansec db info (cache after db update)' \
  "java -jar $JAR db info --offline --cache-dir $CACHE" \
  -n 'cpansec db info --db FILE (4 MB CPANSA JSON parsed)' \
  "java -jar $JAR db info --offline --db $SNAPSHOT" \
  -n 'cpansec version parse 1.0 (JVM + CLI floor)' \
  "java -jar $JAR version parse 1.0" \
  -n 'perl CPAN::Audit::DB->db' \
  "perl -MCPAN::Audit::DB -e 'CPAN::Audit::DB->db'"
