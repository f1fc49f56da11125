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
pattern=NfBenchmark
if (($# > 0)); then
  pattern=$1
  shift
fi
exec "$ROOT/bin/bench-jmh.sh" bench-nf nf-gc "$pattern" "$@"
