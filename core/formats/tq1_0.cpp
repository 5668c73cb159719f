// TQ1_0 (llama.cpp's 1.69-bit ternary type): 256 weights, an fp16 scale d and a trit t in
// {-1, 0, 1} per weight; weight = t * d. Trits are packed 5 per byte (qs, 48 bytes: weights 0-239)
// and 4 per byte (qh, 4 bytes: weights 240-255) as a base-3 number scaled to a byte, rounded up:
// byte = ceil(v * 256 / 243). Byte m of qs[0..31] holds weights m + 32n, byte m of qs[32..47]
// weights 160 + m + 16n, byte j of qh weights 240 + j + 4n (n = 0 the most significant trit).
//
// The search (kq::BlockScaleSearch, scale_search.h): for a ternary code the best levels for a
// scale d put +-d on the weights with |x| > d/2, and the best scale for a set of such weights is
// their (weighted) mean magnitude; alternating the two from the best of a few starting scales
// gives the scale. Lanes of 8 weights, so the fast path writes the reference bytes.
#include "core/formats/blocks.h"
#include "core/formats/kquant_common.h"
#include "core/formats/own_block_format.h"
#include "core/formats/scale_search.h"

#include <array>

namespace qs {
namespace {

using namespace kq;
constexpr int N = kSuper, NV = N / 8;

inline uint8_t packTrits(const int* t, int count)  // t[0] the most significant trit
{
    uint32_t v = 0;
    for (int k = 0; k < count; ++k)
        v = v * 3 + uint32_t(t[k] + 1);
    for (int k = count; k < 5; ++k)
        v *= 3;
    return uint8_t((v * 256 + 242) / 243);
}

template <class V>
void encode(const float* x, const float* imp, BlockTq1_0& b)
{
    static constexpr float kStarts[] = {1.0f, 0.6f, 0.3f};
    V X[NV], T[NV];
    for (int i = 0; i < NV; ++i)
        X[i] = V::load(x + 8 * i);
    BlockScaleSearch<V, NV> search;
    const float d = search.run(X, imp, -1.0f, 1.0f, kStarts, int(std::size(kStarts)), false, T);
    alignas(32) float tv[N];
    for (int i = 0; i < NV; ++i)
        T[i].store(tv + 8 * i);
    b.d = fp32ToFp16(d);
    // The five trits of qs[m] (weights m + 32n, then 160 + m + 16n) as the base-3 number
    // sum (t + 1) 3^(4 - n), 8 bytes per lane vector (exact small integers), then packed by table.
    static constexpr auto kPack = [] {
        std::array<uint8_t, 243> p{};
        for (uint32_t v = 0; v < 243; ++v)
            p[v] = uint8_t((v * 256 + 242) / 243);
        return p;
    }();
    alignas(32) float num[48];
    const V one = V::set1(1.0f), three = V::set1(3.0f);
    for (int i = 0; i < 6; ++i) {  // lanes 0-3: weights 8i.. (+32n); 4-5: 160 + 8(i - 4).. (+16n)
        V v = V::set1(0.0f);
        for (int n = 0; n < 5; ++n)
            v = vfma(v, three, vadd(T[i < 4 ? 4 * n + i : 20 + 2 * n + (i - 4)], one));
        v.store(num + 8 * i);
    }
    for (int m = 0; m < 48; ++m)
        b.qs[m] = kPack[size_t(num[m])];
    int g[5];
    for (int j = 0; j < 4; ++j) {
        for (int n = 0; n < 4; ++n)
            g[n] = int(tv[240 + j + 4 * n]);
        b.qh[j] = packTrits(g, 4);
    }
}

// Trit n (0 = most significant) of a packed byte.
inline int tritOf(uint8_t byte, int n)
{
    static constexpr uint8_t kPow3[5] = {1, 3, 9, 27, 81};
    const uint8_t q = uint8_t(byte * kPow3[n]);
    return ((uint16_t(q) * 3) >> 8) - 1;
}

// The trit of weight i (0..255) of a block.
inline int tritAt(const BlockTq1_0& b, int i)
{
    if (i < 160)
        return tritOf(b.qs[i % 32], i / 32);
    if (i < 240)
        return tritOf(b.qs[32 + (i - 160) % 16], (i - 160) / 16);
    return tritOf(b.qh[(i - 240) % 4], (i - 240) / 4);
}

struct Tq1 {
    using Block = BlockTq1_0;
    static constexpr GgmlType kType = GgmlType::TQ1_0;
    static constexpr uint32_t kFileType = 36;  // LLAMA_FTYPE_MOSTLY_TQ1_0
    static constexpr std::optional<GgmlType> kFallback = GgmlType::Q4_0;
    static constexpr int kInspectLength = 32;

    static void quantizeFast(const float* x, unsigned char* out, int64_t blocks, const float* imp) { encodeBlocks<Block, N>(x, out, blocks, imp, encode<V8Fast>); }
    static void quantizeReference(const float* x, unsigned char* out, int64_t blocks, const float* imp)
    {
        encodeBlocks<Block, N>(x, out, blocks, imp, encode<V8Scalar>);
    }
    static void decode(const Block& b, float* y)
    {
        const float d = fp16ToFp32(b.d);
        for (int n5 = 0; n5 < 5; ++n5)
            for (int m = 0; m < 32; ++m)
                y[32 * n5 + m] = float(tritOf(b.qs[m], n5)) * d;
        for (int n5 = 0; n5 < 5; ++n5)
            for (int m = 0; m < 16; ++m)
                y[160 + 16 * n5 + m] = float(tritOf(b.qs[32 + m], n5)) * d;
        for (int n4 = 0; n4 < 4; ++n4)
            for (int j = 0; j < 4; ++j)
                y[240 + 4 * n4 + j] = float(tritOf(b.qh[j], n4)) * d;
    }
    // Part p: weights 32p..32p+31, code = trit + 1.
    static void inspect(const Block& b, int part, BlockInspection& r)
    {
        const float d = fp16ToFp32(b.d);
        for (int m = 0; m < 32; ++m)
            r.codes[size_t(m)] = tritAt(b, 32 * part + m) + 1;
        r.kind = BlockInspection::Kind::Signed;
        r.offset = 1;
        r.scale = d;
        setLevels(r, 0, 2, [&](int c) { return float(c - 1) * d; });
    }
};

}  // namespace

QS_BLOCK_FORMAT(formatTQ1_0, GgmlType::TQ1_0, ownRowKernels<Tq1>(), OwnBlockFormat<Tq1>,
                QT_TRANSLATE_NOOP("qs::formats", "llama.cpp TQ1_0: 256-weight blocks, fp16 scale, ternary levels packed 5 per byte (1.69 bits/weight)"))

}  // namespace qs
