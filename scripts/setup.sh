#!/usr/bin/env bash
# Installs what QuantScope needs on Debian 12 (only what is missing), then configures and
# builds it into build/. Used by both Quick start commands.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
pkgs=(build-essential cmake ninja-build clang libclang-rt-14-dev
      qt6-base-dev qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools libgl1-mesa-dev
      libqcustomplot-dev libeigen3-dev xvfb xauth imagemagick nodejs npm
      fonts-noto-cjk fonts-lohit-deva)
# fonts-noto-cjk / fonts-lohit-deva: glyphs for the Chinese and Hindi translations (a default
# Debian has DejaVu only, which has neither: the window would show boxes).
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
# node/npm may come from elsewhere than Debian (a newer Node on PATH is fine).
if command -v node >/dev/null && command -v npm >/dev/null; then
  missing=("${missing[@]/nodejs}"); missing=("${missing[@]/npm}")
fi
missing=($(printf '%s\n' "${missing[@]}" | grep -v '^$' || true))
if ((${#missing[@]})); then
  echo "setup: installing ${missing[*]}"
  sudo_cmd=""; [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
  $sudo_cmd apt-get update -q
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -q --no-install-recommends "${missing[@]}"
fi
# llama.cpp as an independent reader for the interop tests (pinned, from the npm registry).
if [ ! -d "$here/tests/interop/node_modules/node-llama-cpp" ]; then
  (cd "$here/tests/interop" && npm ci --no-audit --no-fund --loglevel=error)
fi
