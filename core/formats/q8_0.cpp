// Q8_0 (llama.cpp): blocks of 32 weights, an fp16 scale d and int8 levels q in -127..127;
// weight = q * d.
#include "core/formats/block_format.h"
#include "core/formats/legacy_kernels.h"
#include "core/formats/registry_list.h"

namespace qs {
namespace {

struct BlockQ8_0 {
    uint16_t d;
    int8_t qs[32];
};
static_assert(sizeof(BlockQ8_0) == 34, "Q8_0 block is 34 bytes");

// Scale candidates d = max / k: llama.cpp's reference choice (|max| on level 127) first.
// (-128 is never used: llama.cpp's int8 dot products assume |q| <= 127.)
constexpr float kDivisors[] = {127.0f, 127.5f, 126.5f};
// With importance: a denser search (llama.cpp's own importance path is far slower).
constexpr float kDivisorsW[] = {127.0f, 127.25f, 127.5f, 126.5f, 126.75f, 128.0f};

struct Kernel : legacy::UniformCode<0> {
    static constexpr size_t kBlockBytes = sizeof(BlockQ8_0);
    template <class V>
    static void search(const V* x, const V* w, V* L, V& d, V& m)
    {
        (void)m;
        d = w ? legacy::searchSymmetric<V, true>(x, w, legacy::UniformLevels{-127.0f, 127.0f}, kDivisorsW, int(std::size(kDivisorsW)), 2, L)
              : legacy::searchSymmetric<V, true>(x, w, legacy::UniformLevels{-127.0f, 127.0f}, kDivisors, int(std::size(kDivisors)), 2, L);
    }
    static void pack(unsigned char* out, float d, float m, const uint8_t* q)
    {
        // Fields written in place (offsets of BlockQ8_0); codes are the int8 levels' bytes.
        (void)m;
        legacy::storeHalf(out + offsetof(BlockQ8_0, d), d);
        std::memcpy(out + offsetof(BlockQ8_0, qs), q, 32);
    }
};

class Q8_0Format : public BlockFormat {
public:
    Q8_0Format() : BlockFormat(GgmlType::Q8_0) {}
    std::string description() const override
    {
        return "llama.cpp Q8_0: 32-weight blocks, fp16 scale, int8 levels (8.5 bits/weight)";
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
            BlockQ8_0 blk;
            std::memcpy(&blk, in + b * sizeof(BlockQ8_0), sizeof(BlockQ8_0));
            const float d = fp16ToFp32(blk.d);
            for (int j = 0; j < 32; ++j)
                y[j] = float(blk.qs[j]) * d;
        }
    }
};

}  // namespace

const Format& formatQ8_0()
{
    static const Q8_0Format f;
    return f;
}

}  // namespace qs
