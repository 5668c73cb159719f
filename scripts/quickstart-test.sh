#!/usr/bin/env bash
# Quick start 2: install what is missing, build, and run the whole test suite:
#   1. the normal build's tests (ctest),
#   2. the same tests built with AddressSanitizer + UBSan (clang),
#   3. each libFuzzer target for a bounded time (clang; 20 s each, QS_FUZZ_SECONDS to change).
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
cd "$here"
"$here/scripts/setup.sh"
# The test model (stories260K) lives in the repo, tests/data; QS_MODELS_DIR may point elsewhere.
export QS_MODELS_DIR=${QS_MODELS_DIR:-$here/tests/data}
start=$(date +%s)
# Each phase says when it starts, in seconds from the start, so a slow suite shows where the time goes.
phase() { echo "== $1 (at $(( $(date +%s) - start )) s)"; }
phase "build (RelWithDebInfo)"
"$here/scripts/build.sh" build
phase "tests"
(cd build && ctest --output-on-failure -j2 --timeout 900)

phase "build (AddressSanitizer + UBSan, clang)"
# clang, as the fuzzers: it compiles the instrumented build in about two thirds of GCC's time (the
# normal build above stays GCC's, Debian's default, so both compilers' warnings are checked).
"$here/scripts/build.sh" build-asan -DQS_SANITIZE=ON -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_COMPILER=clang++
phase "tests under AddressSanitizer + UBSan"
(cd build-asan && ASAN_OPTIONS=detect_leaks=0:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
   QS_SANITIZED=1 ctest --output-on-failure -j2 --timeout 1800)

if [ -f tests/fuzz/CMakeLists.txt ]; then
  phase "fuzzers (clang, libFuzzer + ASan)"
  QS_TARGETS="fuzz_gguf fuzz_safetensors fuzz_llama2c fuzz_gguf_roundtrip fuzz_eval" \
  "$here/scripts/build.sh" build-fuzz -DCMAKE_CXX_COMPILER=clang++ -DQS_BUILD_FUZZERS=ON -DQS_BUILD_GUI=OFF \
     -DQS_BUILD_TESTS=OFF -DQS_AVX2_PATHS=OFF -DCMAKE_BUILD_TYPE=RelWithDebInfo
  "$here/scripts/run-fuzzers.sh" build-fuzz "${QS_FUZZ_SECONDS:-20}"
fi
echo "quickstart-test: all passed in $(( $(date +%s) - start )) s"
