// MXFP4 (OCP microscaling, as llama.cpp stores it): blocks of 32 weights, one E8M0 exponent e and
// 4-bit E2M1 codes (sign + magnitude 0, 0.5, 1, 1.5, 2, 3, 4, 6). llama.cpp keeps the magnitudes
// doubled (0, 1, 2, 3, 4, 6, 8, 12) and the scale halved: weight = value * 2^(e - 128).
// Nibble j holds weight j (low) and weight j + 16 (high).
//
// The scale is a power of two, so each block has only a few sensible exponents: around the one
// that puts the largest magnitude just under the top level, every exponent from one below to one
// above is tried, each with every weight on its nearest value (optimal for that exponent, whatever
// the importance), and the block keeps the exponent with the lowest (weighted) squared error.
// Lanes are blocks (a float: one block; an AVX2 vector: 8 blocks), with the same IEEE operations
// in both, so the fast path writes the reference bytes.
#include "core/formats/block_format.h"
#include "core/formats/blocks.h"
#include "core/formats/legacy_kernels.h"
#include "core/formats/own_block_format.h"

#include <bit>

namespace qs {
namespace {

using namespace legacy;

// The doubled E2M1 magnitudes and the midpoints between neighbours.
constexpr float kMag[8] = {0, 1, 2, 3, 4, 6, 8, 12};
constexpr float kMid[7] = {0.5f, 1.5f, 2.5f, 3.5f, 5.0f, 7.0f, 10.0f};

// ---- lane helpers beyond legacy_kernels.h ----
// Biased exponent field of a >= 0, as a float.
inline float exponentField(float a) { return float(std::bit_cast<uint32_t>(a) >> 23); }
// ggml's E8M0 -> float, halved: 2^(e - 128) (e in 0..254, as a float).
inline float e8m0Half(float e)
{
    const uint32_t ei = uint32_t(e);
    return std::bit_cast<float>(ei < 2 ? 0x00200000u << ei : (ei - 1) << 23);
}
// Index of the nearest magnitude to t >= 0 (ties to the lower one), as a float.
inline float magIndex(float t)
{
    int idx = 0;
    for (float m : kMid)
        idx += t > m ? 1 : 0;
    return float(idx);
}
inline float magValue(float idx) { return kMag[int(idx)]; }

#ifdef __AVX2__
inline __m256 exponentField(__m256 a) { return _mm256_cvtepi32_ps(_mm256_srli_epi32(_mm256_castps_si256(a), 23)); }
inline __m256 e8m0Half(__m256 e)
{
    const __m256i ei = _mm256_cvttps_epi32(e);
    const __m256i small = _mm256_sllv_epi32(_mm256_set1_epi32(0x00200000), ei);
    const __m256i big = _mm256_slli_epi32(_mm256_sub_epi32(ei, _mm256_set1_epi32(1)), 23);
    const __m256i isBig = _mm256_cmpgt_epi32(ei, _mm256_set1_epi32(1));
    return _mm256_castsi256_ps(_mm256_blendv_epi8(small, big, isBig));
}
inline __m256 magIndex(__m256 t)
{
    __m256 idx = _mm256_setzero_ps();
    for (float m : kMid)
        idx = _mm256_add_ps(idx, _mm256_and_ps(_mm256_cmp_ps(t, _mm256_set1_ps(m), _CMP_GT_OQ), _mm256_set1_ps(1.0f)));
    return idx;
}
inline __m256 magValue(__m256 idx)
{
    return _mm256_permutevar8x32_ps(_mm256_setr_ps(0, 1, 2, 3, 4, 6, 8, 12), _mm256_cvttps_epi32(idx));
}
#endif

// One block per lane: the exponent e (as a float) and the 32 codes (sign bit 8 + magnitude index).
template <class V>
void searchBlock(const V* x, const V* w, V& eOut, V* code)
{
    const V zero = splat<V>(0.0f);
    V a[QK];
    V amax = zero;
    for (int j = 0; j < QK; ++j) {
        a[j] = vabs(x[j]);
        amax = vmax(a[j], amax);
    }
    // llama.cpp's choice: floor(log2(amax)) - 2 + 127, so amax / scale lands in [8, 16).
    const V e0 = sel(gt(amax, zero), sub(exponentField(amax), splat<V>(2.0f)), zero);
    const V eMax = splat<V>(254.0f);
    V bestE = vmin(vmax(e0, zero), eMax), bestErr = zero;
    const float offsets[3] = {0.0f, 1.0f, -1.0f};
    for (int c = 0; c < 3; ++c) {
        const V e = vmin(vmax(add(e0, splat<V>(offsets[c])), zero), eMax);
        const V d = e8m0Half(e);
        V err = zero;
        for (int j = 0; j < QK; ++j) {
            const V diff = sub(a[j], mul(magValue(magIndex(dvd(a[j], d))), d));
            const V wd = w ? mul(w[j], diff) : diff;
            err = add(err, mul(wd, diff));
        }
        if (c == 0) {
            bestErr = err;
        } else {
            const auto better = lt(err, bestErr);
            bestErr = sel(better, err, bestErr);
            bestE = sel(better, e, bestE);
        }
    }
    const V d = e8m0Half(bestE);
    for (int j = 0; j < QK; ++j) {
        const V idx = magIndex(dvd(a[j], d));
        const V neg = sel(lt(x[j], zero), splat<V>(8.0f), zero);
        code[j] = add(idx, sel(gt(idx, zero), neg, zero));
    }
    eOut = bestE;
}

void pack(unsigned char* out, float e, const uint8_t* q)
{
    BlockMxfp4 b;
    b.e = uint8_t(e);
    packNibbles(q, b.qs);
    std::memcpy(out, &b, sizeof(b));
}

void quantizeScalar(const float* x, unsigned char* out, int64_t b0, int64_t b1, const float* imp)
{
    for (int64_t b = b0; b < b1; ++b) {
        float e, code[QK];
        searchBlock<float>(x + b * QK, imp ? imp + b * QK : nullptr, e, code);
        uint8_t q[QK];
        for (int j = 0; j < QK; ++j)
            q[j] = uint8_t(code[j]);
        pack(out + b * sizeof(BlockMxfp4), e, q);
    }
}

constexpr int8_t kValues[16] = {0, 1, 2, 3, 4, 6, 8, 12, 0, -1, -2, -3, -4, -6, -8, -12};

struct Mxfp4 {
    using Block = BlockMxfp4;
    static constexpr GgmlType kType = GgmlType::MXFP4;
    static constexpr uint32_t kFileType = 38;  // LLAMA_FTYPE_MOSTLY_MXFP4_MOE
    static constexpr std::optional<GgmlType> kFallback = std::nullopt;
    static constexpr int kInspectLength = 32;

    static void quantizeReference(const float* x, unsigned char* out, int64_t nb, const float* imp)
    {
        quantizeScalar(x, out, 0, nb, imp);
    }
    static void quantizeFast(const float* x, unsigned char* out, int64_t nb, const float* imp)
    {
        int64_t b = 0;
#ifdef __AVX2__
        for (; b + 8 <= nb; b += 8) {
            __m256 xv[QK], wv[QK], code[QK], e;
            loadBlocks8(x + b * QK, xv);
            if (imp)
                loadBlocks8(imp + b * QK, wv);
            searchBlock<__m256>(xv, imp ? wv : nullptr, e, code);
            for (int c = 0; c < QK; c += 8)
                transpose8(code + c);  // code[c + k]: codes c..c+7 of block k
            alignas(32) float et[8];
            _mm256_store_ps(et, e);
            for (int k = 0; k < 8; ++k) {
                alignas(32) int32_t t[QK];
                for (int c = 0; c < 4; ++c)
                    _mm256_store_si256(reinterpret_cast<__m256i*>(t + 8 * c), _mm256_cvttps_epi32(code[8 * c + k]));
                uint8_t q[QK];
                for (int j = 0; j < QK; ++j)
                    q[j] = uint8_t(t[j]);
                pack(out + (b + k) * sizeof(BlockMxfp4), et[k], q);
            }
        }
#endif
        quantizeScalar(x, out, b, nb, imp);
    }
    static void decode(const Block& b, float* y)
    {
        const float d = e8m0Half(float(b.e));
        for (int j = 0; j < 16; ++j) {
            y[j] = float(kValues[b.qs[j] & 0x0F]) * d;
            y[j + 16] = float(kValues[b.qs[j] >> 4]) * d;
        }
    }
    static void inspect(const Block& b, int, BlockInspection& r)
    {
        const float d = e8m0Half(float(b.e));
        for (int j = 0; j < 16; ++j) {
            r.codes[size_t(j)] = b.qs[j] & 0x0F;
            r.codes[size_t(j + 16)] = b.qs[j] >> 4;
        }
        r.kind = BlockInspection::Kind::Table;
        r.scale = d;
        r.table.assign(std::begin(kValues), std::end(kValues));
        setLevels(r, 0, 15, [&](int c) { return float(kValues[c]) * d; });
    }
};

}  // namespace

QS_BLOCK_FORMAT(formatMXFP4, GgmlType::MXFP4, ownRowKernels<Mxfp4>(), OwnBlockFormat<Mxfp4>,
                QT_TRANSLATE_NOOP("qs::formats", "MXFP4 (OCP microscaling): 32-weight blocks, power-of-two scale, 4-bit E2M1 floats (4.25 bits/weight)"))

}  // namespace qs
