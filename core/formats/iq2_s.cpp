// IQ2_S (llama.cpp): 256 weights in 82 bytes (2.56 bits/weight). An fp16 d; per 8 weights a 10-bit
// index into iq2s_grid (1024 points of 8 magnitudes 8, 25 or 43): its low 8 bits in qs[0..31], its
// top 2 in qh (bits 2k, 2k+1 of qh[ib]: point k of 32-weight sub-block ib); one sign bit per weight
// (qs[32..63], weight j of point k of sub-block ib: bit j of qs[32 + 4 ib + k]); per 16 weights a
// 4-bit scale l (scales[s / 2], low nibble for even s): weight = ±(d * (0.5 + l) * 0.25) * magnitude.
// Codec and encoder: core/formats/iq_lattice.h (sub-blocks of 16 weights, no sign parity).
#include "core/formats/blocks.h"
#include "core/formats/iq_lattice.h"
#include "core/formats/own_block_format.h"

namespace qs {
namespace {

struct Iq2SLayout {
    using Block = BlockIq2S;
    static constexpr int G = 8, NL = 3, NP = 1024, kSubLen = 16;
    static constexpr bool kParity = false, kOdd = false;
    static constexpr uint8_t kLevels[NL] = {8, 25, 43};
    static constexpr const auto& kGrid = iq::kIq2sGrid;
    static constexpr float kUnit = 0.25f;
    static constexpr size_t kQs = offsetof(Block, qs), kSigns = offsetof(Block, qs) + 32, kQh = offsetof(Block, qh),
                            kScales = offsetof(Block, scales);

    // point k (0, 1) of 16-weight sub-block s is point 2 (s % 2) + k of 32-weight sub-block s / 2
    static int point(const uint8_t* b, int s, int k)
    {
        const int ib = s / 2, p = 2 * (s % 2) + k;
        return b[kQs + size_t(4 * ib + p)] | (((b[kQh + size_t(ib)] >> (2 * p)) & 3) << 8);
    }
    static uint32_t negatives(const uint8_t* b, int s)
    {
        const size_t at = kSigns + size_t(4 * (s / 2) + 2 * (s % 2));
        return uint32_t(b[at]) | uint32_t(b[at + 1]) << 8;
    }
    static int scale(const uint8_t* b, int s) { return (b[kScales + size_t(s / 2)] >> (4 * (s % 2))) & 15; }
    static void store(uint8_t* b, int s, const iq::SubCode<G, kSubLen>& c, int l)
    {
        const int ib = s / 2;
        for (int k = 0; k < 2; ++k) {
            const int p = 2 * (s % 2) + k;
            b[kQs + size_t(4 * ib + p)] = uint8_t(c.idx[k] & 0xFF);
            b[kQh + size_t(ib)] |= uint8_t((c.idx[k] >> 8) << (2 * p));
            b[kSigns + size_t(4 * ib + p)] = c.signs[k];
        }
        b[kScales + size_t(ib)] |= uint8_t(l << (4 * (s % 2)));
    }
};

struct Iq2S : iq::LatticeCodec<Iq2SLayout> {
    static constexpr GgmlType kType = GgmlType::IQ2_S;
    static constexpr uint32_t kFileType = 29;  // LLAMA_FTYPE_MOSTLY_IQ2_M (whose default type is IQ2_S; MOSTLY_IQ2_S means IQ2_XS)
    static constexpr std::optional<GgmlType> kFallback = GgmlType::IQ4_NL;  // llama.cpp's choice (llama-quant.cpp)
    static constexpr int kInspectLength = 16;
};

}  // namespace

QS_BLOCK_FORMAT(formatIQ2_S, GgmlType::IQ2_S, ownRowKernels<Iq2S>(), OwnBlockFormat<Iq2S>,
                QT_TRANSLATE_NOOP("qs::formats", "llama.cpp IQ2_S: 256-weight super-blocks, 4-bit scales per 16, 8-weight points of a 1024-point lattice and a sign per weight (2.56 bits/weight)"))

}  // namespace qs
