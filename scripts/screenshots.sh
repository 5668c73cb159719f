#!/usr/bin/env bash
# Screenshots of the explorer window's main views: builds if needed, runs the GUI under Xvfb on
# the stories260K GGUF (or the model given as $1; "demo" for the built-in synthetic model), and
# writes docs/screenshots/*.png.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
build=${BUILD_DIR:-$here/build}
models=${QS_MODELS_DIR:-$here/tests/data}
model=${1:-$models/stories260K/stories260K-f32.gguf}
[ "$model" = demo ] && model=
out=$here/docs/screenshots
if [ ! -x "$build/app/quantscope" ]; then
  cmake -S "$here" -B "$build" -G Ninja
fi
cmake --build "$build" -j2 --target quantscope
mkdir -p "$out"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# A fresh settings folder, so the shots do not depend on the user's last session.
XDG_CONFIG_HOME=$tmp xvfb-run -a -s "-screen 0 1600x1000x24" \
  "$build/app/quantscope" --screenshot-dir "$tmp/shots" --precisions "${PRECISIONS:-Q8_0,Q4_0,Q2_K}" \
  ${SELECT:+--select "$SELECT"} ${model:+"$model"}
for f in "$tmp"/shots/*.png; do
  # Keep the committed PNGs small: 8-bit palette when ImageMagick is there.
  if command -v convert >/dev/null; then
    convert "$f" -colors 128 PNG8:"$out/$(basename "$f")"
  else
    cp "$f" "$out/"
  fi
done
ls -l "$out"
