#!/usr/bin/env bash
# Runs the C reference pipeline (dpdk-node/src/bench/c/nfp_pipeline_ref.c, docs/c-reference.md) on a
# synthetic trace and prints its JSON lines, one per mode.
#   bin/bench-ref.sh [--mode parallel|sequential] [--rounds N] [--seconds S] [--rate PPS] [--copy]
#                    [--size BYTES] [--burst B] [--packets N] [--window W] [--flows F] [--count C]
# Defaults: both modes, --rounds 100, --seconds 2, no rate limit, 64-byte UDP/IPv4 frames, 256 flows,
# 1024 packets in the trace. --copy applies to the parallel mode only (the sequential chain shares
# nothing). The trace is a classic libpcap file in a temporary directory, replayed in a loop by
# net_pcap (infinite_rx=1); the sink is net_null. Needs DPDK 22.11 and the binary built by Maven
# (./build -o -q generate-resources -pl dpdk-node). Run it on an otherwise idle machine: it
# busy-polls two cores (lcores 0 and 1).
set -euo pipefail
ROOT=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)
BIN="$ROOT/dpdk-node/target/native/nfp-pipeline-ref"

usage() {
  sed -n '2,12s/^# \{0,1\}//p' "${BASH_SOURCE[0]}" >&2
  exit 2
}

modes=(parallel sequential)
rounds=100
seconds=2
rate=0
copy=false
size=64
burst=32
packets=
window=
flows=256
count=1024
while (($# > 0)); do
  case $1 in
    --mode) modes=("${2:?--mode needs a value}"); shift 2 ;;
    --rounds) rounds=${2:?}; shift 2 ;;
    --seconds) seconds=${2:?}; shift 2 ;;
    --rate) rate=${2:?}; shift 2 ;;
    --copy) copy=true; shift ;;
    --size) size=${2:?}; shift 2 ;;
    --burst) burst=${2:?}; shift 2 ;;
    --packets) packets=${2:?}; shift 2 ;;
    --window) window=${2:?}; shift 2 ;;
    --flows) flows=${2:?}; shift 2 ;;
    --count) count=${2:?}; shift 2 ;;
    -h | --help) usage ;;
    *) echo "bench-ref: unknown argument: $1" >&2; usage ;;
  esac
done
for n in "$rounds" "$rate" "$size" "$burst" "$flows" "$count"; do
  [[ $n =~ ^[0-9]+$ ]] || { echo "bench-ref: not a number: $n" >&2; exit 2; }
done
if ((size < 60 || size > 1514)); then
  echo "bench-ref: --size must be 60..1514 (an Ethernet frame without FCS)" >&2
  exit 2
fi
if ((flows < 1 || flows > 65536 || count < 1)); then
  echo "bench-ref: --flows must be 1..65536 and --count at least 1" >&2
  exit 2
fi
if [[ ! -x $BIN ]]; then
  echo "bench-ref: $BIN is missing; build it first:" >&2
  echo "  ./build -o -q generate-resources -pl dpdk-node" >&2
  exit 1
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/nfp-bench-ref.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

# write_trace FILE: $count UDP/IPv4 frames of $size bytes, packet i in flow i % $flows
# (source 10.0.x.y port 1024 + flow % 50000, destination 10.1.0.1 port 5001).
write_trace() {
  local out=$1 buf h i f ip_len udp_len sip sum word
  # pcap global header (little-endian): magic a1b2c3d4, version 2.4, zone 0, sigfigs 0,
  # snaplen 65535, linktype 1 (Ethernet).
  printf -v buf '\\x%02x' 0xd4 0xc3 0xb2 0xa1 2 0 4 0 0 0 0 0 0 0 0 0 0xff 0xff 0 0 1 0 0 0
  ip_len=$((size - 14))
  udp_len=$((size - 34))
  local payload
  printf -v payload '%*s' $((size - 42)) ''
  payload=${payload// /\\x00}
  for ((i = 0; i < count; i++)); do
    f=$((i % flows))
    sip=$((0x0a000000 | f))
    # IPv4 header checksum over the ten 16-bit words (checksum word 0).
    sum=$((0x4500 + ip_len + (i & 0xffff) + 0x4000 + 0x4011 + (sip >> 16) + (sip & 0xffff) \
      + 0x0a01 + 0x0001))
    sum=$(((sum & 0xffff) + (sum >> 16)))
    sum=$(((sum & 0xffff) + (sum >> 16)))
    word=$((~sum & 0xffff))
    # Record header: seconds, microseconds, captured length, original length.
    printf -v h '\\x%02x' $((i & 255)) $(((i >> 8) & 255)) $(((i >> 16) & 255)) $((i >> 24)) \
      0 0 0 0 $((size & 255)) $((size >> 8)) 0 0 $((size & 255)) $((size >> 8)) 0 0
    buf+=$h
    # Ethernet: destination 02:00:00:00:00:02, source 02:00:00:00:00:01, type IPv4.
    # IPv4: version 4, IHL 5, total length, id, DF, TTL 64, UDP, checksum, addresses.
    # UDP: ports, length, checksum 0 (none).
    printf -v h '\\x%02x' 2 0 0 0 0 2 2 0 0 0 0 1 8 0 \
      0x45 0 $((ip_len >> 8)) $((ip_len & 255)) $(((i >> 8) & 255)) $((i & 255)) 0x40 0 64 17 \
      $((word >> 8)) $((word & 255)) 10 0 $(((f >> 8) & 255)) $((f & 255)) 10 1 0 1 \
      $(((1024 + f % 50000) >> 8)) $(((1024 + f % 50000) & 255)) 0x13 0x89 \
      $((udp_len >> 8)) $((udp_len & 255)) 0 0
    buf+=$h$payload
  done
  printf '%b' "$buf" >"$out"
}

trace="$tmp/trace.pcap"
write_trace "$trace"

status=0
run=0
for mode in "${modes[@]}"; do
  args=(--mode "$mode" --rounds "$rounds" --seconds "$seconds" --rate "$rate" --burst "$burst")
  [[ -n $packets ]] && args+=(--packets "$packets")
  [[ -n $window && $mode == parallel ]] && args+=(--window "$window")
  [[ $copy == true && $mode == parallel ]] && args+=(--copy)
  run=$((run + 1))
  if ! "$BIN" -l 0-1 --no-huge --no-pci -m 512 --file-prefix "nfpref-$$-$run" --no-telemetry \
    --log-level=lib.eal:warning \
    "--vdev=net_pcap0,rx_pcap=$trace,infinite_rx=1" --vdev=net_null0 -- "${args[@]}"; then
    echo "bench-ref: the $mode run failed (messages above)" >&2
    status=1
  fi
done
exit $status
