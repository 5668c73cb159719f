// TQ2_0 (llama.cpp's ternary type for BitNet-style models): 256 weights, an fp16 scale d and a
// 2-bit code q per weight; weight = (q - 1) * d. Byte m of each 32-byte half holds, in bits 2l,
// weight 128*half + 32*l + m.
//
// The codes run over four levels, -1, 0, 1 and 2 (llama.cpp's reference quantizer uses only the
// first three; its decoder and dot product take all four). The scale comes from
// kq::BlockScaleSearch (scale_search.h) over both orientations (levels -1..2 or 1..-2 in units of
// |d|); a ternary block ({-a, 0, a}) is reproduced exactly (the start at the largest magnitude
// reaches it). Lanes of 8 weights, so the fast path writes the reference bytes.
#include "core/formats/blocks.h"
#include "core/formats/kquant_common.h"
#include "core/formats/own_block_format.h"
#include "core/formats/scale_search.h"

namespace qs {
namespace {

using namespace kq;
constexpr int N = kSuper, NV = N / 8;

template <class V>
void encode(const float* x, const float* imp, BlockTq2_0& b)
{
    // Starting scales: the largest magnitude on level 1 (ternary) or near level 2, either sign.
    static constexpr float kStarts[] = {1.0f, 0.6f};
    V X[NV], L[NV];
    for (int i = 0; i < NV; ++i)
        X[i] = V::load(x + 8 * i);
    BlockScaleSearch<V, NV> search;
    const float d = search.run(X, imp, -1.0f, 2.0f, kStarts, int(std::size(kStarts)), true, L);
    alignas(32) float lv[N];
    for (int i = 0; i < NV; ++i)
        L[i].store(lv + 8 * i);
    b.d = fp32ToFp16(d);
    for (int h = 0; h < 2; ++h)
        for (int m = 0; m < 32; ++m) {
            uint8_t q = 0;
            for (int l = 0; l < 4; ++l)
                q |= uint8_t((int(lv[128 * h + 32 * l + m]) + 1) << (2 * l));
            b.qs[32 * h + m] = q;
        }
}

struct Tq2 {
    using Block = BlockTq2_0;
    static constexpr GgmlType kType = GgmlType::TQ2_0;
    static constexpr uint32_t kFileType = 37;  // LLAMA_FTYPE_MOSTLY_TQ2_0
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
        for (int h = 0; h < 2; ++h)
            for (int l = 0; l < 4; ++l)
                for (int m = 0; m < 32; ++m)
                    y[128 * h + 32 * l + m] = float(((b.qs[32 * h + m] >> (2 * l)) & 3) - 1) * d;
    }
    // Part p: weights 32p..32p+31, the 2-bit field l = p % 4 of bytes 32 (p / 4) .. + 31.
    static void inspect(const Block& b, int part, BlockInspection& r)
    {
        const int h = part / 4, l = part % 4;
        const float d = fp16ToFp32(b.d);
        for (int m = 0; m < 32; ++m)
            r.codes[size_t(m)] = (b.qs[32 * h + m] >> (2 * l)) & 3;
        r.kind = BlockInspection::Kind::Signed;
        r.offset = 1;
        r.scale = d;
        setLevels(r, 0, 3, [&](int c) { return float(c - 1) * d; });
    }
};

}  // namespace

QS_BLOCK_FORMAT(formatTQ2_0, GgmlType::TQ2_0, ownRowKernels<Tq2>(), OwnBlockFormat<Tq2>,
                QT_TRANSLATE_NOOP("qs::formats", "llama.cpp TQ2_0: 256-weight blocks, fp16 scale, 2-bit levels -1..2 (2.06 bits/weight; ternary models)"))

}  // namespace qs
