#!/usr/bin/env bash
# Builds the C reference pipeline of dpdk-node's dataplane benchmark (docs/c-reference.md): gcc -O2
# against `pkg-config libdpdk`, an executable, not part of the jar.
#   build-ref.sh SOURCE_DIR OUTPUT
# Maven runs it (exec-maven-plugin, generate-resources, after the shim); it skips gcc when OUTPUT
# is newer than the source and this script.
set -euo pipefail
src_dir=$1
out=$2
src="$src_dir/nfp_pipeline_ref.c"

if [[ -x $out && $out -nt $src && $out -nt ${BASH_SOURCE[0]} ]]; then
  exit 0
fi
if ! command -v pkg-config >/dev/null 2>&1 || ! pkg-config --exists libdpdk; then
  cat >&2 <<'MSG'
dpdk-node: DPDK development files not found (`pkg-config libdpdk` fails).
  The C reference pipeline builds against DPDK 22.11. On Debian 12 install:
    sudo apt-get install -y dpdk libdpdk-dev pkg-config
MSG
  exit 1
fi
if ! command -v gcc >/dev/null 2>&1; then
  echo "dpdk-node: gcc not found; install it: sudo apt-get install -y gcc" >&2
  exit 1
fi

mkdir -p "$(dirname "$out")"
# shellcheck disable=SC2046  # pkg-config output is a list of flags, split on purpose
gcc -O2 -g -std=gnu11 -Wall -Wextra -Werror \
  $(pkg-config --cflags libdpdk) \
  -o "$out.tmp" "$src" \
  $(pkg-config --libs libdpdk)
mv -f "$out.tmp" "$out"
