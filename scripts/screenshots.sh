#!/usr/bin/env bash
# Screenshots of every view of the window — the first screen (a first start: the built-in
# stories260K model, accuracy measured), the four plot tabs for a tensor and the whole model,
# the sensitivity dock, model accuracy, the block inspector and the primer — at 1280×800 and
# 1920×1080 in all four languages, under Xvfb.
#   scripts/screenshots.sh [MODEL]       MODEL: a model file, or "demo"; default: the built-in model
# Everything goes to docs/screenshots/all/<lang>-<WxH>/ (not committed; LANGS and SIZES narrow it
# down). The committed set is copied from there into docs/screenshots/: the English 1280×800 views,
# the first screen at 1920×1080, and the first screen in German, Chinese and Hindi.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
build=${BUILD_DIR:-$here/build}
model=${1:-}
langs=${LANGS:-en de zh_CN hi}
sizes=${SIZES:-1280x800 1920x1080}
out=$here/docs/screenshots
all=$out/all
if [ ! -x "$build/app/quantscope" ]; then
  cmake -S "$here" -B "$build" -G Ninja
fi
cmake --build "$build" -j2 --target quantscope
mkdir -p "$all"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# 8-bit palette PNGs when ImageMagick is there (the committed ones stay small).
shrink() { if command -v convert >/dev/null; then convert "$1" -colors 128 PNG8:"$2"; else cp "$1" "$2"; fi; }
for lang in $langs; do
  for size in $sizes; do
    w=${size%x*}; h=${size#*x}
    dest=$all/$lang-$size
    rm -rf "$dest" "$tmp/shots"
    mkdir -p "$dest"
    # A fresh settings folder per run: each one is a first start.
    rm -rf "$tmp/config"
    XDG_CONFIG_HOME=$tmp/config xvfb-run -a -s "-screen 0 $((w + 40))x$((h + 40))x24" \
      "$build/app/quantscope" --language "$lang" --window-size "$size" --screenshot-dir "$tmp/shots" \
      --precisions "${PRECISIONS:-Q8_0,Q4_0,Q2_K}" ${SELECT:+--select "$SELECT"} ${model:+"$model"} >/dev/null
    for f in "$tmp"/shots/*.png; do shrink "$f" "$dest/$(basename "$f")"; done
    echo "$dest: $(ls "$dest" | wc -l) views"
  done
done
# The committed set.
if [ -d "$all/en-1280x800" ]; then
  for f in "$all"/en-1280x800/*.png; do cp "$f" "$out/$(basename "$f")"; done
fi
[ -f "$all/en-1920x1080/0-first-screen.png" ] && cp "$all/en-1920x1080/0-first-screen.png" "$out/first-screen-1920x1080.png"
for lang in de zh_CN hi; do
  [ -f "$all/$lang-1280x800/0-first-screen.png" ] && cp "$all/$lang-1280x800/0-first-screen.png" "$out/first-screen-$lang.png"
done
ls -l "$out"
