#!/usr/bin/env bash
# GUI benchmark (not a test): writes a make-demo model of about $PARAMS parameters (default 1e9,
# F16 GGUF unless FORMAT=safetensors/F32 given), then times, in the real window under Xvfb,
# open -> populated browser and the histogram (+ the checked precisions) of its largest tensor.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
build=${BUILD_DIR:-$here/build}
params=${PARAMS:-1000000000}
dir=${BENCH_DIR:-/tmp/quantscope-bench}
dtype=${DTYPE:-F16}
file=$dir/demo-$params-$dtype.gguf
cmake --build "$build" -j2 --target quantscope quantscope-cli
mkdir -p "$dir"
if [ ! -f "$file" ]; then
  echo "writing $file ..."
  /usr/bin/time -f "make-demo: %e s" "$build/app/quantscope-cli" make-demo --params "$params" --dtype "$dtype" --output "$file"
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
XDG_CONFIG_HOME=$tmp xvfb-run -a -s "-screen 0 1600x1000x24" \
  "$build/app/quantscope" --benchmark --precisions "${PRECISIONS:-Q8_0,Q4_0,Q2_K}" "$file"
