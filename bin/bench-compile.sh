#!/usr/bin/env bash
# Runs the NFP engine compile benchmark (benchmarks/ CompileBenchmark: 10, 100 and 1,000 NFs with
# chain, dense and layered order rules) with settings short enough for a 2-core machine, and
# writes JMH's JSON result under docs/benchmarks/.
#   bin/bench-compile.sh         time per compilation -> compile.json
#   bin/bench-compile.sh --gc    the same with JMH's GC profiler (bytes allocated per compilation)
#                                -> compile-gc.json
# A run with no further arguments (all nine cases) also writes docs/benchmarks/compile-graphs.txt:
# one line per case with the compiled graph's summary (length, width, copies), as the benchmark's
# setup prints it.
# Any further arguments go to JMH as they are (for example -p nfs=1000 -p shape=dense); do not
# repeat an option that BENCH_SETTINGS already sets, change BENCH_SETTINGS instead.
# BENCH_OUT=NAME writes docs/benchmarks/NAME.json instead (for a run of some cases only).
# The jar is built first when it is missing or older than a source of the module, of nfp-engine
# or of tosca-extensions.
set -euo pipefail
ROOT=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)
# shellcheck source=bin/find-jdk25.sh
source "$ROOT/bin/find-jdk25.sh"
nfp_find_jdk25 || exit 1

JAR="$ROOT/benchmarks/target/benchmarks.jar"
BENCH_SETTINGS=${BENCH_SETTINGS:-"-f 1 -wi 4 -i 5 -w 2s -r 2s"}
out="$ROOT/docs/benchmarks/compile.json"
graphs="$ROOT/docs/benchmarks/compile-graphs.txt"
profile=()
if [[ ${1:-} == --gc ]]; then
  shift
  profile=(-prof gc)
  out="$ROOT/docs/benchmarks/compile-gc.json"
fi
if [[ -n ${BENCH_OUT:-} ]]; then
  out="$ROOT/docs/benchmarks/$BENCH_OUT.json"
fi

needs_build() {
  [[ -f $JAR ]] || return 0
  [[ -n $(find "$ROOT/pom.xml" "$ROOT/.mvn" "$ROOT/benchmarks/pom.xml" "$ROOT/benchmarks/src" \
    "$ROOT/nfp-engine/pom.xml" "$ROOT/nfp-engine/src/main" \
    "$ROOT/tosca-extensions/pom.xml" "$ROOT/tosca-extensions/src/main" \
    -newer "$JAR" -print -quit 2>/dev/null) ]]
}

if needs_build; then
  nfp_require_maven || exit 1
  log=$(mktemp "${TMPDIR:-/tmp}/nfp-bench-build.XXXXXX.log")
  echo "bench-compile: building benchmarks/target/benchmarks.jar..." >&2
  if ! (cd "$ROOT" && mvn -q -B -DskipTests -Dspotless.check.skip=true package \
    -pl benchmarks -am) >"$log" 2>&1; then
    cat "$log" >&2
    echo "bench-compile: the build failed (log above, also in $log)." >&2
    exit 1
  fi
  rm -f "$log"
  touch "$JAR"
fi

# Only a run of every case rewrites the list of graph shapes.
write_graphs=$(($# == 0))
read -ra settings <<<"$BENCH_SETTINGS"
mkdir -p "$(dirname "$out")"
run_log=$(mktemp "${TMPDIR:-/tmp}/nfp-bench-compile.XXXXXX.log")
trap 'rm -f "$run_log"' EXIT
cd "$ROOT"
"$JAVA_HOME/bin/java" -jar "$JAR" CompileBenchmark \
  "${settings[@]}" "${profile[@]}" -rf json -rff "$out" "$@" | tee "$run_log"
if ((write_graphs)); then
  # JMH prints the setup's line after the first warm-up iteration's label, on the same line.
  grep -o 'CompileBenchmark graph: .*' "$run_log" | sed 's/^CompileBenchmark graph: //' \
    | awk '!seen[$0]++' >"$graphs" || true
  echo "bench-compile: results in ${out#"$ROOT"/}, graph shapes in ${graphs#"$ROOT"/}" >&2
else
  echo "bench-compile: results in ${out#"$ROOT"/}" >&2
fi
