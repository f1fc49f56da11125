#!/usr/bin/env bash
# Runs one of the JMH benchmark classes with JMH's GC profiler, with settings short enough for a
# 2-core machine, and writes JMH's JSON result to docs/benchmarks/OUT.json. bin/bench-mbuf.sh and
# bin/bench-nf.sh call it; use those.
#   bin/bench-jmh.sh NAME OUT [PATTERN] [JMH OPTIONS...]
# NAME names the caller in messages; OUT the JSON file (BENCH_OUT=... overrides it); PATTERN is
# JMH's regular expression (default: the caller's class). Options after it go to JMH as they are;
# do not repeat one BENCH_SETTINGS already sets, change BENCH_SETTINGS instead. The jar is built
# first when it is missing or older than a source of the modules the benchmarks run.
set -euo pipefail
ROOT=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)
# shellcheck source=bin/find-jdk25.sh
source "$ROOT/bin/find-jdk25.sh"
nfp_find_jdk25 || exit 1

name=$1
out="$ROOT/docs/benchmarks/${BENCH_OUT:-$2}.json"
pattern=$3
shift 3
JAR="$ROOT/benchmarks/target/benchmarks.jar"
BENCH_SETTINGS=${BENCH_SETTINGS:-"-f 1 -wi 3 -i 5 -w 1s -r 1s"}

needs_build() {
  [[ -f $JAR ]] || return 0
  [[ -n $(find "$ROOT/pom.xml" "$ROOT/.mvn" "$ROOT/benchmarks/pom.xml" "$ROOT/benchmarks/src" \
    "$ROOT/dpdk-node/pom.xml" "$ROOT/dpdk-node/src/main" \
    "$ROOT/network-functions/pom.xml" "$ROOT/network-functions/src/main" \
    -newer "$JAR" -print -quit 2>/dev/null) ]]
}

if needs_build; then
  nfp_require_maven || exit 1
  log=$(mktemp "${TMPDIR:-/tmp}/nfp-bench-build.XXXXXX.log")
  echo "$name: building benchmarks/target/benchmarks.jar..." >&2
  if ! (cd "$ROOT" && mvn -q -B -DskipTests -Dspotless.check.skip=true package \
    -pl benchmarks -am) >"$log" 2>&1; then
    cat "$log" >&2
    echo "$name: the build failed (log above, also in $log)." >&2
    exit 1
  fi
  rm -f "$log"
  touch "$JAR"
fi

read -ra settings <<<"$BENCH_SETTINGS"
mkdir -p "$(dirname "$out")"
cd "$ROOT"
"$JAVA_HOME/bin/java" -jar "$JAR" "$pattern" \
  "${settings[@]}" -prof gc -rf json -rff "$out" "$@"
echo "$name: results in ${out#"$ROOT"/}" >&2
