// IQ3_XXS (llama.cpp): 256 weights in 98 bytes (3.06 bits/weight). An fp16 d; per 4 weights a
// byte indexing iq3xxs_grid (256 points of 4 magnitudes 4, 12, ..., 52, 62); per 32 weights a
// 32-bit word of four 7-bit sign fields (8 weights each, the eighth sign by even parity) and a
// 4-bit scale l in the top bits: weight = ±(d * (0.5 + l) * 0.5) * magnitude.
// Bytes 0-63: the 64 point indices in weight order; bytes 64-95: the 8 words.
// Encoder: core/formats/iq_lattice.h.
#include "core/formats/blocks.h"
#include "core/formats/iq_lattice.h"
#include "core/formats/own_block_format.h"

namespace qs {
namespace {

using namespace iq;
constexpr uint8_t kLevels[8] = {4, 12, 20, 28, 36, 44, 52, 62};
constexpr float kUnit = 0.5f;

const Lattice<4, 8>& lattice()
{
    static const Lattice<4, 8> l = makeLattice<4, 8>(kIq3xxsGrid, kLevels, kUnit);
    return l;
}

uint32_t word(const BlockIq3Xxs& b, int ib)
{
    uint32_t w;
    std::memcpy(&w, b.qs + 64 + 4 * ib, 4);
    return w;
}

struct Iq3Xxs {
    using Block = BlockIq3Xxs;
    static constexpr GgmlType kType = GgmlType::IQ3_XXS;
    static constexpr uint32_t kFileType = 23;  // LLAMA_FTYPE_MOSTLY_IQ3_XXS
    static constexpr std::optional<GgmlType> kFallback = GgmlType::IQ4_NL;  // llama.cpp's choice (llama-quant.cpp)
    static constexpr int kInspectLength = 32;

    static void pack(const Encoder<4, 8>::Super& s, Block& b)
    {
        b.d = fp32ToFp16(s.d);
        for (int ib = 0; ib < kSubs; ++ib) {
            std::memcpy(b.qs + 8 * ib, s.code[ib].idx, 8);
            uint32_t w = uint32_t(s.l[ib]) << 28;
            for (int k = 0; k < 4; ++k)
                w |= uint32_t(s.code[ib].signs[k]) << (7 * k);
            std::memcpy(b.qs + 64 + 4 * ib, &w, 4);
        }
    }
    static void quantizeReference(const float* x, unsigned char* out, int64_t blocks, const float* imp)
    {
        const Encoder<4, 8> enc(lattice());
        encodeRow<Block>(enc, x, out, blocks, imp, pack, decode);
    }
    static void quantizeFast(const float* x, unsigned char* out, int64_t blocks, const float* imp)
    {
        quantizeReference(x, out, blocks, imp);
    }
    static void decode(const Block& b, float* y)
    {
        const float d = fp16ToFp32(b.d);
        for (int ib = 0; ib < kSubs; ++ib) {
            const uint32_t w = word(b, ib);
            const float db = d * (0.5f + float(w >> 28)) * kUnit;
            for (int k = 0; k < 4; ++k) {
                const uint8_t signs = kSignsIq2xs[(w >> (7 * k)) & 127];
                for (int h = 0; h < 2; ++h) {
                    const uint32_t g = kIq3xxsGrid[b.qs[8 * ib + 2 * k + h]];
                    for (int j = 0; j < 4; ++j) {
                        const float v = db * float((g >> (8 * j)) & 0xFF);
                        y[32 * ib + 8 * k + 4 * h + j] = (signs >> (4 * h + j)) & 1 ? -v : v;
                    }
                }
            }
        }
    }
    // Part ib: sub-block ib (codes: iq_lattice.h's inspectSub).
    static void inspect(const Block& b, int ib, BlockInspection& r)
    {
        const uint32_t w = word(b, ib);
        uint8_t mag[kSub];
        uint32_t neg = 0;
        for (int k = 0; k < 4; ++k) {
            neg |= uint32_t(kSignsIq2xs[(w >> (7 * k)) & 127]) << (8 * k);
            for (int h = 0; h < 2; ++h)
                std::memcpy(mag + 8 * k + 4 * h, lattice().code[b.qs[8 * ib + 2 * k + h]], 4);
        }
        int scales[kSubs];
        for (int s = 0; s < kSubs; ++s)
            scales[s] = int(word(b, s) >> 28);
        const float d = fp16ToFp32(b.d);
        inspectSub(r, kLevels, d, scales, ib, subScale(d, scales[ib], kUnit), mag, neg);
    }
};

}  // namespace

QS_BLOCK_FORMAT(formatIQ3_XXS, GgmlType::IQ3_XXS, ownRowKernels<Iq3Xxs>(), OwnBlockFormat<Iq3Xxs>,
                QT_TRANSLATE_NOOP("qs::formats", "llama.cpp IQ3_XXS: 256-weight super-blocks, 4-bit scales per 32, 4-weight lattice points and signs (3.06 bits/weight)"))

}  // namespace qs
