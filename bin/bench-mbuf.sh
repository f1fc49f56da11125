#!/usr/bin/env bash
# Runs the DPDK mbuf benchmark (benchmarks/ MbufBenchmark: burst alloc/free, SP/SC ring, shared
# clone, full and header copies, net_null tx/rx) with JMH's GC profiler, with settings short enough
# for a 2-core machine, and writes JMH's JSON result to docs/benchmarks/mbuf-gc.json.
#   bin/bench-mbuf.sh                        every benchmark
#   bin/bench-mbuf.sh MbufBenchmark.header   JMH's own regular expression instead of the class
# Further arguments after the first go to JMH as they are; do not repeat an option that
# BENCH_SETTINGS already sets, change BENCH_SETTINGS instead. BENCH_OUT=NAME writes
# docs/benchmarks/NAME.json instead.
# Needs DPDK 22.11 (the EAL starts with --no-huge --no-pci -m 256, as in dpdk-node's tests; each
# forked JVM leaves a small runtime directory nfp-bench-mbuf-<pid> under /var/run/dpdk or
# $XDG_RUNTIME_DIR/dpdk). The jar is built first when it is missing or older than a source of the
# module or of dpdk-node.
set -euo pipefail
ROOT=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)
pattern=MbufBenchmark
if (($# > 0)); then
  pattern=$1
  shift
fi
exec "$ROOT/bin/bench-jmh.sh" bench-mbuf mbuf-gc "$pattern" "$@"
