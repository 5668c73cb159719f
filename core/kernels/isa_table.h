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
// in the activation format of the table (vec-dot type with its extras, see actLayout; or F32),
// as bytes apart.
using TileFn = void (*)(int64_t n, const uint8_t* w, size_t ws, int64_t nr, const uint8_t* a, size_t as, int64_t nt,
                        float* y, size_t ys);
// Activation row of n floats -> its vec-dot type, llama.cpp's bytes only (n a multiple of the
// type's block size).
using QuantFn = void (*)(const float* x, uint8_t* dst, int64_t n);

constexpr int kTypeSlots = 64;  // ggml type ids below this

// Activation rows as the kernels read them: the vec-dot type's row as llama.cpp lays it out, and
// for Q8_0 / Q8_1 (32-value blocks) some extras made once per activation row instead of once per
// weight row (offsets from the row start, nb blocks):
//   scales    float d[nb]; Q8_1 then float s[nb]
//   pairs     per pair of blocks (2k, 2k+1), 64 bytes: qs[0..15] of 2k, qs[0..15] of 2k+1,
//             qs[16..31] of 2k, qs[16..31] of 2k+1 (matching a pair of weight blocks whose 16
//             bytes of nibbles are loaded side by side)
//   laneSums  Q8_0 only: per pair, 8 int32; lane i = -8 x the sum of bytes 4i..4i+3 of both 32-byte
//             halves of the pair above (the offset correction of unsigned weight levels: Q4_0's
//             offset 8 as it is)
// (static: no inline function shared across ISA units.)
struct ActLayout {
    size_t scales, pairs, laneSums, bytes;
};
static constexpr size_t align32(size_t n) { return (n + 31) / 32 * 32; }
static constexpr ActLayout actLayout(bool q8_1, int64_t nb)
{
    ActLayout l{};
    l.scales = align32(size_t(nb) * (q8_1 ? 36 : 34));
    l.pairs = align32(l.scales + 4 * size_t(nb) * (q8_1 ? 2 : 1));
    l.laneSums = l.pairs + 64 * size_t(nb / 2);
    l.bytes = l.laneSums + (q8_1 ? 0 : 32 * size_t(nb / 2));
    return l;
}

struct IsaKernels {
    const char* name;                // "scalar", "avx2"
    TileFn dot[kTypeSlots];          // weights of type id x activations in vecDotType(id) (llama.cpp's pairing)
    TileFn dotF32[kTypeSlots];       // F32 / F16 / BF16 weights x F32 activations
    TileFn dotF32Stream[kTypeSlots]; // the same bits, for one token against a matrix read from memory
                                     // (prefetching rows ahead); null where dotF32 serves
    QuantFn quantize[kTypeSlots];    // F32 -> vec-dot type id (Q8_0, Q8_1, Q8_K, F16, BF16)
};

// Defined in kernels_scalar.cpp / kernels_avx2.cpp / kernels_avx512.cpp.
const IsaKernels& scalarKernels();
const IsaKernels& avx2Kernels();  // call only when qs::cpuHasAvx2()
// The AVX2 table with float rows (F32, F16, BF16) in AVX-512 (kernels_avx512.cpp); call only when
// qs::cpuHasAvx512().
const IsaKernels& avx512Kernels();
// Puts the AVX-512 VNNI tiles of Q8_0, the K-quants, TQ2_0, IQ2_S, IQ1_S and IQ1_M into t, an AVX2-based table
// (kernels_avx512_vnni.cpp); call only when qs::cpuHasAvx512Vnni().
void addAvx512VnniKernels(IsaKernels& t);

}  // namespace qs::kernels::detail
