#pragma once
// The kernels of one instruction set, as a table of plain function pointers (no inline code
// here, so this header is safe in translation units compiled with different -m flags).
// Filled by kernels_scalar.cpp (namespace isa_scalar) and kernels_avx2.cpp (isa_avx2) from the
// one templated source kernel_impl.h; chosen at run time by kernels.cpp.
#include <cstddef>
#include <cstdint>

namespace qs::kernels::detail {

// y[t * ys + r] = (weight row r) . (activation row t) for r < nr, t < nt.
// w: nr rows of n weights in the stored format, ws bytes apart; a: nt activation rows of n values
// in the activation format of the table (vec-dot type, or F32), as bytes apart.
using TileFn = void (*)(int64_t n, const uint8_t* w, size_t ws, int64_t nr, const uint8_t* a, size_t as, int64_t nt,
                        float* y, size_t ys);
// Activation row of n floats -> its vec-dot type (n a multiple of the type's block size).
using QuantFn = void (*)(const float* x, uint8_t* dst, int64_t n);

constexpr int kTypeSlots = 64;  // ggml type ids below this

struct IsaKernels {
    const char* name;                // "scalar", "avx2"
    TileFn dot[kTypeSlots];          // weights of type id x activations in vecDotType(id) (llama.cpp's pairing)
    TileFn dotF32[kTypeSlots];       // F32 / F16 / BF16 weights x F32 activations
    QuantFn quantize[kTypeSlots];    // F32 -> vec-dot type id (Q8_0, Q8_1, Q8_K, F16, BF16)
};

// Defined in kernels_scalar.cpp / kernels_avx2.cpp.
const IsaKernels& scalarKernels();
const IsaKernels& avx2Kernels();  // call only when qs::cpuHasAvx2()

}  // namespace qs::kernels::detail
