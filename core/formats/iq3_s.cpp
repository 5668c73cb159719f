// IQ3_S (llama.cpp): 256 weights in 110 bytes (3.44 bits/weight). An fp16 d; per 4 weights a
// 9-bit index into iq3s_grid (512 points of 4 magnitudes 1, 3, ..., 15): its low 8 bits in qs, its
// ninth in qh (bit k of qh[ib]: point k of sub-block ib); one sign bit per weight (signs, weight i
// of sub-block ib: bit i % 8 of signs[4 ib + i / 8]); per 32 weights a 4-bit scale l (scales[ib / 2],
// low nibble for even ib): weight = ±(d * (1 + 2l)) * magnitude.
// Codec and encoder: core/formats/iq_lattice.h (no sign parity here: every weight takes its sign).
#include "core/formats/blocks.h"
#include "core/formats/iq_lattice.h"
#include "core/formats/own_block_format.h"

namespace qs {
namespace {

struct Iq3SLayout {
    using Block = BlockIq3S;
    static constexpr int G = 4, NL = 8, NP = 512, kSubLen = 32;
    static constexpr bool kParity = false, kOdd = true;
    static constexpr uint8_t kLevels[NL] = {1, 3, 5, 7, 9, 11, 13, 15};
    static constexpr const auto& kGrid = iq::kIq3sGrid;
    static constexpr float kUnit = 2.0f;  // d * (1 + 2l) = 2d * (0.5 + l)
    static constexpr size_t kQs = offsetof(Block, qs), kQh = offsetof(Block, qh), kSigns = offsetof(Block, signs),
                            kScales = offsetof(Block, scales);

    static int point(const uint8_t* b, int ib, int k)
    {
        return b[kQs + size_t(8 * ib + k)] | (((b[kQh + size_t(ib)] >> k) & 1) << 8);
    }
    static uint32_t negatives(const uint8_t* b, int ib)
    {
        uint32_t s;
        std::memcpy(&s, b + kSigns + 4 * size_t(ib), 4);
        return s;
    }
    static int scale(const uint8_t* b, int ib) { return (b[kScales + size_t(ib / 2)] >> (4 * (ib % 2))) & 15; }
    static void store(uint8_t* b, int ib, const iq::SubCode<G>& c, int l)
    {
        for (int k = 0; k < 8; ++k) {
            b[kQs + size_t(8 * ib + k)] = uint8_t(c.idx[k] & 0xFF);
            b[kQh + size_t(ib)] |= uint8_t((c.idx[k] >> 8) << k);
        }
        std::memcpy(b + kSigns + 4 * size_t(ib), c.signs, 4);
        b[kScales + size_t(ib / 2)] |= uint8_t(l << (4 * (ib % 2)));
    }
};

struct Iq3S : iq::LatticeCodec<Iq3SLayout> {
    static constexpr GgmlType kType = GgmlType::IQ3_S;
    static constexpr uint32_t kFileType = 26;  // LLAMA_FTYPE_MOSTLY_IQ3_S
    static constexpr std::optional<GgmlType> kFallback = GgmlType::IQ4_NL;  // llama.cpp's choice (llama-quant.cpp)
    static constexpr int kInspectLength = 32;
};

}  // namespace

QS_BLOCK_FORMAT(formatIQ3_S, GgmlType::IQ3_S, ownRowKernels<Iq3S>(), OwnBlockFormat<Iq3S>,
                QT_TRANSLATE_NOOP("qs::formats", "llama.cpp IQ3_S: 256-weight super-blocks, 4-bit scales per 32, 4-weight points of a 512-point lattice and a sign per weight (3.44 bits/weight)"))

}  // namespace qs
