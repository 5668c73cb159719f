#pragma once
// Run-time CPU features, for choosing among paths compiled for several instruction sets
// (core/util/isa.h).
namespace qs {

// True when the CPU and the OS support AVX2, FMA and F16C (the instruction sets of the fast
// paths compiled in their own translation units with -mavx2 -mfma -mf16c).
// QS_NO_AVX2=1 in the environment forces false (to run the baseline paths).
bool cpuHasAvx2();

// True when, besides that, the CPU and the OS support AVX-512 F/BW/VL/DQ (the AVX-512 float
// kernels, core/kernels/kernels_avx512.cpp). QS_NO_AVX512=1 (or QS_NO_AVX2=1) forces false.
bool cpuHasAvx512();

// True when, besides that, the CPU has AVX-512 VNNI and BMI2 (the integer tiles of
// core/kernels/kernels_avx512_vnni.cpp). Forced false with cpuHasAvx512().
bool cpuHasAvx512Vnni();

// The variant of llama.cpp's CPU backend its loader picks on this machine (x86-64 builds ship one
// libggml-cpu-<variant>.so per instruction-set level): "zen4", "cascadelake", "skylakex",
// "haswell", "sse42" or "x64". QS_LLAMA_CPU_VARIANT in the environment overrides it.
const char* llamaCppCpuVariant();

// The float lanes of that variant's SIMD vectors (its GGML_F32_EPR: 16 with AVX-512, 8 with
// AVX/AVX2, 4 with SSE; 0 without SIMD). llama.cpp's arithmetic depends on it: its flash
// attention runs the tiled F32 path only for head sizes that are a multiple of it.
int llamaCppF32Lanes();

}  // namespace qs
