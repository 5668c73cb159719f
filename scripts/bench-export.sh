#!/usr/bin/env bash
# bench-export.sh BUILD_DIR [PARAMS] [TYPE]: the model-wide quantization benchmark.
# Writes a synthetic F16 llama model of PARAMS parameters (default 1B, ~2 GB) with make-demo,
# quantizes it to TYPE (default Q4_K_M) as GGUF, and prints wall time, MB/s of source read,
# CPU time and peak RSS (from /usr/bin/time -v). The big files go to a temporary folder
# that is deleted at the end.
set -euo pipefail
build=${1:?usage: bench-export.sh BUILD_DIR [PARAMS] [TYPE]}
params=${2:-1B}
type=${3:-Q4_K_M}
cli="$build/app/quantscope-cli"
[ -x "$cli" ] || { echo "bench-export: $cli not found (build first)" >&2; exit 1; }
[ -x /usr/bin/time ] || { echo "bench-export: /usr/bin/time is missing (apt-get install time)" >&2; exit 1; }
work=$(mktemp -d "${TMPDIR:-/tmp}/qs-bench-export.XXXXXX")
trap 'rm -rf "$work"' EXIT

measure() {  # measure LOG CMD...: runs CMD under /usr/bin/time -v, prints the key figures
  local log=$1; shift
  /usr/bin/time -v "$@" >"$log.out" 2>"$log"
  grep -E '^wrote' "$log.out" || true
  grep -E 'Elapsed|User time|System time|Percent of CPU|Maximum resident' "$log" | sed 's/^\s*/  /'
}

echo "== make-demo --params $params --dtype F16"
measure "$work/make.log" "$cli" make-demo --params "$params" --dtype F16 --seed 1 --output "$work/demo.gguf"
echo "== quantize --type $type"
measure "$work/quantize.log" "$cli" quantize "$work/demo.gguf" --type "$type" --output "$work/demo-$type.gguf"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
