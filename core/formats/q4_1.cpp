// Q4_1 (llama.cpp): blocks of 32 weights, fp16 scale d and fp16 min m, 4-bit levels q in 0..15;
// weight = q * d + m. Nibble j holds weight j (low) and weight j + 16 (high).
#include "core/formats/block_format.h"
#include "core/formats/legacy_kernels.h"
#include "core/formats/registry_list.h"

namespace qs {
namespace {

struct BlockQ4_1 {
    uint16_t d;
    uint16_t m;
    uint8_t qs[16];
};
static_assert(sizeof(BlockQ4_1) == 20, "Q4_1 block is 20 bytes");

// Scale search (see legacy_kernels.h): llama.cpp's reference choice m = min, d = (max - min) / 15
// first, with the weighted least-squares (d, m) of its levels. With importance, a dense search:
// min-anchored candidates d = (max - min) / k for the k below and, for each pair divisor, both the
// min-anchored and the max-anchored candidate; each with its least-squares fit, then refinement.
// (llama.cpp's own importance path is far slower.)
constexpr float kDivisors[] = {15.0f};
constexpr float kDivisorsW[] = {15.0f, 14.1f, 14.2f, 14.3f, 14.4f, 14.5f, 14.6f, 14.7f, 14.8f, 14.9f, 15.1f, 15.2f, 15.3f, 15.4f, 15.5f, 15.6f, 15.7f, 15.8f, 15.9f, 16.5f, 17.0f, 18.0f};
constexpr float kPairDivisorsW[] = {15.25f, 15.5f, 16.0f, 17.0f, 18.0f};

struct Kernel : legacy::UniformCode<0> {
    static constexpr size_t kBlockBytes = sizeof(BlockQ4_1);
    template <class V>
    static void search(const V* x, const V* w, V* L, V& d, V& m)
    {
        if (w)
            legacy::searchAsymmetric(x, w, 15.0f, kDivisorsW, int(std::size(kDivisorsW)), kPairDivisorsW,
                                     int(std::size(kPairDivisorsW)), 3, L, d, m);
        else
            legacy::searchAsymmetric(x, w, 15.0f, kDivisors, 1, nullptr, 0, 0, L, d, m);
    }
    static void pack(unsigned char* out, float d, float m, const uint8_t* q)
    {
        // Fields written in place (offsets of BlockQ4_1).
        legacy::storeHalf(out + offsetof(BlockQ4_1, d), d);
        legacy::storeHalf(out + offsetof(BlockQ4_1, m), m);
        legacy::packNibbles(q, out + offsetof(BlockQ4_1, qs));
    }
};

class Q4_1Format : public BlockFormat {
public:
    Q4_1Format() : BlockFormat(GgmlType::Q4_1) {}
    std::string description() const override
    {
        return "llama.cpp Q4_1: 32-weight blocks, fp16 scale and min, 4-bit levels (5 bits/weight)";
    }
    void quantizeRow(const float* x, void* dst, int64_t n, const float* importance) const override
    {
        legacy::quantizeRowFast<Kernel>(x, dst, n, importance);
    }
    void quantizeRowReference(const float* x, void* dst, int64_t n, const float* importance) const override
    {
        legacy::quantizeRowReference<Kernel>(x, dst, n, importance);
    }
    void dequantizeRow(const void* src, float* y, int64_t n) const override
    {
        const auto* in = static_cast<const unsigned char*>(src);
        for (int64_t b = 0; b < n / legacy::QK; ++b, y += legacy::QK) {
            BlockQ4_1 blk;
            std::memcpy(&blk, in + b * sizeof(BlockQ4_1), sizeof(BlockQ4_1));
            const float d = fp16ToFp32(blk.d), m = fp16ToFp32(blk.m);
            for (int j = 0; j < 16; ++j) {
                y[j] = float(blk.qs[j] & 0x0F) * d + m;
                y[j + 16] = float(blk.qs[j] >> 4) * d + m;
            }
        }
    }
};

}  // namespace

const Format& formatQ4_1()
{
    static const Q4_1Format f;
    return f;
}

}  // namespace qs
