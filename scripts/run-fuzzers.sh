#!/usr/bin/env bash
# run-fuzzers.sh BUILD_DIR SECONDS: runs each libFuzzer target (built with -DQS_BUILD_FUZZERS=ON)
# for SECONDS on a seed corpus made from the stories260K fixtures: the three readers (the files,
# plus truncated variants), the GGUF writer's round trip (the GGUF corpus) and the evaluation
# path (config.json + token file variants), one per core at a time. Fails if any fuzzer finds a
# crash, leak or timeout.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
build=${1:?usage: run-fuzzers.sh BUILD_DIR SECONDS}
seconds=${2:?usage: run-fuzzers.sh BUILD_DIR SECONDS}
models=${QS_MODELS_DIR:-$here/tests/data}
fixtures="$models/stories260K"
if [ ! -d "$fixtures" ]; then
  echo "run-fuzzers: the fixtures are missing: $fixtures" >&2
  exit 1
fi
work=$(mktemp -d "${TMPDIR:-/tmp}/qs-fuzz.XXXXXX")
trap 'rm -rf "$work"' EXIT

le() {  # le VALUE NBYTES: little-endian bytes
  local v=$1 n=$2 i out=""
  for ((i = 0; i < n; i++)); do out+=$(printf '\\x%02x' $(((v >> (8 * i)) & 255))); done
  printf '%b' "$out"
}
gstr() { le ${#1} 8; printf '%s' "$1"; }
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

# Small GGUFs with one 2x256 tensor of each type the spec lists (random data), so that every
# decoder the engine registers is fuzzed, not only F32.
for t in 0:1:4 1:1:2 2:32:18 3:32:20 6:32:22 7:32:24 8:32:34 9:32:36 10:256:84 11:256:110 12:256:144 \
         13:256:176 14:256:210 15:256:292 16:256:66 17:256:74 18:256:98 19:256:50 20:32:18 21:256:110 \
         22:256:82 23:256:136 24:1:1 25:1:2 26:1:4 27:1:8 28:1:8 29:256:56 30:1:2 34:256:54 35:256:66 39:32:17; do
  IFS=: read -r id bs ts <<<"$t"
  f="$work/gguf/corpus/type-$id"
  {
    printf 'GGUF'; le 3 4; le 1 8; le 1 8
    gstr general.architecture; le 8 4; gstr llama
    gstr blk.0.attn_q.weight; le 2 4; le 256 8; le 2 8; le "$id" 4; le 0 8
  } >"$f"
  pad=$(((32 - $(stat -c %s "$f") % 32) % 32))
  head -c "$pad" /dev/zero >>"$f"
  head -c $((2 * 256 / bs * ts)) /dev/urandom >>"$f"
done
seed safetensors "$fixtures/model.safetensors"
seed llama2c "$fixtures/stories260K.bin"
# Small safetensors files with every dtype (and a metadata block, a scalar and an empty tensor).
st_seed() {  # st_seed NAME HEADER DATA_BYTES
  local f="$work/safetensors/corpus/$1"
  { le ${#2} 8; printf '%s' "$2"; head -c "$3" /dev/urandom; } >"$f"
}
st_seed floats '{"__metadata__":{"format":"pt"},"a":{"dtype":"F32","shape":[2,3],"data_offsets":[0,24]},"b":{"dtype":"F16","shape":[4],"data_offsets":[24,32]},"c":{"dtype":"BF16","shape":[2,2],"data_offsets":[32,40]},"s":{"dtype":"F32","shape":[],"data_offsets":[40,44]},"e":{"dtype":"F16","shape":[0,8],"data_offsets":[44,44]}}' 44
st_seed others '{"i8":{"dtype":"I8","shape":[3],"data_offsets":[0,3]},"u8":{"dtype":"U8","shape":[1],"data_offsets":[3,4]},"f64":{"dtype":"F64","shape":[1],"data_offsets":[8,16]},"e4":{"dtype":"F8_E4M3","shape":[2,2],"data_offsets":[16,20]},"bool":{"dtype":"BOOL","shape":[4],"data_offsets":[20,24]},"i64":{"dtype":"I64","shape":[1],"data_offsets":[24,32]}}' 32
# A tiny llama2.c checkpoint with an unshared classifier: dim 8, hidden 16, 1 layer, 2 heads,
# 1 KV head, vocab -10, seq_len 4 (776 floats).
{ for v in 8 16 1 2 1 $(((1 << 32) - 10)) 4; do le "$v" 4; done; head -c $((776 * 4)) /dev/urandom; } \
  >"$work/llama2c/corpus/tiny-unshared"

# The GGUF writer's round trip starts from the reader's GGUF corpus.
mkdir -p "$work/gguf_roundtrip/artifacts"
cp -r "$work/gguf/corpus" "$work/gguf_roundtrip/corpus"

# The evaluation path: config.json, a NUL, a token file; and configs that disagree with the
# tensors or state absurd sizes (1 or 2^30 context, 2^30 layers or vocabulary).
mkdir -p "$work/eval/corpus" "$work/eval/artifacts"
cfg=$(tr -d '\n' <"$fixtures/config.json")
tiny='{"model_type":"llama","hidden_size":16,"intermediate_size":24,"num_hidden_layers":1,"num_attention_heads":2,"num_key_value_heads":1,"vocab_size":32,"max_position_embeddings":8}'
{ printf '%s' "$cfg"; printf '\0'; cat "$fixtures/eval-tokens.json"; } >"$work/eval/corpus/stories"
{ printf '%s' "$tiny"; printf '\0'; printf '{"tokens":[1,5,9,31,0,2,7,7,3]}'; } >"$work/eval/corpus/tiny"
printf '%s' "$tiny" >"$work/eval/corpus/tiny-sampled"
for edit in max_position_embeddings:1 max_position_embeddings:1073741824 num_hidden_layers:1073741824 \
            vocab_size:1073741824 num_key_value_heads:3 rms_norm_eps:0 rope_theta:0; do
  key=${edit%%:*} value=${edit#*:}
  # A key given again: Qt's JSON keeps the last, so this overrides the tiny config's value.
  printf '%s,"%s":%s}' "${tiny%\}}" "$key" "$value" >"$work/eval/corpus/$key-$value"
done

# One fuzzer per core at a time (each is single-threaded); each reports when it ends.
run_one() {  # run_one NAME: exit status 0 when the fuzzer found nothing
  local reader=$1 exe="$build/tests/fuzz/fuzz_$1"
  if ! ASAN_OPTIONS=${ASAN_OPTIONS:-abort_on_error=1} "$exe" -max_total_time="$seconds" -max_len=1200000 \
        -rss_limit_mb=2048 -timeout=60 -print_final_stats=1 \
        -artifact_prefix="$work/$reader/artifacts/" "$work/$reader/corpus" >"$work/$reader/log" 2>&1; then
    tail -n 60 "$work/$reader/log" >&2
    mkdir -p "$build/fuzz-artifacts"
    cp -r "$work/$reader/artifacts/." "$build/fuzz-artifacts/" 2>/dev/null || true
    echo "run-fuzzers: fuzz_$reader failed; crashing inputs copied to $build/fuzz-artifacts/" >&2
    touch "$work/$reader/FAILED"
    return 1
  fi
  echo "== fuzz_$reader ran ${seconds}s: $(grep -E "Done [0-9]+ runs" "$work/$reader/log" | tail -n 1)"
}

readers=(gguf safetensors llama2c gguf_roundtrip eval)
for reader in "${readers[@]}"; do
  if [ ! -x "$build/tests/fuzz/fuzz_$reader" ]; then
    echo "run-fuzzers: $build/tests/fuzz/fuzz_$reader is missing (build with -DQS_BUILD_FUZZERS=ON)" >&2
    exit 1
  fi
done
jobs_max=$(nproc)
for reader in "${readers[@]}"; do
  while (( $(jobs -rp | wc -l) >= jobs_max )); do wait -n || true; done
  echo "== fuzz_$reader for ${seconds}s"
  run_one "$reader" &
done
wait
failed=()
for reader in "${readers[@]}"; do
  if [ -e "$work/$reader/FAILED" ]; then failed+=("$reader"); fi
done
if ((${#failed[@]})); then
  echo "run-fuzzers: FAILED: ${failed[*]}" >&2
  exit 1
fi
echo "run-fuzzers: all fuzzers ran ${seconds}s without a crash"
