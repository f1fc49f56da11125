#!/usr/bin/env bash
# Builds the DPDK shim for dpdk-node: gcc against `pkg-config libdpdk`.
#   build-shim.sh SOURCE_DIR OUTPUT_SO CLASSES_COPY
# Maven runs it (exec-maven-plugin, generate-resources); it also copies the library into
# target/classes so it ships in the jar (see docs/dpdk-node.md).
set -euo pipefail
src_dir=$1
out=$2
copy=$3

if ! command -v pkg-config >/dev/null 2>&1 || ! pkg-config --exists libdpdk; then
  cat >&2 <<'MSG'
dpdk-node: DPDK development files not found (`pkg-config libdpdk` fails).
  The DPDK compute node builds a small C shim against DPDK 22.11. On Debian 12 install:
    sudo apt-get install -y dpdk libdpdk-dev pkg-config
MSG
  exit 1
fi
if ! command -v gcc >/dev/null 2>&1; then
  echo "dpdk-node: gcc not found; install it: sudo apt-get install -y gcc" >&2
  exit 1
fi

mkdir -p "$(dirname "$out")" "$(dirname "$copy")"
# shellcheck disable=SC2046  # pkg-config output is a list of flags, split on purpose
gcc -O2 -g -std=gnu11 -Wall -Wextra -Werror -Wno-unused-parameter -fPIC -shared \
  -fvisibility=hidden \
  $(pkg-config --cflags libdpdk) \
  -o "$out" "$src_dir/nfp_dpdk_shim.c" \
  $(pkg-config --libs libdpdk)
cp "$out" "$copy"
