#!/usr/bin/env bash
# Runs the TOSCA corpus loading benchmark (benchmarks/ CorpusLoadBenchmark) with settings short
# enough for a 2-core machine, and writes JMH's JSON result under docs/benchmarks/.
#   bin/bench-corpus.sh          time per whole corpus and per free5gc VNFD -> corpus-load.json
#   bin/bench-corpus.sh --gc     the same with JMH's GC profiler (bytes allocated per operation)
#                                -> corpus-load-gc.json
# Any further arguments go to JMH as they are (for example -p descriptor=PATH-IN-CORPUS); do not
# repeat an option that BENCH_SETTINGS already sets, change BENCH_SETTINGS instead.
# NFP_CORPUS=PATH picks the corpus (default: shared/tosca-corpus found above the checkout).
# The jar is built first when it is missing or older than a source of the module or of
# tosca-extensions.
set -euo pipefail
ROOT=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)
# shellcheck source=bin/find-jdk25.sh
source "$ROOT/bin/find-jdk25.sh"
nfp_find_jdk25 || exit 1

JAR="$ROOT/benchmarks/target/benchmarks.jar"
BENCH_SETTINGS=${BENCH_SETTINGS:-"-f 1 -wi 5 -i 5 -w 2s -r 2s"}
out="$ROOT/docs/benchmarks/corpus-load.json"
profile=()
if [[ ${1:-} == --gc ]]; then
  shift
  profile=(-prof gc)
  out="$ROOT/docs/benchmarks/corpus-load-gc.json"
fi

needs_build() {
  [[ -f $JAR ]] || return 0
  [[ -n $(find "$ROOT/pom.xml" "$ROOT/.mvn" "$ROOT/benchmarks/pom.xml" "$ROOT/benchmarks/src" \
    "$ROOT/tosca-extensions/pom.xml" "$ROOT/tosca-extensions/src/main" \
    -newer "$JAR" -print -quit 2>/dev/null) ]]
}

if needs_build; then
  nfp_require_maven || exit 1
  log=$(mktemp "${TMPDIR:-/tmp}/nfp-bench-build.XXXXXX.log")
  echo "bench-corpus: building benchmarks/target/benchmarks.jar..." >&2
  if ! (cd "$ROOT" && mvn -q -B -DskipTests -Dspotless.check.skip=true package \
    -pl benchmarks -am) >"$log" 2>&1; then
    cat "$log" >&2
    echo "bench-corpus: the build failed (log above, also in $log)." >&2
    exit 1
  fi
  rm -f "$log"
  touch "$JAR"
fi

# JMH's forked JVM inherits the host JVM's options when -jvmArgs is not given, so -Dnfp.corpus
# reaches the benchmark.
java_opts=()
if [[ -n ${NFP_CORPUS:-} ]]; then
  java_opts+=("-Dnfp.corpus=$(readlink -f "$NFP_CORPUS")")
fi
read -ra settings <<<"$BENCH_SETTINGS"
mkdir -p "$(dirname "$out")"
cd "$ROOT"
"$JAVA_HOME/bin/java" "${java_opts[@]}" -jar "$JAR" CorpusLoadBenchmark \
  "${settings[@]}" "${profile[@]}" -rf json -rff "$out" "$@"
echo "bench-corpus: results in ${out#"$ROOT"/}" >&2
