#!/usr/bin/env bash
# bench-model-vs-llama.sh BUILD_DIR [options]: decode and prompt speed of QuantScope's forward pass
# against llama.cpp's (node-llama-cpp 3.21.1 from tests/interop/node_modules) on the same GGUF
# files, same thread count, measured one after the other on this machine.
#
#   --model FILE.gguf   an F16 (or F32/BF16) GGUF to start from (default: make-demo --params PARAMS)
#   --params N          size of the make-demo model when --model is not given (default 1B)
#   --types LIST        comma-separated types to export and measure (default F16,Q8_0,Q4_0,Q4_K_M,Q2_K;
#                       the source's own dtype is measured as the source file itself)
#   --threads N         threads for both (default 2)
#   --reps N            best of N runs on each side (default 3)
#   --keep DIR          write the models to DIR and keep them (default: a temporary folder, deleted)
#
# Every type is exported by `quantscope-cli quantize` to GGUF; both programs then read that file:
# `quantscope-cli bench-model FILE` (its weights in place, llama-mode activations) and
# `node tests/interop/llama_bench.mjs FILE` (llama.cpp's best CPU variant). tg = 128 tokens decoded one
# at a time after a 16-token prompt, pp = one 512-token batch, the same token ids on both sides.
# Run it on an idle machine: the numbers are wall-clock speeds.
set -euo pipefail
build=${1:?usage: bench-model-vs-llama.sh BUILD_DIR [--model F.gguf] [--params 1B] [--types ...] [--threads N] [--reps N] [--keep DIR]}
shift
model="" params=1B types=F16,Q8_0,Q4_0,Q4_K_M,Q2_K threads=2 reps=3 keep=""
while [ $# -gt 0 ]; do
  case $1 in
    --model) model=$2; shift 2 ;;
    --params) params=$2; shift 2 ;;
    --types) types=$2; shift 2 ;;
    --threads) threads=$2; shift 2 ;;
    --reps) reps=$2; shift 2 ;;
    --keep) keep=$2; shift 2 ;;
    *) echo "bench-model-vs-llama: unknown option $1" >&2; exit 2 ;;
  esac
done
here=$(cd "$(dirname "$0")/.." && pwd)
cli="$build/app/quantscope-cli"
mjs="$here/tests/interop/llama_bench.mjs"
[ -x "$cli" ] || { echo "bench-model-vs-llama: $cli not found (build first)" >&2; exit 1; }
[ -d "$here/tests/interop/node_modules/node-llama-cpp" ] ||
  { echo "bench-model-vs-llama: node-llama-cpp missing in tests/interop/node_modules (npm ci there)" >&2; exit 1; }
if [ -n "$keep" ]; then work=$keep; mkdir -p "$work"; else
  work=$(mktemp -d "${TMPDIR:-/tmp}/qs-bench-model.XXXXXX"); trap 'rm -rf "$work"' EXIT; fi

if [ -z "$model" ]; then
  model="$work/demo-$params-F16.gguf"
  [ -f "$model" ] || "$cli" make-demo --params "$params" --dtype F16 --seed 1 --output "$model" >&2
fi
vocab=$("$cli" info "$model" | sed -n 's/.*vocab \([0-9]*\).*/\1/p' | head -1)
[ -n "$vocab" ] || { echo "bench-model-vs-llama: $model is not a llama model" >&2; exit 1; }
src=$("$cli" bench-model "$model" --threads "$threads" --repetitions 1 --json | node -e \
  'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).results[0].type))')

json() {  # json FIELD: reads one JSON object on stdin, prints FIELD
  node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{const o=JSON.parse(s);
    const v=process.argv[1].split(".").reduce((a,k)=>a[k],o);console.log(v)})' "$1"
}

echo "model: $model (source $src, vocab $vocab), threads $threads, best of $reps"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores; $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2-)"
printf '%-8s %9s | %9s %9s %6s | %9s %9s %6s | %7s\n' type "size MB" "tg ours" "tg llama" ratio "pp ours" "pp llama" ratio ceiling
IFS=, read -ra list <<<"$types"
for t in "${list[@]}"; do
  if [ "$t" = "$src" ]; then f=$model; else
    f="$work/demo-$params-$t.gguf"
    [ -f "$f" ] || "$cli" quantize "$model" --type "$t" --output "$f" >/dev/null
  fi
  ours=$("$cli" bench-model "$f" --threads "$threads" --repetitions "$reps" --json)
  theirs=$(cd "$here/tests/interop" && node llama_bench.mjs "$f" --vocab "$vocab" --threads "$threads" --reps "$reps")
  otg=$(json results.0.tg_tokens_per_s <<<"$ours"); opp=$(json results.0.pp_tokens_per_s <<<"$ours")
  ltg=$(json tg_tokens_per_s <<<"$theirs"); lpp=$(json pp_tokens_per_s <<<"$theirs")
  size=$(json results.0.size_bytes <<<"$ours"); ceil=$(json results.0.ceiling_fraction <<<"$ours")
  awk -v t="$t" -v s="$size" -v otg="$otg" -v ltg="$ltg" -v opp="$opp" -v lpp="$lpp" -v c="$ceil" 'BEGIN {
    printf "%-8s %9.1f | %9.2f %9.2f %6.2f | %9.1f %9.1f %6.2f | %7.2f\n", t, s / 1e6, otg, ltg, otg / ltg, opp, lpp, opp / lpp, c }'
done
echo "bandwidth: $(json bandwidth_gb_per_s <<<"$ours") GB/s (quantscope-cli bench-model, $threads threads)"
