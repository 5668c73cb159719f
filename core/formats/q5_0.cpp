// Q5_0 (llama.cpp): blocks of 32 weights, an fp16 scale d and 5-bit levels q in 0..31;
// weight = (q - 16) * d. Low 4 bits as in Q4_0 (nibble j: weight j low, weight j + 16 high),
// fifth bit of weight j in bit j of the little-endian 32-bit qh.
#include "core/formats/blocks.h"
#include "core/formats/legacy_kernels.h"

namespace qs {
namespace {

// Scale candidates d = max / k: llama.cpp's reference choice first (max on level -16).
constexpr float kDivisors[] = {-16.0f, -16.75f, 15.25f};
// With importance: a denser search (llama.cpp's own importance path is far slower).
constexpr float kDivisorsW[] = {-16.0f, -15.5f, -16.25f, -16.5f, -16.75f, -17.0f, -17.5f, -18.0f, 15.0f, 15.25f, 15.5f, 16.0f, 16.5f};

struct Kernel : legacy::UniformCode<16> {
    using Block = BlockQ5_0;
    static constexpr GgmlType kType = GgmlType::Q5_0;
    static constexpr uint32_t kFileType = 8;  // LLAMA_FTYPE_MOSTLY_Q5_0
    template <class V>
    static void search(const V* x, const V* w, V* L, V& d, V& m)
    {
        (void)m;
        d = w ? legacy::searchSymmetric<V, false>(x, w, legacy::UniformLevels{-16.0f, 15.0f}, kDivisorsW, int(std::size(kDivisorsW)), 2, L)
              : legacy::searchSymmetric<V, false>(x, w, legacy::UniformLevels{-16.0f, 15.0f}, kDivisors, int(std::size(kDivisors)), 1, L);
    }
    static void decode(const Block& b, float* y)
    {
        const float d = fp16ToFp32(b.d);
        const uint32_t qh = uint32_t(b.qh[0]) | uint32_t(b.qh[1]) << 8 | uint32_t(b.qh[2]) << 16 |
                            uint32_t(b.qh[3]) << 24;
        for (int j = 0; j < 16; ++j) {
            const int q0 = int((b.qs[j] & 0x0F) | (((qh >> j) & 1u) << 4));
            const int q1 = int((b.qs[j] >> 4) | (((qh >> (j + 16)) & 1u) << 4));
            y[j] = float(q0 - 16) * d;
            y[j + 16] = float(q1 - 16) * d;
        }
    }
};

}  // namespace

QS_LEGACY_FORMAT(formatQ5_0, Kernel,
                 QT_TRANSLATE_NOOP("qs::formats", "llama.cpp Q5_0: 32-weight blocks, fp16 scale, 5-bit levels (5.5 bits/weight)"))

}  // namespace qs
