#!/usr/bin/env sh
# Prepares server/target/run/ for ./cpansec-server (the build calls it after packaging the jar):
#   1. unpacks server/target/cpansec-server.jar there (an unpacked jar loads its classes faster
#      than the nested jars of a Spring Boot jar), and
#   2. with --train, makes a training start of that unpacked server (in-memory H2 database, a
#      free port, stopped as soon as its context is ready: spring.context.exit=onRefresh) that
#      records the classes a start loads into an archive the JVM maps on later starts instead of
#      loading, verifying and linking them again:
#        on Java 24 and later an AOT cache (JEP 483/514: classes loaded and linked),
#        before that a dynamic class-data-sharing archive (JEP 350).
#      The archive belongs to the JVM that made it; run/archive.java names that JVM, and the
#      wrapper uses the archive only with the same one.
# Java is $JAVA_HOME/bin/java when JAVA_HOME is set, else java on the PATH: as in the wrapper.
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
jar="$root/server/target/cpansec-server.jar"
run="$root/server/target/run"
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"

if [ ! -f "$jar" ]; then
  echo "prepare-run: $jar is missing; build it first with: mvn -DskipTests package" >&2
  exit 2
fi
rm -rf "$run"
mkdir -p "$run"
"$java" -Djarmode=tools -jar "$jar" extract --destination "$run/app" >/dev/null
# The jar's timestamps are fixed by the reproducible build, so its checksum tells builds apart.
cksum <"$jar" >"$run/jar.cksum"

[ "${1:-}" = --train ] || exit 0

spec=$("$java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')
case "$spec" in
  1.* | 9 | 1[0-9] | 2[0-3])
    kind=jsa
    record="-XX:ArchiveClassesAtExit=$run/app.jsa -Xlog:cds=off -Xlog:cds+dynamic=off"
    ;;
  *) kind=aot record="-XX:AOTCacheOutput=$run/app.aot -Xlog:cds=off -Xlog:aot=off" ;;
esac
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
started=$(date +%s)
# shellcheck disable=SC2086
if ! (cd "$work" && "$java" $record \
  -Dspring.context.exit=onRefresh -jar "$run/app/cpansec-server.jar" \
  --server.port=0 --spring.datasource.url=jdbc:h2:mem:training \
  --logging.level.root=warn >"$run/training.log" 2>&1); then
  echo "prepare-run: the training start failed; its output is in $run/training.log:" >&2
  tail -20 "$run/training.log" >&2
  exit 1
fi
if [ ! -s "$run/app.$kind" ]; then
  echo "prepare-run: the training start made no archive ($run/app.$kind); see $run/training.log" >&2
  exit 1
fi
readlink -f "$(command -v "$java")" >"$run/archive.java"
echo "prepare-run: recorded $run/app.$kind (Java $spec) in $(($(date +%s) - started)) s"
