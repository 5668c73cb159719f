#!/bin/sh
# Block inspector screenshots: docs/screenshots/inspector-{q8_0,q4_0,q2_k}.png, the same block of
# the same tensor under three precisions, rendered under Xvfb (xvfb-run).
#   scripts/screenshots-inspector.sh [BUILD_DIR] [MODEL [TENSOR]]
# Without MODEL, a synthetic demo model (quantscope-cli make-demo --params 8M --seed 1) is used;
# its ffn_down rows (1024 weights) fit every format, the K-quants' 256-weight super-blocks too.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$root/build}
model=${2:-}
tensor=${3:-blk.0.ffn_down.weight}
out=$root/docs/screenshots
mkdir -p "$out"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
if [ -z "$model" ]; then
  model=$tmp/demo.gguf
  "$build/app/quantscope-cli" make-demo --params 8M --seed 1 --output "$model" >/dev/null
fi
for p in Q8_0 Q4_0 Q2_K; do
  lower=$(echo "$p" | tr 'A-Z' 'a-z')
  block=2; [ "$p" = Q2_K ] && block=4  # Q2_K sub-blocks hold 16 weights: columns 64-79 of the same block
  QT_QPA_PLATFORM=xcb xvfb-run -a -s "-screen 0 1600x1000x24" \
    "$build/app/quantscope" "$model" --language en --inspector-screenshot "$out/inspector-$lower.png" \
    --inspector-precision "$p" --inspector-tensor "$tensor" --inspector-row 5 --inspector-block "$block"
  echo "wrote $out/inspector-$lower.png"
done
