#!/usr/bin/env bash
# bench-error-feedback.sh BUILD [TYPES] [CALIB]: stories260K quantized --pure three ways — QuantScope plain,
# QuantScope with error feedback (calibration: CALIB tokens, default 1024, sampled with seed 2), llama.cpp's own
# llama_model_quantize — each file run by llama.cpp (node-llama-cpp) against the F32 model: mean KL
# and top-1 agreement on eval-tokens.json and on two streams llama.cpp samples (seeds 11 and 12).
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
build=${1:?usage: bench-error-feedback.sh BUILD [TYPES] [CALIB]}
types=${2:-Q8_0,Q5_0,Q4_1,Q4_0}
calib=${3:-1024}
cli="$build/app/quantscope-cli"
model="${QS_MODELS_DIR:-$here/tests/data}/stories260K"
ref="$model/stories260K-f32.gguf"
bins="$here/tests/interop/node_modules/@node-llama-cpp/linux-x64/bins/linux-x64"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cc -O2 -o "$tmp/llama-quantize" "$here/scripts/llama-quantize.c" -ldl
declare -A ftype=([Q4_0]=2 [Q4_1]=3 [Q8_0]=7 [Q5_0]=8 [Q5_1]=9)
kl() { node "$here/tests/interop/kl_vs_reference.mjs" "$ref" "$1" "$2" | sed -E 's/.*"kld_mean":([^,]*),"top1_agreement":([^,]*),.*/\1 \2/'; }
printf '| type | stream | llama.cpp KL | QuantScope KL | QuantScope + EF KL | EF / llama.cpp |\n|---|---|---|---|---|---|\n'
for t in ${types//,/ }; do
  "$cli" quantize "$ref" --type "$t" --pure --output "$tmp/ours-$t.gguf" >/dev/null
  "$cli" quantize "$ref" --type "$t" --pure --error-feedback --calib-seed 2 --calib-sample "$calib" --output "$tmp/ef-$t.gguf" >/dev/null 2>&1
  LD_LIBRARY_PATH="$bins" "$tmp/llama-quantize" "$bins/libllama.v0.4.0.so" "$ref" "$tmp/llama-$t.gguf" "${ftype[$t]}" pure 2>/dev/null
  for s in "$model/eval-tokens.json" sample:256:11 sample:256:12; do
    read -r kl_l _ < <(kl "$tmp/llama-$t.gguf" "$s")
    read -r kl_o _ < <(kl "$tmp/ours-$t.gguf" "$s")
    read -r kl_e _ < <(kl "$tmp/ef-$t.gguf" "$s")
    name=$(basename "$s")
    printf '| %s | %s | %.4f | %.4f | %.4f | %.2f× |\n' "$t" "$name" "$kl_l" "$kl_o" "$kl_e" "$(echo "$kl_e / $kl_l" | bc -l)"
  done
done
