// Q4_1 (llama.cpp): blocks of 32 weights, fp16 scale d and fp16 min m, 4-bit levels q in 0..15;
// weight = q * d + m. Nibble j holds weight j (low) and weight j + 16 (high).
#include "core/formats/blocks.h"
#include "core/formats/legacy_kernels.h"

namespace qs {
namespace {

// Scale search (see legacy_kernels.h): llama.cpp's reference choice m = min, d = (max - min) / 15
// first, with the weighted least-squares (d, m) of its levels. With importance, a dense search:
// min-anchored candidates d = (max - min) / k for the k below and, for each pair divisor, both the
// min-anchored and the max-anchored candidate; each with its least-squares fit, then refinement.
// (llama.cpp's own importance path is far slower.)
constexpr float kDivisors[] = {15.0f};
constexpr float kDivisorsW[] = {15.0f, 14.1f, 14.2f, 14.3f, 14.4f, 14.5f, 14.6f, 14.7f, 14.8f, 14.9f, 15.1f, 15.2f, 15.3f, 15.4f, 15.5f, 15.6f, 15.7f, 15.8f, 15.9f, 16.5f, 17.0f, 18.0f};
constexpr float kPairDivisorsW[] = {15.25f, 15.5f, 16.0f, 17.0f, 18.0f};

struct Kernel : legacy::UniformCode<0> {
    using Block = BlockQ4_1;
    static constexpr GgmlType kType = GgmlType::Q4_1;
    static constexpr uint32_t kFileType = 3;  // LLAMA_FTYPE_MOSTLY_Q4_1
    template <class V>
    static void search(const V* x, const V* w, V* L, V& d, V& m)
    {
        if (w)
            legacy::searchAsymmetric(x, w, 15.0f, kDivisorsW, int(std::size(kDivisorsW)), kPairDivisorsW,
                                     int(std::size(kPairDivisorsW)), 3, L, d, m);
        else
            legacy::searchAsymmetric(x, w, 15.0f, kDivisors, 1, nullptr, 0, 0, L, d, m);
    }
    static void decode(const Block& b, float* y)
    {
        const float d = fp16ToFp32(b.d), m = fp16ToFp32(b.m);
        for (int j = 0; j < 16; ++j) {
            y[j] = float(b.qs[j] & 0x0F) * d + m;
            y[j + 16] = float(b.qs[j] >> 4) * d + m;
        }
    }
};

}  // namespace

QS_LEGACY_FORMAT(formatQ4_1, Kernel,
                 QT_TRANSLATE_NOOP("qs::formats", "llama.cpp Q4_1: 32-weight blocks, fp16 scale and min, 4-bit levels (5 bits/weight)"))

}  // namespace qs
