#!/usr/bin/env bash
# run-fuzzers.sh BUILD_DIR SECONDS: runs each reader's libFuzzer target (built with
# -DQS_BUILD_FUZZERS=ON) for SECONDS on a seed corpus made from the stories260K fixtures
# (the files, plus truncated variants). Fails if any fuzzer finds a crash, leak or timeout.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
build=${1:?usage: run-fuzzers.sh BUILD_DIR SECONDS}
seconds=${2:?usage: run-fuzzers.sh BUILD_DIR SECONDS}
models=${QS_MODELS_DIR:-$(cd "$here/.." && pwd)/shared/models}
fixtures="$models/stories260K"
if [ ! -d "$fixtures" ]; then
  echo "run-fuzzers: the fixtures are missing: $fixtures" >&2
  exit 1
fi
work=$(mktemp -d "${TMPDIR:-/tmp}/qs-fuzz.XXXXXX")
trap 'rm -rf "$work"' EXIT

seed() {  # seed NAME FILE: the file and truncated copies of it in $work/NAME/corpus
  local dir="$work/$1/corpus" file=$2 size n
  mkdir -p "$dir" "$work/$1/artifacts"
  cp "$file" "$dir/full"
  size=$(stat -c %s "$file")
  for n in 16 28 40 64 100 256 1000 4096 5000 8192 12000 16384 65536 $((size / 2)) $((size - 1)); do
    [ "$n" -lt "$size" ] && head -c "$n" "$file" >"$dir/trunc-$n"
  done
  return 0
}
seed gguf "$fixtures/stories260K-f32.gguf"
seed safetensors "$fixtures/model.safetensors"
seed llama2c "$fixtures/stories260K.bin"

failed=()
for reader in gguf safetensors llama2c; do
  exe="$build/tests/fuzz/fuzz_$reader"
  if [ ! -x "$exe" ]; then
    echo "run-fuzzers: $exe is missing (build with -DQS_BUILD_FUZZERS=ON)" >&2
    exit 1
  fi
  echo "== fuzz_$reader for ${seconds}s"
  if ! ASAN_OPTIONS=${ASAN_OPTIONS:-abort_on_error=1} "$exe" -max_total_time="$seconds" -max_len=1200000 \
        -rss_limit_mb=2048 -timeout=60 -print_final_stats=1 \
        -artifact_prefix="$work/$reader/artifacts/" "$work/$reader/corpus" >"$work/$reader/log" 2>&1; then
    failed+=("$reader")
    tail -n 60 "$work/$reader/log" >&2
    mkdir -p "$build/fuzz-artifacts"
    cp -r "$work/$reader/artifacts/." "$build/fuzz-artifacts/" 2>/dev/null || true
    echo "run-fuzzers: fuzz_$reader failed; crashing inputs copied to $build/fuzz-artifacts/" >&2
  else
    grep -E "stat::number_of_executed_units|Done [0-9]+ runs" "$work/$reader/log" | tail -n 2 || true
  fi
done
if ((${#failed[@]})); then
  echo "run-fuzzers: FAILED: ${failed[*]}" >&2
  exit 1
fi
echo "run-fuzzers: all fuzzers ran ${seconds}s without a crash"
