// Q4_0 (llama.cpp): blocks of 32 weights, an fp16 scale d and 4-bit levels q in 0..15;
// weight = (q - 8) * d. Nibble j holds weight j (low) and weight j + 16 (high).
#include "core/formats/blocks.h"
#include "core/formats/legacy_kernels.h"

namespace qs {
namespace {

// Scale candidates d = max / k. First llama.cpp's reference choice (the largest-magnitude weight
// on level -8), then smaller/larger scales on that side and the other side (max on level +7).
constexpr float kDivisors[] = {-8.0f, -8.75f, 7.25f};
// With importance: a denser search (llama.cpp's own importance path is far slower).
constexpr float kDivisorsW[] = {-8.0f, -7.5f, -7.75f, -8.25f, -8.5f, -8.75f, -9.0f, -9.5f, -10.0f, 7.0f, 7.25f, 7.5f, 7.75f, 8.0f};

struct Kernel : legacy::UniformCode<8> {
    using Block = BlockQ4_0;
    static constexpr GgmlType kType = GgmlType::Q4_0;
    static constexpr uint32_t kFileType = 2;  // LLAMA_FTYPE_MOSTLY_Q4_0
    template <class V>
    static void search(const V* x, const V* w, V* L, V& d, V& m)
    {
        (void)m;
        d = w ? legacy::searchSymmetric<V, false>(x, w, legacy::UniformLevels{-8.0f, 7.0f}, kDivisorsW, int(std::size(kDivisorsW)), 2, L)
              : legacy::searchSymmetric<V, false>(x, w, legacy::UniformLevels{-8.0f, 7.0f}, kDivisors, int(std::size(kDivisors)), 1, L);
    }
    static void decode(const Block& b, float* y)
    {
        const float d = fp16ToFp32(b.d);
        for (int j = 0; j < 16; ++j) {
            y[j] = float((b.qs[j] & 0x0F) - 8) * d;
            y[j + 16] = float((b.qs[j] >> 4) - 8) * d;
        }
    }
};

}  // namespace

QS_LEGACY_FORMAT(formatQ4_0, Kernel,
                 QT_TRANSLATE_NOOP("qs::formats", "llama.cpp Q4_0: 32-weight blocks, fp16 scale, 4-bit levels (4.5 bits/weight)"))

}  // namespace qs
