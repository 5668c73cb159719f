#!/usr/bin/env bash
# build.sh DIR [cmake options...]: configure and build QuantScope into DIR (every target, or only
# those listed in the environment variable QS_TARGETS).
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
dir=$1; shift
cmake -S "$here" -B "$dir" -G Ninja "$@" >/dev/null
targets=()
for t in ${QS_TARGETS:-}; do targets+=(--target "$t"); done
cmake --build "$dir" -j "$(nproc)" "${targets[@]}"
