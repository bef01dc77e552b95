#!/bin/sh
# Whole-process audit of the largest real Carton snapshot (metacpan-api, 369 distributions)
# against the Perl peer, CPAN::Audit's `cpan-audit deps` (Debian's libcpan-audit-perl), on the
# same input in one hyperfine run, with the JVM's own floor for reference.
# Needs: mvn -DskipTests package; apt-get install -y libcpan-audit-perl hyperfine
# Run from the project root. Writes bench/results/audit-vs-cpan-audit.{md,json}.
set -eu
JAR=cli/target/cpansec.jar
[ -f "$JAR" ] || { echo "build first: mvn -DskipTests package" >&2; exit 2; }
PROJECT=$(mktemp -d)
HELLO=$(mktemp -d)
trap 'rm -rf "$PROJECT" "$HELLO"' EXIT
cp core/src/test/resources/datapack/projects/metacpan__metacpan-api/cpanfile.snapshot "$PROJECT/"
printf 'public class H { public static void main(String[] a) { } }\n' > "$HELLO/H.java"
javac -d "$HELLO" "$HELLO/H.java"
mkdir -p bench/results
hyperfine --warmup 3 --runs "${RUNS:-20}" -N -i \
  --export-markdown bench/results/audit-vs-cpan-audit.md \
  --export-json bench/results/audit-vs-cpan-audit.json \
  -n 'cpan-audit deps (Perl peer)' "cpan-audit deps $PROJECT" \
  -n 'cpansec audit deps (./cpansec wrapper)' "./cpansec audit deps $PROJECT --perl none --exit-zero --offline" \
  -n 'cpansec audit deps (java -jar)' "java -jar $JAR audit deps $PROJECT --perl none --exit-zero --offline" \
  -n 'empty Java main (JVM floor)' "java -cp $HELLO H"
