// The Q4_0 kernel on rows repacked in groups of 8 ("Q4_0x8", kernels.h), written once over the
// operations of a SIMD backend like kernel_impl.h: repack_scalar.cpp and repack_avx2.cpp each
// include it once after defining QS_KERNEL_ISA and including their backend. Its own translation
// units, so the big kernel units do not grow.
//
// Layout of a group of 8 rows (8 x rowBytes bytes, where the 8 plain rows were): per block b
// (32 weights), 144 bytes at 144 * b: the 8 rows' fp16 scales d (row order, 16 bytes), then 4
// chunks of 32 bytes, chunk i holding row r's nibble bytes qs[4i..4i+3] at 4r. A 32-byte chunk
// holds one int32 lane per row.
//
// Same numbers as the plain kernel (legacyPairs<PairQ4_0> in kernel_impl.h), bit for bit: that
// kernel gives every (row, token) 8 float accumulator lanes; for blocks taken in pairs (2k, 2k+1)
// lane 4e + i receives fma(d_w * d_a of block 2k + e, the integer sum over the weights
// 4i..4i+3 and 16+4i..16+4i+3 of that block), in block order; an odd last block adds its weights
// 4i..4i+3 to lane i and 16+4i..16+4i+3 to lane 4 + i; the lanes end in the fixed tree
// ((0+4)+(2+6))+((1+5)+(3+7)). Here the same scalar accumulators are held with the rows in the
// vector lanes (one vector per token and accumulator lane), so each chunk's nibbles are unpacked
// once for all tokens of a tile and each activation word is broadcast once for all 8 rows. To keep
// the accumulators in registers a batch runs in two passes over the row (lanes i = 0, 1 and their
// odd partners, then i = 2, 3); a single token in one pass.
#ifndef QS_KERNEL_ISA
#error "define QS_KERNEL_ISA and include a backend first"
#endif
#include "core/kernels/isa_table.h"

#include <cstddef>
#include <cstdint>
#include <cstring>

namespace qs::kernels::QS_KERNEL_ISA {
#include "core/kernels/byte_loads.h"
}  // namespace qs::kernels::QS_KERNEL_ISA

namespace qs::kernels::QS_KERNEL_ISA::repack {

using S = Simd;
using I = S::I;
using F = S::F;

#define QS_KINLINE QS_KERNEL_INLINE
#define QS_UNROLL QS_KERNEL_UNROLL

constexpr int kGroupBlockBytes = 144, kQ8_0Bytes = 34;

QS_KINLINE I bcast32(const uint8_t* p) { return S::set32(int32_t(load32(p))); }

// One pass: accumulator lanes i and 4 + i for i in [i0, i0 + NI) of NT tokens; out[t][lane] gets
// the 8 rows' values of that lane.
template <int NT, int NI>
QS_KINLINE void pass(int64_t nb, const uint8_t* g, int i0, const uint8_t* a, size_t as, F (*out)[8])
{
    const detail::ActLayout L = detail::actLayout(false, nb);
    const I m4 = S::set8(0x0F), ones = S::set16(1);
    F acc[NT][2][NI];
    QS_UNROLL
    for (int t = 0; t < NT; ++t)
        QS_UNROLL
        for (int e = 0; e < 2; ++e)
            QS_UNROLL
            for (int k = 0; k < NI; ++k)
                acc[t][e][k] = S::fzero();
    // block b of a pair, accumulating into lanes 4e + i
    auto block = [&](int64_t b, int e) QS_KERNEL_LAMBDA_INLINE {
        const uint8_t* wb = g + b * kGroupBlockBytes;
        const F dw = S::loadHalf8(wb);
        F sc[NT];
        QS_UNROLL
        for (int t = 0; t < NT; ++t)
            sc[t] = S::fmul(dw, S::fset(loadF32(a + t * as + L.scales + 4 * b)));
        QS_UNROLL
        for (int k = 0; k < NI; ++k) {
            const int i = i0 + k;
            const I wv = S::load(wb + 16 + 32 * i);
            const I lo = S::and_(wv, m4), hi = S::and_(S::srl16<4>(wv), m4);
            QS_UNROLL
            for (int t = 0; t < NT; ++t) {
                const uint8_t* y = a + t * as + b * kQ8_0Bytes + 2;
                const I corr = bcast32(a + t * as + L.laneSums + 16 * b + 4 * i);  // -8 x the sums
                const I p = S::madd(S::add16(S::maddubs(lo, bcast32(y + 4 * i)), S::maddubs(hi, bcast32(y + 16 + 4 * i))), ones);
                acc[t][e][k] = S::fma(sc[t], S::cvt(S::add32(p, corr)), acc[t][e][k]);
            }
        }
    };
    const int64_t nbp = nb & ~int64_t(1);
    for (int64_t b = 0; b < nbp; b += 2) {
        block(b, 0);
        block(b + 1, 1);
    }
    if (nbp < nb) {  // the odd last block: low nibbles into lane i, high ones into lane 4 + i
        const int64_t b = nbp;
        const uint8_t* wb = g + b * kGroupBlockBytes;
        const F dw = S::loadHalf8(wb);
        const I eight = S::set8(8);
        QS_UNROLL
        for (int k = 0; k < NI; ++k) {
            const int i = i0 + k;
            const I wv = S::load(wb + 16 + 32 * i);
            const I lo = S::and_(wv, m4), hi = S::and_(S::srl16<4>(wv), m4);
            QS_UNROLL
            for (int t = 0; t < NT; ++t) {
                const uint8_t* y = a + t * as + b * kQ8_0Bytes + 2;
                const F sc = S::fmul(dw, S::fset(loadF32(a + t * as + L.scales + 4 * b)));
                const I ylo = bcast32(y + 4 * i), yhi = bcast32(y + 16 + 4 * i);
                const I plo = S::sub32(S::madd(S::maddubs(lo, ylo), ones), S::madd(S::maddubs(eight, ylo), ones));
                const I phi = S::sub32(S::madd(S::maddubs(hi, yhi), ones), S::madd(S::maddubs(eight, yhi), ones));
                acc[t][0][k] = S::fma(sc, S::cvt(plo), acc[t][0][k]);
                acc[t][1][k] = S::fma(sc, S::cvt(phi), acc[t][1][k]);
            }
        }
    }
    QS_UNROLL
    for (int t = 0; t < NT; ++t)
        QS_UNROLL
        for (int k = 0; k < NI; ++k) {
            out[t][i0 + k] = acc[t][0][k];
            out[t][4 + i0 + k] = acc[t][1][k];
        }
}

// 8 rows x NT tokens: the passes, then each (row, token)'s lanes summed in the plain kernel's tree.
template <int NT, int NI>
QS_KINLINE void group(int64_t nb, const uint8_t* g, const uint8_t* a, size_t as, float* y, size_t ys)
{
    F lanes[NT][8];
    for (int i0 = 0; i0 < 4; i0 += NI)
        pass<NT, NI>(nb, g, i0, a, as, lanes);
    QS_UNROLL
    for (int t = 0; t < NT; ++t) {
        const F(&l)[8] = lanes[t];
        const F s = S::fadd(S::fadd(S::fadd(l[0], l[4]), S::fadd(l[2], l[6])), S::fadd(S::fadd(l[1], l[5]), S::fadd(l[3], l[7])));
        S::fstore(y + t * ys, s);
    }
}

// detail::TileFn over groups: w the first group, nr a multiple of 8 (groups 8 x rowBytes apart,
// rowBytes = 18 * n / 32), tokens by NT with NI accumulator lanes a pass.
template <int NT, int NI>
QS_KINLINE void tileV(int64_t n, const uint8_t* w, size_t, int64_t nr, const uint8_t* a, size_t as, int64_t nt, float* y,
                      size_t ys)
{
    const int64_t nb = n / 32;
    const size_t groupBytes = size_t(nb) * kGroupBlockBytes;
    for (int64_t r = 0; r + 8 <= nr; r += 8) {
        const uint8_t* g = w + size_t(r / 8) * groupBytes;
        int64_t t = 0;
        for (; t + NT <= nt; t += NT)
            group<NT, NI>(nb, g, a + t * as, as, y + t * ys + r, ys);
        if (nt - t == 2)
            group<2, 2>(nb, g, a + t * as, as, y + t * ys + r, ys);
        else if (nt - t == 1)
            group<1, 4>(nb, g, a + t * as, as, y + t * ys + r, ys);
    }
}
// The tile: tokens by 3 in two passes of 2 lanes (12 accumulators; some spill). Measured on a
// loaded 2-core AMD EPYC (AVX2), bench --kernels: 3 x 2, 2 x 2, 4 x 1, 6 x 1 and 4 x 2 (tokens x
// lanes a pass) all within the noise of each other, 3 x 2 the best maxima. A remaining pair in two
// passes, a last token in one (8 accumulators: the decode mat-vec).
inline void tile(int64_t n, const uint8_t* w, size_t ws, int64_t nr, const uint8_t* a, size_t as, int64_t nt, float* y,
                 size_t ys)
{
    tileV<3, 2>(n, w, ws, nr, a, as, nt, y, ys);
}

#undef QS_KINLINE
#undef QS_UNROLL

}  // namespace qs::kernels::QS_KERNEL_ISA::repack
