// Q5_0 (llama.cpp): blocks of 32 weights, an fp16 scale d and 5-bit levels q in 0..31;
// weight = (q - 16) * d. Low 4 bits as in Q4_0 (nibble j: weight j low, weight j + 16 high),
// fifth bit of weight j in bit j of the little-endian 32-bit qh.
#include "core/formats/block_format.h"
#include "core/formats/legacy_kernels.h"
#include "core/formats/registry_list.h"

namespace qs {
namespace {

struct BlockQ5_0 {
    uint16_t d;
    uint8_t qh[4];
    uint8_t qs[16];
};
static_assert(sizeof(BlockQ5_0) == 22, "Q5_0 block is 22 bytes");

// Scale candidates d = max / k: llama.cpp's reference choice first (max on level -16).
constexpr float kDivisors[] = {-16.0f, -16.75f, 15.25f};
// With importance: a denser search (llama.cpp's own importance path is far slower).
constexpr float kDivisorsW[] = {-16.0f, -15.5f, -16.25f, -16.5f, -16.75f, -17.0f, -17.5f, -18.0f, 15.0f, 15.25f, 15.5f, 16.0f, 16.5f};

struct Kernel : legacy::UniformCode<16> {
    static constexpr size_t kBlockBytes = sizeof(BlockQ5_0);
    template <class V>
    static void search(const V* x, const V* w, V* L, V& d, V& m)
    {
        (void)m;
        d = w ? legacy::searchSymmetric<V, false>(x, w, legacy::UniformLevels{-16.0f, 15.0f}, kDivisorsW, int(std::size(kDivisorsW)), 2, L)
              : legacy::searchSymmetric<V, false>(x, w, legacy::UniformLevels{-16.0f, 15.0f}, kDivisors, int(std::size(kDivisors)), 1, L);
    }
    static void pack(unsigned char* out, float d, float m, const uint8_t* q)
    {
        // Fields written in place (offsets of BlockQ5_0).
        (void)m;
        legacy::storeHalf(out + offsetof(BlockQ5_0, d), d);
        legacy::packFifthBits(q, out + offsetof(BlockQ5_0, qh));
        legacy::packNibbles(q, out + offsetof(BlockQ5_0, qs));
    }
};

class Q5_0Format : public BlockFormat {
public:
    Q5_0Format() : BlockFormat(GgmlType::Q5_0) {}
    std::string description() const override
    {
        return "llama.cpp Q5_0: 32-weight blocks, fp16 scale, 5-bit levels (5.5 bits/weight)";
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
            BlockQ5_0 blk;
            std::memcpy(&blk, in + b * sizeof(BlockQ5_0), sizeof(BlockQ5_0));
            const float d = fp16ToFp32(blk.d);
            const uint32_t qh = uint32_t(blk.qh[0]) | uint32_t(blk.qh[1]) << 8 | uint32_t(blk.qh[2]) << 16 |
                                uint32_t(blk.qh[3]) << 24;
            for (int j = 0; j < 16; ++j) {
                const int q0 = int((blk.qs[j] & 0x0F) | (((qh >> j) & 1u) << 4));
                const int q1 = int((blk.qs[j] >> 4) | (((qh >> (j + 16)) & 1u) << 4));
                y[j] = float(q0 - 16) * d;
                y[j + 16] = float(q1 - 16) * d;
            }
        }
    }
};

}  // namespace

const Format& formatQ5_0()
{
    static const Q5_0Format f;
    return f;
}

}  // namespace qs
