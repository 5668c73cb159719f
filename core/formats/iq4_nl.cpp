// IQ4_NL (llama.cpp): blocks of 32 weights, an fp16 scale d and 4-bit indices into 16 fixed
// non-linear levels (-127 .. 113); weight = d * level[q]. Nibble j holds weight j (low) and
// weight j + 16 (high).
#include "core/formats/blocks.h"
#include "core/formats/legacy_kernels.h"

namespace qs {
namespace {

// Scale candidates d = max / k: the largest-magnitude weight on the extreme level -127 (and
// nearby), or on the other extreme +113; then weighted least-squares refinement.
constexpr float kDivisors[] = {-127.0f, -121.0f, -115.0f, -133.0f, -139.0f, 113.0f, 107.0f, 119.0f};
// With importance: a denser search (llama.cpp's own importance path is far slower).
constexpr float kDivisorsW[] = {-127.0f, -124.0f, -121.0f, -118.0f, -115.0f, -130.0f, -133.0f, -136.0f, -139.0f, 113.0f, 110.0f, 107.0f, 116.0f, 119.0f};

struct Kernel : legacy::NlCode {
    using Block = BlockIq4Nl;
    static constexpr GgmlType kType = GgmlType::IQ4_NL;
    static constexpr uint32_t kFileType = 25;  // LLAMA_FTYPE_MOSTLY_IQ4_NL
    template <class V>
    static void search(const V* x, const V* w, V* L, V& d, V& m)
    {
        (void)m;
        d = w ? legacy::searchSymmetric<V, false>(x, w, legacy::NlLevels{}, kDivisorsW, int(std::size(kDivisorsW)), 3, L)
              : legacy::searchSymmetric<V, false>(x, w, legacy::NlLevels{}, kDivisors, int(std::size(kDivisors)), 2, L);
    }
    static void decode(const Block& b, float* y)
    {
        const float d = fp16ToFp32(b.d);
        for (int j = 0; j < 16; ++j) {
            y[j] = d * float(legacy::kIq4nlValues[b.qs[j] & 0x0F]);
            y[j + 16] = d * float(legacy::kIq4nlValues[b.qs[j] >> 4]);
        }
    }
};

}  // namespace

QS_LEGACY_FORMAT(formatIQ4_NL, Kernel,
                 QT_TRANSLATE_NOOP("qs::formats", "llama.cpp IQ4_NL: 32-weight blocks, fp16 scale, 4-bit non-linear levels (4.5 bits/weight)"))

}  // namespace qs
