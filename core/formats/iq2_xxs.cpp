// IQ2_XXS (llama.cpp): 256 weights in 66 bytes (2.06 bits/weight). An fp16 d; per 32 weights 8
// bytes: four indices into iq2xxs_grid (256 points of 8 magnitudes 8, 25 or 43), then a 32-bit
// word of four 7-bit sign fields (8 weights each, the eighth sign by even parity) and a 4-bit
// scale l in the top bits: weight = ±(d * (0.5 + l) * 0.25) * magnitude.
// Codec and encoder: core/formats/iq_lattice.h (llama.cpp's own quantizer insists on an importance
// matrix; ours without one minimises the plain squared error).
#include "core/formats/blocks.h"
#include "core/formats/iq_lattice.h"
#include "core/formats/own_block_format.h"

namespace qs {
namespace {

struct Iq2XxsLayout {
    using Block = BlockIq2Xxs;
    static constexpr int G = 8, NL = 3;
    static constexpr uint8_t kLevels[NL] = {8, 25, 43};
    static constexpr const auto& kGrid = iq::kIq2xxsGrid;
    static constexpr float kUnit = 0.25f;
    static constexpr size_t idxAt(int ib) { return offsetof(Block, qs) + 8 * size_t(ib); }
    static constexpr size_t wordAt(int ib) { return offsetof(Block, qs) + 8 * size_t(ib) + 4; }
};

struct Iq2Xxs : iq::LatticeCodec<iq::XxsLayout<Iq2XxsLayout>> {
    static constexpr GgmlType kType = GgmlType::IQ2_XXS;
    static constexpr uint32_t kFileType = 19;  // LLAMA_FTYPE_MOSTLY_IQ2_XXS
    static constexpr std::optional<GgmlType> kFallback = GgmlType::IQ4_NL;  // llama.cpp's choice (llama-quant.cpp)
    static constexpr int kInspectLength = 32;
};

}  // namespace

QS_BLOCK_FORMAT(formatIQ2_XXS, GgmlType::IQ2_XXS, ownRowKernels<Iq2Xxs>(), OwnBlockFormat<Iq2Xxs>,
                QT_TRANSLATE_NOOP("qs::formats", "llama.cpp IQ2_XXS: 256-weight super-blocks, 4-bit scales per 32, 8-weight lattice points and signs (2.06 bits/weight)"))

}  // namespace qs
