// IQ1_S (llama.cpp): 256 weights in 50 bytes (1.56 bits/weight). An fp16 d; per 8 weights an
// 11-bit index into iq1s_grid (2048 points of 8 values -1, 0 or +1): its low 8 bits in qs, its top
// 3 in qh (bits 3k..3k+2 of qh[ib]: point k of 32-weight sub-block ib); per 32 weights a 3-bit
// scale l (qh bits 12-14) and a delta sign (bit 15: -1/8, else +1/8):
// weight = d * (2l + 1) * (g + delta).
// Codec and encoder: core/formats/iq1_lattice.h.
#include "core/formats/blocks.h"
#include "core/formats/iq1_lattice.h"
#include "core/formats/own_block_format.h"

namespace qs {
namespace {

struct Iq1SLayout {
    using Block = BlockIq1S;
    static constexpr int kSubLen = 32, kDeltaLen = 32;
    static constexpr size_t kQs = offsetof(Block, qs), kQh = offsetof(Block, qh);
    using Super = iq::TernaryEncoder<kSubLen, kDeltaLen>::Super;

    static uint16_t qh(const uint8_t* b, int ib)
    {
        uint16_t v;
        std::memcpy(&v, b + kQh + 2 * size_t(ib), 2);
        return v;
    }
    static uint16_t d(const uint8_t* b)
    {
        uint16_t v;
        std::memcpy(&v, b + offsetof(Block, d), 2);
        return v;
    }
    static int point(const uint8_t* b, int k) { return b[kQs + size_t(k)] | ((qh(b, k / 4) >> (3 * (k % 4))) & 7) << 8; }
    static bool negDelta(const uint8_t* b, int k) { return (qh(b, k / 4) >> 15) != 0; }
    static int scale(const uint8_t* b, int ib) { return (qh(b, ib) >> 12) & 7; }
    static void store(uint8_t* b, const Super& s)
    {
        const uint16_t dh = fp32ToFp16(s.d);
        std::memcpy(b + offsetof(Block, d), &dh, 2);
        for (int ib = 0; ib < 8; ++ib) {
            uint16_t h = uint16_t(s.l[ib] << 12 | s.negDelta[4 * ib] << 15);
            for (int k = 0; k < 4; ++k) {
                const int idx = s.idx[4 * ib + k];
                b[kQs + size_t(4 * ib + k)] = uint8_t(idx & 0xFF);
                h = uint16_t(h | (idx >> 8) << (3 * k));
            }
            std::memcpy(b + kQh + 2 * size_t(ib), &h, 2);
        }
    }
};

struct Iq1S : iq::TernaryCodec<Iq1SLayout> {
    static constexpr GgmlType kType = GgmlType::IQ1_S;
    static constexpr uint32_t kFileType = 24;  // LLAMA_FTYPE_MOSTLY_IQ1_S
    static constexpr std::optional<GgmlType> kFallback = GgmlType::IQ4_NL;  // llama.cpp's choice (llama-quant.cpp)
    static constexpr int kInspectLength = 32;
};

}  // namespace

QS_BLOCK_FORMAT(formatIQ1_S, GgmlType::IQ1_S, ownRowKernels<Iq1S>(), OwnBlockFormat<Iq1S>,
                QT_TRANSLATE_NOOP("qs::formats", "llama.cpp IQ1_S: 256-weight super-blocks, 3-bit scales and a ±1/8 shift per 32, 8-weight points of a 2048-point ternary lattice (1.56 bits/weight)"))

}  // namespace qs
