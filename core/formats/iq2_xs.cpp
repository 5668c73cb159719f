// IQ2_XS (llama.cpp): 256 weights in 74 bytes (2.31 bits/weight). An fp16 d; per 8 weights a 16-bit
// word: a 9-bit index into iq2xs_grid (512 points of 8 magnitudes 8, 25 or 43) and 7 sign bits
// (the eighth sign by even parity) above it; per 16 weights a 4-bit scale l (scales[s / 2], low
// nibble for even s): weight = ±(d * (0.5 + l) * 0.25) * magnitude.
// Codec and encoder: core/formats/iq_lattice.h (sub-blocks of 16 weights here).
#include "core/formats/blocks.h"
#include "core/formats/iq_lattice.h"
#include "core/formats/own_block_format.h"

namespace qs {
namespace {

struct Iq2XsLayout {
    using Block = BlockIq2Xs;
    static constexpr int G = 8, NL = 3, NP = 512, kSubLen = 16;
    static constexpr bool kParity = true, kOdd = false;
    static constexpr uint8_t kLevels[NL] = {8, 25, 43};
    static constexpr const auto& kGrid = iq::kIq2xsGrid;
    static constexpr float kUnit = 0.25f;

    // the word of point k of 16-weight sub-block s
    static uint16_t word(const uint8_t* b, int s, int k)
    {
        uint16_t v;
        std::memcpy(&v, b + offsetof(Block, qs) + 2 * size_t(2 * s + k), 2);
        return v;
    }
    static int point(const uint8_t* b, int s, int k) { return word(b, s, k) & 511; }
    static uint32_t negatives(const uint8_t* b, int s)
    {
        return uint32_t(iq::kSignsIq2xs[word(b, s, 0) >> 9]) | uint32_t(iq::kSignsIq2xs[word(b, s, 1) >> 9]) << 8;
    }
    static int scale(const uint8_t* b, int s) { return (b[offsetof(Block, scales) + size_t(s / 2)] >> (4 * (s % 2))) & 15; }
    static void store(uint8_t* b, int s, const iq::SubCode<G, kSubLen>& c, int l)
    {
        for (int k = 0; k < 2; ++k) {
            const uint16_t v = uint16_t(c.idx[k] | (c.signs[k] << 9));
            std::memcpy(b + offsetof(Block, qs) + 2 * size_t(2 * s + k), &v, 2);
        }
        b[offsetof(Block, scales) + size_t(s / 2)] |= uint8_t(l << (4 * (s % 2)));
    }
};

struct Iq2Xs : iq::LatticeCodec<Iq2XsLayout> {
    static constexpr GgmlType kType = GgmlType::IQ2_XS;
    static constexpr uint32_t kFileType = 20;  // LLAMA_FTYPE_MOSTLY_IQ2_XS
    static constexpr std::optional<GgmlType> kFallback = GgmlType::IQ4_NL;  // llama.cpp's choice (llama-quant.cpp)
    static constexpr int kInspectLength = 16;
};

}  // namespace

QS_BLOCK_FORMAT(formatIQ2_XS, GgmlType::IQ2_XS, ownRowKernels<Iq2Xs>(), OwnBlockFormat<Iq2Xs>,
                QT_TRANSLATE_NOOP("qs::formats", "llama.cpp IQ2_XS: 256-weight super-blocks, 4-bit scales per 16, 8-weight points of a 512-point lattice and signs (2.31 bits/weight)"))

}  // namespace qs
