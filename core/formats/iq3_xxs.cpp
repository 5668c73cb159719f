// IQ3_XXS (llama.cpp): 256 weights in 98 bytes (3.06 bits/weight). An fp16 d; per 4 weights a
// byte indexing iq3xxs_grid (256 points of 4 magnitudes 4, 12, ..., 52, 62); per 32 weights a
// 32-bit word of four 7-bit sign fields (8 weights each, the eighth sign by even parity) and a
// 4-bit scale l in the top bits: weight = ±(d * (0.5 + l) * 0.5) * magnitude.
// Bytes 2-65: the 64 point indices in weight order; bytes 66-97: the 8 words.
// Codec and encoder: core/formats/iq_lattice.h.
#include "core/formats/blocks.h"
#include "core/formats/iq_lattice.h"
#include "core/formats/own_block_format.h"

namespace qs {
namespace {

struct Iq3XxsLayout {
    using Block = BlockIq3Xxs;
    static constexpr int G = 4, NL = 8;
    static constexpr uint8_t kLevels[NL] = {4, 12, 20, 28, 36, 44, 52, 62};
    static constexpr const auto& kGrid = iq::kIq3xxsGrid;
    static constexpr float kUnit = 0.5f;
    static constexpr size_t idxAt(int ib) { return offsetof(Block, qs) + 8 * size_t(ib); }
    static constexpr size_t wordAt(int ib) { return offsetof(Block, qs) + 64 + 4 * size_t(ib); }
};

struct Iq3Xxs : iq::LatticeCodec<iq::XxsLayout<Iq3XxsLayout>> {
    static constexpr GgmlType kType = GgmlType::IQ3_XXS;
    static constexpr uint32_t kFileType = 23;  // LLAMA_FTYPE_MOSTLY_IQ3_XXS
    static constexpr std::optional<GgmlType> kFallback = GgmlType::IQ4_NL;  // llama.cpp's choice (llama-quant.cpp)
    static constexpr int kInspectLength = 32;
};

}  // namespace

QS_BLOCK_FORMAT(formatIQ3_XXS, GgmlType::IQ3_XXS, ownRowKernels<Iq3Xxs>(), OwnBlockFormat<Iq3Xxs>,
                QT_TRANSLATE_NOOP("qs::formats", "llama.cpp IQ3_XXS: 256-weight super-blocks, 4-bit scales per 32, 4-weight lattice points and signs (3.06 bits/weight)"))

}  // namespace qs
