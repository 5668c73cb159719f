// Q8_0 (llama.cpp): blocks of 32 weights, an fp16 scale d and int8 levels q in -127..127;
// weight = q * d.
#include "core/formats/blocks.h"
#include "core/formats/legacy_kernels.h"

namespace qs {
namespace {

// Scale candidates d = max / k: llama.cpp's reference choice (|max| on level 127) first.
// (-128 is never used: llama.cpp's int8 dot products assume |q| <= 127.)
constexpr float kDivisors[] = {127.0f, 127.5f, 126.5f};
// With importance: a denser search (llama.cpp's own importance path is far slower).
constexpr float kDivisorsW[] = {127.0f, 127.25f, 127.5f, 126.5f, 126.75f, 128.0f};

struct Kernel : legacy::UniformCode<0> {
    using Block = BlockQ8_0;
    static constexpr GgmlType kType = GgmlType::Q8_0;
    static constexpr uint32_t kFileType = 7;  // LLAMA_FTYPE_MOSTLY_Q8_0
    template <class V>
    static void search(const V* x, const V* w, V* L, V& d, V& m)
    {
        (void)m;
        d = w ? legacy::searchSymmetric<V, true>(x, w, legacy::UniformLevels{-127.0f, 127.0f}, kDivisorsW, int(std::size(kDivisorsW)), 2, L)
              : legacy::searchSymmetric<V, true>(x, w, legacy::UniformLevels{-127.0f, 127.0f}, kDivisors, int(std::size(kDivisors)), 2, L);
    }
    static void decode(const Block& b, float* y)
    {
        const float d = fp16ToFp32(b.d);
        for (int j = 0; j < 32; ++j)
            y[j] = float(b.qs[j]) * d;
    }
};

}  // namespace

QS_LEGACY_FORMAT(formatQ8_0, Kernel,
                 QT_TRANSLATE_NOOP("qs::formats", "llama.cpp Q8_0: 32-weight blocks, fp16 scale, int8 levels (8.5 bits/weight)"))

}  // namespace qs
