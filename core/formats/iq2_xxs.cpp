// IQ2_XXS (llama.cpp): 256 weights in 66 bytes (2.06 bits/weight). An fp16 d; per 32 weights 8
// bytes: four indices into iq2xxs_grid (256 points of 8 magnitudes 8, 25 or 43), then a 32-bit
// word of four 7-bit sign fields (8 weights each, the eighth sign by even parity) and a 4-bit
// scale l in the top bits: weight = ±(d * (0.5 + l) * 0.25) * magnitude.
// Encoder: core/formats/iq_lattice.h (llama.cpp's own quantizer insists on an importance matrix;
// ours without one minimises the plain squared error).
#include "core/formats/blocks.h"
#include "core/formats/iq_lattice.h"
#include "core/formats/own_block_format.h"

namespace qs {
namespace {

using namespace iq;
constexpr uint8_t kLevels[3] = {8, 25, 43};
constexpr float kUnit = 0.25f;

const Lattice<8, 3>& lattice()
{
    static const Lattice<8, 3> l = makeLattice<8, 3>(kIq2xxsGrid, kLevels, kUnit);
    return l;
}

// Sub-block ib's 8 bytes: the point indices and the signs-and-scale word.
const uint8_t* indices(const BlockIq2Xxs& b, int ib) { return reinterpret_cast<const uint8_t*>(b.qs) + 8 * ib; }
uint32_t word(const BlockIq2Xxs& b, int ib)
{
    uint32_t w;
    std::memcpy(&w, indices(b, ib) + 4, 4);
    return w;
}

struct Iq2Xxs {
    using Block = BlockIq2Xxs;
    static constexpr GgmlType kType = GgmlType::IQ2_XXS;
    static constexpr uint32_t kFileType = 19;  // LLAMA_FTYPE_MOSTLY_IQ2_XXS
    static constexpr std::optional<GgmlType> kFallback = GgmlType::IQ4_NL;  // llama.cpp's choice (llama-quant.cpp)
    static constexpr int kInspectLength = 32;

    static void pack(const Encoder<8, 3>::Super& s, Block& b)
    {
        b.d = fp32ToFp16(s.d);
        uint8_t q[64];
        for (int ib = 0; ib < kSubs; ++ib) {
            std::memcpy(q + 8 * ib, s.code[ib].idx, 4);
            uint32_t w = uint32_t(s.l[ib]) << 28;
            for (int k = 0; k < 4; ++k)
                w |= uint32_t(s.code[ib].signs[k]) << (7 * k);
            std::memcpy(q + 8 * ib + 4, &w, 4);
        }
        std::memcpy(b.qs, q, sizeof q);
    }
    static void quantizeReference(const float* x, unsigned char* out, int64_t blocks, const float* imp)
    {
        const Encoder<8, 3> enc(lattice());
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
            const uint8_t* idx = indices(b, ib);
            const uint32_t w = word(b, ib);
            const float db = d * (0.5f + float(w >> 28)) * kUnit;
            for (int k = 0; k < 4; ++k) {
                const uint8_t signs = kSignsIq2xs[(w >> (7 * k)) & 127];
                const uint64_t g = kIq2xxsGrid[idx[k]];
                for (int j = 0; j < 8; ++j) {
                    const float v = db * float((g >> (8 * j)) & 0xFF);
                    y[32 * ib + 8 * k + j] = (signs >> j) & 1 ? -v : v;
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
            std::memcpy(mag + 8 * k, lattice().code[indices(b, ib)[k]], 8);
        }
        int scales[kSubs];
        for (int s = 0; s < kSubs; ++s)
            scales[s] = int(word(b, s) >> 28);
        const float d = fp16ToFp32(b.d);
        inspectSub(r, kLevels, d, scales, ib, subScale(d, scales[ib], kUnit), mag, neg);
    }
};

}  // namespace

QS_BLOCK_FORMAT(formatIQ2_XXS, GgmlType::IQ2_XXS, ownRowKernels<Iq2Xxs>(), OwnBlockFormat<Iq2Xxs>,
                QT_TRANSLATE_NOOP("qs::formats", "llama.cpp IQ2_XXS: 256-weight super-blocks, 4-bit scales per 32, 8-weight lattice points and signs (2.06 bits/weight)"))

}  // namespace qs
