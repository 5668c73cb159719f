// Q5_1 (llama.cpp): blocks of 32 weights, fp16 scale d and fp16 min m, 5-bit levels q in 0..31;
// weight = q * d + m. Low 4 bits as in Q4_1, fifth bit of weight j in bit j of the
// little-endian 32-bit qh.
#include "core/formats/blocks.h"
#include "core/formats/legacy_kernels.h"

namespace qs {
namespace {

// Scale search (see legacy_kernels.h): llama.cpp's reference choice m = min, d = (max - min) / 31
// first, with the weighted least-squares (d, m) of its levels; and the pair of min- and max-anchored
// candidates with d = (max - min) / 31.5. With importance, a dense search:
// min-anchored candidates d = (max - min) / k for the k below and, for each pair divisor, both the
// min-anchored and the max-anchored candidate; each with its least-squares fit, then refinement.
// (llama.cpp's own importance path is far slower.)
constexpr float kDivisors[] = {31.0f};
constexpr float kPairDivisors[] = {31.5f};
constexpr float kDivisorsW[] = {31.0f, 30.1f, 30.2f, 30.3f, 30.4f, 30.5f, 30.6f, 30.7f, 30.8f, 30.9f, 31.1f, 31.2f, 31.3f, 31.4f, 31.5f, 31.6f, 31.7f, 31.8f, 31.9f, 32.5f, 33.0f, 34.0f};
constexpr float kPairDivisorsW[] = {31.25f, 31.5f, 32.0f, 33.0f, 34.0f};

struct Kernel : legacy::UniformCode<0> {
    using Block = BlockQ5_1;
    static constexpr GgmlType kType = GgmlType::Q5_1;
    static constexpr uint32_t kFileType = 9;  // LLAMA_FTYPE_MOSTLY_Q5_1
    template <class V>
    static void search(const V* x, const V* w, V* L, V& d, V& m)
    {
        if (w)
            legacy::searchAsymmetric(x, w, 31.0f, kDivisorsW, int(std::size(kDivisorsW)), kPairDivisorsW,
                                     int(std::size(kPairDivisorsW)), 3, L, d, m);
        else
            legacy::searchAsymmetric(x, w, 31.0f, kDivisors, 1, kPairDivisors, 1, 0, L, d, m);
    }
    static void decode(const Block& b, float* y)
    {
        const float d = fp16ToFp32(b.d), m = fp16ToFp32(b.m);
        const uint32_t qh = uint32_t(b.qh[0]) | uint32_t(b.qh[1]) << 8 | uint32_t(b.qh[2]) << 16 |
                            uint32_t(b.qh[3]) << 24;
        for (int j = 0; j < 16; ++j) {
            const uint32_t q0 = (b.qs[j] & 0x0Fu) | (((qh >> j) & 1u) << 4);
            const uint32_t q1 = (b.qs[j] >> 4) | (((qh >> (j + 16)) & 1u) << 4);
            y[j] = float(q0) * d + m;
            y[j + 16] = float(q1) * d + m;
        }
    }
};

}  // namespace

QS_LEGACY_FORMAT(formatQ5_1, Kernel,
                 QT_TRANSLATE_NOOP("qs::formats", "llama.cpp Q5_1: 32-weight blocks, fp16 scale and min, 5-bit levels (6 bits/weight)"))

}  // namespace qs
