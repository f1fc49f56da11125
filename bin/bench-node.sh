#!/usr/bin/env bash
# The node's end-to-end benchmark in one command (docs/benchmarks.md, "Node end to end"): the Java
# node and the C reference pipeline, each as a 2-way parallel graph and as the sequential chain of
# the same two NFs, at full load (throughput) and at half the slowest sequential throughput
# (latency p50/p99), for NF weights of 0, 100 and 1000 hash rounds, on one 64-byte UDP trace.
#   bin/bench-node.sh [--rounds 0,100,1000] [--seconds 3] [--copy] [--out FILE]
# Prints a Markdown table; --out (default docs/benchmarks/node-e2e.jsonl) gets every run's JSON line.
# Run it on an otherwise idle machine: every run busy-polls two cores. Needs DPDK 22.11; builds
# dpdk-node first when its classes or the C reference are missing.
set -euo pipefail
ROOT=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)
# shellcheck source=bin/find-jdk25.sh
source "$ROOT/bin/find-jdk25.sh"
nfp_find_jdk25 || exit 1

C_BIN="$ROOT/dpdk-node/target/native/nfp-pipeline-ref"
CLASSES="$ROOT/dpdk-node/target/classes"
LIB="$ROOT/dpdk-node/target/lib"
if [[ ! -x $C_BIN || ! -d $CLASSES/org/nfpvnfm/dpdk/bench || ! -d $LIB ]]; then
  echo "bench-node: building dpdk-node..." >&2
  (cd "$ROOT" && ./build -q -DskipTests -Dspotless.check.skip=true install -pl dpdk-node -am) >&2
fi
args=("$@")
if [[ " ${args[*]} " != *" --out "* ]]; then
  mkdir -p "$ROOT/docs/benchmarks"
  args+=(--out "$ROOT/docs/benchmarks/node-e2e.jsonl")
fi
exec "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -cp "$CLASSES:$LIB/*" \
  org.nfpvnfm.dpdk.bench.NodeBenchSuite --c-binary "$C_BIN" "${args[@]}"
