// Q4_0 (llama.cpp): blocks of 32 weights, an fp16 scale d and 4-bit levels q in 0..15;
// weight = (q - 8) * d. Nibble j holds weight j (low) and weight j + 16 (high).
#include "core/formats/block_format.h"
#include "core/formats/legacy_kernels.h"
#include "core/formats/registry_list.h"

namespace qs {
namespace {

struct BlockQ4_0 {
    uint16_t d;
    uint8_t qs[16];
};
static_assert(sizeof(BlockQ4_0) == 18, "Q4_0 block is 18 bytes");

// Scale candidates d = max / k. First llama.cpp's reference choice (the largest-magnitude weight
// on level -8), then smaller/larger scales on that side and the other side (max on level +7).
constexpr float kDivisors[] = {-8.0f, -8.75f, 7.25f};
// With importance: a denser search (llama.cpp's own importance path is far slower).
constexpr float kDivisorsW[] = {-8.0f, -7.5f, -7.75f, -8.25f, -8.5f, -8.75f, -9.0f, -9.5f, -10.0f, 7.0f, 7.25f, 7.5f, 7.75f, 8.0f};

struct Kernel : legacy::UniformCode<8> {
    static constexpr size_t kBlockBytes = sizeof(BlockQ4_0);
    template <class V>
    static void search(const V* x, const V* w, V* L, V& d, V& m)
    {
        (void)m;
        d = w ? legacy::searchSymmetric<V, false>(x, w, legacy::UniformLevels{-8.0f, 7.0f}, kDivisorsW, int(std::size(kDivisorsW)), 2, L)
              : legacy::searchSymmetric<V, false>(x, w, legacy::UniformLevels{-8.0f, 7.0f}, kDivisors, int(std::size(kDivisors)), 1, L);
    }
    static void pack(unsigned char* out, float d, float m, const uint8_t* q)
    {
        // Fields written in place (offsets of BlockQ4_0).
        (void)m;
        legacy::storeHalf(out + offsetof(BlockQ4_0, d), d);
        legacy::packNibbles(q, out + offsetof(BlockQ4_0, qs));
    }
};

class Q4_0Format : public BlockFormat {
public:
    Q4_0Format() : BlockFormat(GgmlType::Q4_0) {}
    std::string description() const override
    {
        return "llama.cpp Q4_0: 32-weight blocks, fp16 scale, 4-bit levels (4.5 bits/weight)";
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
            BlockQ4_0 blk;
            std::memcpy(&blk, in + b * sizeof(BlockQ4_0), sizeof(BlockQ4_0));
            const float d = fp16ToFp32(blk.d);
            for (int j = 0; j < 16; ++j) {
                y[j] = float((blk.qs[j] & 0x0F) - 8) * d;
                y[j + 16] = float((blk.qs[j] >> 4) - 8) * d;
            }
        }
    }
};

}  // namespace

const Format& formatQ4_0()
{
    static const Q4_0Format f;
    return f;
}

}  // namespace qs
