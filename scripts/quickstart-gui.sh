#!/usr/bin/env bash
# Quick start 1: install what is missing, build, and start the GUI on its built-in demo model.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
"$here/scripts/setup.sh"
"$here/scripts/build.sh" "$here/build"
exec "$here/build/app/quantscope" "$@"
