#!/usr/bin/env bash
# Runs the per-NF benchmark (benchmarks/ NfBenchmark: each of the twelve built-in NFs on a burst of
# 32 packets of 64 and 1500 bytes, and the restore/parse baselines) with JMH's GC profiler, with
# settings short enough for a 2-core machine, and writes JMH's JSON result to
# docs/benchmarks/nf-gc.json.
#   bin/bench-nf.sh                                     every NF, both sizes, the baselines
#   bin/bench-nf.sh NfBenchmark.process -p type=vpn     JMH's own regular expression and options
# Further arguments after the first go to JMH as they are; do not repeat an option that
# BENCH_SETTINGS already sets, change BENCH_SETTINGS instead. BENCH_OUT=NAME writes
# docs/benchmarks/NAME.json instead.
# 28 runs (24 NF cases, 4 baselines) of about 9 s each: about 4.5 minutes in all.
# Needs DPDK 22.11 (the EAL starts with --no-huge --no-pci -m 256, as in dpdk-node's tests; each
# forked JVM leaves a small runtime directory nfp-bench-nf-<pid> under /var/run/dpdk or
# $XDG_RUNTIME_DIR/dpdk). The jar is built first when it is missing or older than a source of the
# module, of dpdk-node or of network-functions.
set -euo pipefail
ROOT=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)
# shellcheck source=bin/find-jdk25.sh
source "$ROOT/bin/find-jdk25.sh"
nfp_find_jdk25 || exit 1

JAR="$ROOT/benchmarks/target/benchmarks.jar"
BENCH_SETTINGS=${BENCH_SETTINGS:-"-f 1 -wi 3 -i 5 -w 1s -r 1s"}
out="$ROOT/docs/benchmarks/${BENCH_OUT:-nf-gc}.json"
pattern=NfBenchmark
if (($# > 0)); then
  pattern=$1
  shift
fi

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
  echo "bench-nf: building benchmarks/target/benchmarks.jar..." >&2
  if ! (cd "$ROOT" && mvn -q -B -DskipTests -Dspotless.check.skip=true package \
    -pl benchmarks -am) >"$log" 2>&1; then
    cat "$log" >&2
    echo "bench-nf: the build failed (log above, also in $log)." >&2
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
echo "bench-nf: results in ${out#"$ROOT"/}" >&2
