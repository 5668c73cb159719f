// IQ1_M (llama.cpp): 256 weights in 56 bytes (1.75 bits/weight). No d field of its own: the fp16
// d is split into the top nibbles of the four 16-bit scale words (word w holds bits 4w..4w+3).
// Per 8 weights an 11-bit index into iq1s_grid (2048 points of 8 values -1, 0 or +1): its low 8
// bits in qs, its top 3 in a nibble of qh (qh[k / 2], low nibble for even k) whose fourth bit is
// the delta sign (-1/8, else +1/8); per 16 weights a 3-bit scale l (16-weight sub-block s: bits
// 3 (s % 4) .. 3 (s % 4) + 2 of scale word s / 4): weight = d * (2l + 1) * (g + delta).
// Codec and encoder: core/formats/iq1_lattice.h.
#include "core/formats/blocks.h"
#include "core/formats/iq1_lattice.h"
#include "core/formats/own_block_format.h"

namespace qs {
namespace {

struct Iq1MLayout {
    using Block = BlockIq1M;
    static constexpr int kSubLen = 16, kDeltaLen = 8;
    static constexpr size_t kQs = offsetof(Block, qs), kQh = offsetof(Block, qh), kScales = offsetof(Block, scales);
    using Super = iq::TernaryEncoder<kSubLen, kDeltaLen>::Super;

    static uint16_t word(const uint8_t* b, int w)
    {
        uint16_t v;
        std::memcpy(&v, b + kScales + 2 * size_t(w), 2);
        return v;
    }
    static uint16_t d(const uint8_t* b)
    {
        return uint16_t(word(b, 0) >> 12 | (word(b, 1) >> 8 & 0x00F0) | (word(b, 2) >> 4 & 0x0F00) |
                        (word(b, 3) & 0xF000));
    }
    static int point(const uint8_t* b, int k) { return b[kQs + size_t(k)] | ((b[kQh + size_t(k / 2)] >> (4 * (k % 2))) & 7) << 8; }
    static bool negDelta(const uint8_t* b, int k) { return (b[kQh + size_t(k / 2)] >> (4 * (k % 2) + 3)) & 1; }
    static int scale(const uint8_t* b, int s) { return (word(b, s / 4) >> (3 * (s % 4))) & 7; }
    static void store(uint8_t* b, const Super& s)
    {
        const uint16_t dh = fp32ToFp16(s.d);
        for (int k = 0; k < 32; ++k) {
            b[kQs + size_t(k)] = uint8_t(s.idx[k] & 0xFF);
            b[kQh + size_t(k / 2)] |= uint8_t(((s.idx[k] >> 8) | s.negDelta[k] << 3) << (4 * (k % 2)));
        }
        for (int w = 0; w < 4; ++w) {
            uint16_t v = uint16_t(((dh >> (4 * w)) & 15) << 12);
            for (int t = 0; t < 4; ++t)
                v = uint16_t(v | s.l[4 * w + t] << (3 * t));
            std::memcpy(b + kScales + 2 * size_t(w), &v, 2);
        }
    }
};

struct Iq1M : iq::TernaryCodec<Iq1MLayout> {
    static constexpr GgmlType kType = GgmlType::IQ1_M;
    static constexpr uint32_t kFileType = 31;  // LLAMA_FTYPE_MOSTLY_IQ1_M
    static constexpr std::optional<GgmlType> kFallback = GgmlType::IQ4_NL;  // llama.cpp's choice (llama-quant.cpp)
    static constexpr int kInspectLength = 16;
};

}  // namespace

QS_BLOCK_FORMAT(formatIQ1_M, GgmlType::IQ1_M, ownRowKernels<Iq1M>(), OwnBlockFormat<Iq1M>,
                QT_TRANSLATE_NOOP("qs::formats", "llama.cpp IQ1_M: 256-weight super-blocks, 3-bit scales per 16, a ±1/8 shift per 8, 8-weight points of a 2048-point ternary lattice (1.75 bits/weight)"))

}  // namespace qs
