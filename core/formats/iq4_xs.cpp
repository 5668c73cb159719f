// IQ4_XS (llama.cpp): 256-weight super-blocks of 8 sub-blocks of 32; an fp16 super-block scale d,
// a 6-bit signed scale l in -32..31 per sub-block (stored l + 32: low nibbles in scalesL, top two
// bits in scalesH) and per weight a 4-bit index into IQ4_NL's 16 non-linear levels:
// weight = (d * l) * level. The 4-bit codes are laid out per sub-block as IQ4_NL's.
//
// Quantization, per super-block:
//  1. every sub-block's own best scale, by IQ4_NL's scale search (core/formats/legacy_kernels.h:
//     candidate scales from the signed largest magnitude, each with its levels, and weighted
//     least-squares refinement);
//  2. super-block scale candidates: llama.cpp's (the largest sub-block scale on l = -32), the one
//     putting it on l = +31, and for each the least-squares d for its rounded integer scales
//     (sub-blocks weighted by how much their error grows with a scale change);
//  3. for each candidate d, every sub-block tries the integers around its rounded scale, each with
//     its levels re-rounded and its exact decoded error; the super-block keeps the candidate with
//     the lowest total error.
// Lanes are sub-blocks (a float: one sub-block, the reference; an AVX2 vector: all 8), with the
// same IEEE operations in both and totals summed in one fixed order, so the bytes are identical.
#include "core/formats/block_format.h"
#include "core/formats/blocks.h"
#include "core/formats/legacy_kernels.h"
#include "core/formats/own_block_format.h"

#include <algorithm>
#include <limits>

namespace qs {
namespace {

using namespace legacy;
constexpr int kSuper = 256, kSubs = 8;

// IQ4_NL's scale candidates (iq4_nl.cpp): the signed largest magnitude on level -127 and nearby.
constexpr float kDivisors[] = {-127.0f, -121.0f, -115.0f, -133.0f, -139.0f, 113.0f, 107.0f, 119.0f};
constexpr float kDivisorsW[] = {-127.0f, -124.0f, -121.0f, -118.0f, -115.0f, -130.0f, -133.0f, -136.0f, -139.0f,
                                113.0f,  110.0f,  107.0f,  116.0f,  119.0f};

// Pass 1 for the sub-blocks in the lanes: the scale and its curvature weight sum w * level^2.
template <class V>
void subScale(const V* x, const V* w, V& D, V& curv)
{
    V L[QK];
    D = w ? searchSymmetric<V, false>(x, w, NlLevels{}, kDivisorsW, int(std::size(kDivisorsW)), 3, L)
          : searchSymmetric<V, false>(x, w, NlLevels{}, kDivisors, int(std::size(kDivisors)), 2, L);
    V c = splat<V>(0.0f);
    for (int j = 0; j < QK; ++j)
        c = add(c, mul(w ? mul(w[j], L[j]) : L[j], L[j]));
    curv = c;
}

// Pass 2 for the sub-blocks in the lanes: the integer scale among l0, l0 - 1, l0 + 1 (in -32..31)
// with the lowest exact error of the decoded weights (d * l) * level; returns that error, the
// integer in lBest and its level indices in idx.
template <class V>
V bestInteger(const V* x, const V* w, float d, V l0, V& lBest, V* idx)
{
    const V vd = splat<V>(d), lo = splat<V>(-32.0f), hi = splat<V>(31.0f);
    V best = splat<V>(std::numeric_limits<float>::infinity());
    lBest = l0;
    for (int k = 0; k < 3; ++k) {
        const V l = add(l0, splat<V>(k == 0 ? 0.0f : (k == 1 ? -1.0f : 1.0f)));
        const auto inRange = sel(lt(l, lo), splat<V>(0.0f), sel(gt(l, hi), splat<V>(0.0f), splat<V>(1.0f)));
        const V dl = mul(vd, l);
        const V inv = safeInverse(dl);
        V err = splat<V>(0.0f);
        V lv[QK];
        for (int j = 0; j < QK; ++j) {
            lv[j] = nlValue(mul(x[j], inv));
            const V e = sub(x[j], mul(dl, lv[j]));
            err = add(err, mul(w ? mul(w[j], e) : e, e));
        }
        const auto better = lt(err, sel(gt(inRange, splat<V>(0.5f)), best, splat<V>(-1.0f)));
        if (!any(better))
            continue;
        best = sel(better, err, best);
        lBest = sel(better, l, lBest);
        for (int j = 0; j < QK; ++j)
            idx[j] = sel(better, NlCode::code(lv[j]), idx[j]);
    }
    return best;
}

inline float clampHalf(float v) { return std::clamp(v, -65504.0f, 65504.0f); }

// The lanes of one super-block: Fill(x, w) gives pass 1 per sub-block; Pass2(d, l0[8], err[8],
// l[8], idx[256]) runs pass 2 for all sub-blocks. Shared decision logic below.
struct Result {
    float d = 0;
    int l[kSubs] = {};
    uint8_t idx[kSuper] = {};
};

template <class Lanes>
void encodeSuper(Lanes& lanes, Result& out)
{
    float D[kSubs], curv[kSubs];
    lanes.pass1(D, curv);
    int jmax = 0;
    for (int j = 1; j < kSubs; ++j)
        if (std::fabs(D[j]) > std::fabs(D[jmax]))
            jmax = j;
    const float Dm = D[jmax];
    float cands[4];
    int nc = 0;
    auto addCand = [&](float d) {
        d = half(clampHalf(d));
        if (!(d != 0.0f))
            return;
        for (int i = 0; i < nc; ++i)
            if (cands[i] == d)
                return;
        cands[nc++] = d;
    };
    if (Dm != 0.0f && std::isfinite(Dm)) {
        for (float top : {-32.0f, 31.0f}) {
            const float d0 = half(clampHalf(Dm / top));
            if (!(d0 != 0.0f))
                continue;
            addCand(d0);
            // Least squares d for the rounded integers of d0, sub-blocks weighted by curvature.
            float num = 0, den = 0;
            for (int j = 0; j < kSubs; ++j) {
                const float l = std::clamp(std::nearbyint(D[j] / d0), -32.0f, 31.0f);
                num += curv[j] * D[j] * l;
                den += curv[j] * l * l;
            }
            if (den > 0)
                addCand(num / den);
        }
    }
    out = Result{};
    if (nc == 0)
        return;  // all-zero (or non-finite) super-block: d = 0
    float bestTotal = std::numeric_limits<float>::infinity();
    Result cur;
    for (int c = 0; c < nc; ++c) {
        const float d = cands[c];
        float l0[kSubs], err[kSubs], l[kSubs];
        for (int j = 0; j < kSubs; ++j)
            l0[j] = std::clamp(std::nearbyint(std::clamp(D[j] / d, -1e6f, 1e6f)), -32.0f, 31.0f);
        lanes.pass2(d, l0, err, l, cur.idx);
        float total = 0;
        for (int j = 0; j < kSubs; ++j)
            total += err[j];
        if (c == 0 || total < bestTotal) {
            bestTotal = total;
            cur.d = d;
            for (int j = 0; j < kSubs; ++j)
                cur.l[j] = int(l[j]);
            out = cur;
        }
    }
}

struct ScalarLanes {
    const float* x;
    const float* w;
    void pass1(float* D, float* curv)
    {
        for (int j = 0; j < kSubs; ++j)
            subScale<float>(x + QK * j, w ? w + QK * j : nullptr, D[j], curv[j]);
    }
    void pass2(float d, const float* l0, float* err, float* l, uint8_t* idx)
    {
        for (int j = 0; j < kSubs; ++j) {
            float id[QK] = {};
            err[j] = bestInteger<float>(x + QK * j, w ? w + QK * j : nullptr, d, l0[j], l[j], id);
            for (int i = 0; i < QK; ++i)
                idx[QK * j + i] = uint8_t(id[i]);
        }
    }
};

#ifdef __AVX2__
struct AvxLanes {
    __m256 x[QK], w[QK];
    bool weighted;
    AvxLanes(const float* xs, const float* ws) : weighted(ws != nullptr)
    {
        loadBlocks8(xs, x);
        if (ws)
            loadBlocks8(ws, w);
    }
    void pass1(float* D, float* curv)
    {
        __m256 d, c;
        subScale<__m256>(x, weighted ? w : nullptr, d, c);
        _mm256_storeu_ps(D, d);
        _mm256_storeu_ps(curv, c);
    }
    void pass2(float d, const float* l0, float* err, float* l, uint8_t* idx)
    {
        __m256 lb, id[QK];
        for (auto& v : id)
            v = _mm256_setzero_ps();
        const __m256 e = bestInteger<__m256>(x, weighted ? w : nullptr, d, _mm256_loadu_ps(l0), lb, id);
        _mm256_storeu_ps(err, e);
        _mm256_storeu_ps(l, lb);
        for (int c = 0; c < QK; c += 8)
            transpose8(id + c);  // id[c + k]: indices c..c+7 of sub-block k
        for (int k = 0; k < kSubs; ++k)
            for (int c = 0; c < QK; c += 8) {
                alignas(32) int32_t t[8];
                _mm256_store_si256(reinterpret_cast<__m256i*>(t), _mm256_cvttps_epi32(id[c + k]));
                for (int i = 0; i < 8; ++i)
                    idx[QK * k + c + i] = uint8_t(t[i]);
            }
    }
};
#endif

void pack(const Result& r, BlockIq4Xs& b)
{
    b.d = fp32ToFp16(r.d);
    b.scalesH = 0;
    for (int j = 0; j < kSubs; ++j) {
        const int ls = r.l[j] + 32;
        if (j % 2 == 0)
            b.scalesL[j / 2] = uint8_t(ls & 0xF);
        else
            b.scalesL[j / 2] |= uint8_t((ls & 0xF) << 4);
        b.scalesH |= uint16_t((ls >> 4) << (2 * j));
    }
    for (int j = 0; j < kSubs; ++j)
        packNibbles(r.idx + QK * j, b.qs + 16 * j);
}

template <class Lanes>
void store(Lanes& lanes, unsigned char* out)
{
    Result r;
    encodeSuper(lanes, r);
    BlockIq4Xs b;
    pack(r, b);
    std::memcpy(out, &b, sizeof(b));
}

inline int storedScale(const BlockIq4Xs& b, int j)
{
    return (((b.scalesL[j / 2] >> (4 * (j % 2))) & 0xF) | (((b.scalesH >> (2 * j)) & 3) << 4)) - 32;
}

struct Iq4Xs {
    using Block = BlockIq4Xs;
    static constexpr GgmlType kType = GgmlType::IQ4_XS;
    static constexpr uint32_t kFileType = 30;  // LLAMA_FTYPE_MOSTLY_IQ4_XS
    static constexpr std::optional<GgmlType> kFallback = GgmlType::IQ4_NL;
    static constexpr int kInspectLength = QK;

    static void quantizeReference(const float* x, unsigned char* out, int64_t blocks, const float* imp)
    {
        for (int64_t i = 0; i < blocks; ++i) {
            ScalarLanes lanes{x + i * kSuper, imp ? imp + i * kSuper : nullptr};
            store(lanes, out + i * sizeof(Block));
        }
    }
    static void quantizeFast(const float* x, unsigned char* out, int64_t blocks, const float* imp)
    {
#ifdef __AVX2__
        for (int64_t i = 0; i < blocks; ++i) {
            AvxLanes lanes(x + i * kSuper, imp ? imp + i * kSuper : nullptr);
            store(lanes, out + i * sizeof(Block));
        }
#else
        quantizeReference(x, out, blocks, imp);
#endif
    }
    static void decode(const Block& b, float* y)
    {
        const float d = fp16ToFp32(b.d);
        for (int j = 0; j < kSubs; ++j, y += QK) {
            const float dl = d * float(storedScale(b, j));
            const uint8_t* q = b.qs + 16 * j;
            for (int k = 0; k < 16; ++k) {
                y[k] = dl * float(kIq4nlValues[q[k] & 0xF]);
                y[k + 16] = dl * float(kIq4nlValues[q[k] >> 4]);
            }
        }
    }
    // Part j: sub-block j, its 6-bit scale relative to the super-block's d, IQ4_NL's levels.
    static void inspect(const Block& b, int j, BlockInspection& r)
    {
        const float d = fp16ToFp32(b.d);
        for (int k = 0; k < 16; ++k) {
            r.codes[size_t(k)] = b.qs[16 * j + k] & 0xF;
            r.codes[size_t(k + 16)] = b.qs[16 * j + k] >> 4;
        }
        r.kquant = true;
        r.subBlocks = kSubs;
        r.subBlock = j;
        r.superD = d;
        r.subScaleBits = 6;
        for (int s = 0; s < kSubs; ++s)
            r.subScales.push_back(storedScale(b, s));
        const float dl = d * float(storedScale(b, j));
        r.subScaleValue = dl;
        r.scale = dl;
        r.kind = BlockInspection::Kind::Table;
        r.table.assign(std::begin(kIq4nlValues), std::end(kIq4nlValues));
        setLevels(r, 0, 15, [&](int c) { return dl * float(kIq4nlValues[c]); });
    }
};

}  // namespace

QS_BLOCK_FORMAT(formatIQ4_XS, GgmlType::IQ4_XS, ownRowKernels<Iq4Xs>(), OwnBlockFormat<Iq4Xs>,
                QT_TRANSLATE_NOOP("qs::formats", "llama.cpp IQ4_XS: 256-weight super-blocks, 6-bit scales per 32, 4-bit non-linear levels (4.25 bits/weight)"))

}  // namespace qs
