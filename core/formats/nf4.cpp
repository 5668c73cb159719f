// NF4: 4-bit NormalFloat (QLoRA, Dettmers et al. 2023), as in bitsandbytes: 16 fixed levels in
// [-1, 1] (quantiles of a normal distribution, with an exact 0), scaled per block of 64 weights by
// the block's absmax.
//
// Quantization: t = x * (1 / absmax) (in float); the code is the nearest level, decided by the 15
// midpoints between adjacent levels (computed in float): code = number of midpoints m with
// t > m, so a tie goes to the lower level. absmax ignores NaN/Inf; NaN is stored as the 0 level,
// +-Inf saturate to +-1. An all-zero block has absmax 0 and decodes to zeros. Importance weights
// are accepted and ignored (absmax scaling has no free parameter to tune).
// Dequantization: x' = level[code] * absmax.
//
// Byte layout of a rows x cols tensor (cols a multiple of 64), two sections:
//   1. codes: rows * cols / 2 bytes, row-major, two codes per byte, the first weight in the low
//      nibble (bitsandbytes puts it in the high nibble: this is our own layout).
//   2. absmax: one little-endian float32 per block of 64 weights, row-major.
// Storage: 4 + 32/64 = 4.5 bits per weight (no double quantization of the absmax values).
#include "core/formats/format.h"
#include "core/formats/inspect.h"
#include "core/util/parallel.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstring>
#include <limits>

namespace qs {
namespace {

// The 16 NF4 levels (bitsandbytes' NF4 code table, float32 values).
const std::array<float, 16>& nf4Levels()
{
    static const std::array<float, 16> v{
        -1.0f, -0.6961928009986877f, -0.5250730514526367f, -0.39491748809814453f,
        -0.28444138169288635f, -0.18477343022823334f, -0.09105003625154495f, 0.0f,
        0.07958029955625534f, 0.16093020141124725f, 0.24611230194568634f, 0.33791524171829224f,
        0.44070982933044434f, 0.5626170039176941f, 0.7229568362236023f, 1.0f};
    return v;
}

constexpr int64_t kBlock = 64;

inline bool finite(float x) { return x >= -std::numeric_limits<float>::max() && x <= std::numeric_limits<float>::max(); }

const std::array<float, 15>& midpoints()
{
    static const std::array<float, 15> m = [] {
        std::array<float, 15> r{};
        for (size_t k = 0; k < 15; ++k)
            r[k] = (nf4Levels()[k] + nf4Levels()[k + 1]) * 0.5f;
        return r;
    }();
    return m;
}

class Nf4Format : public Format {
public:
    std::string name() const override { return "NF4"; }
    std::string description() const override
    {
        return QT_TRANSLATE_NOOP("qs::formats", "4-bit NormalFloat (bitsandbytes levels), fp32 absmax per 64 weights; importance ignored");
    }
    FormatFamily family() const override { return FormatFamily::Int; }
    int64_t blockSize() const override { return kBlock; }
    uint64_t storageBytes(int64_t rows, int64_t cols) const override
    {
        const uint64_t n = uint64_t(rows) * uint64_t(cols);
        return n / 2 + 4 * (n / kBlock);
    }

    // Block inspector: one 64-weight block of a row (the row alone is quantized).
    int inspectLength() const override { return kBlock; }
    void inspectDecode(const unsigned char* bytes, int64_t, int64_t cols, int64_t, int64_t block,
                       BlockInspection& r) const override
    {
        for (int j = 0; j < r.length; ++j) {
            const int64_t i = r.col0 + j;
            const uint8_t b = bytes[size_t(i / 2)];
            r.codes[size_t(j)] = (i % 2) ? (b >> 4) : (b & 0xF);
        }
        float amax;
        std::memcpy(&amax, bytes + uint64_t(cols) / 2 + 4 * block, 4);
        r.scale = amax;
        r.kind = BlockInspection::Kind::Nf4;
        r.table.assign(nf4Levels().begin(), nf4Levels().end());
        setLevels(r, 0, 15, [&](int c) { return nf4Levels()[size_t(c)] * amax; });
    }

    void quantize(const float* src, int64_t rows, int64_t cols, void* dst, const float*) const override
    {
        const int64_t blocks = rows * cols / kBlock;
        auto* codes = static_cast<unsigned char*>(dst);
        unsigned char* scales = codes + rows * cols / 2;
        const auto& mid = midpoints();
        parallelFor(blocks, 256, [&](int64_t b, int64_t e) {
            for (int64_t blk = b; blk < e; ++blk) {
                const float* x = src + blk * kBlock;
                float amax = 0;
                for (int64_t i = 0; i < kBlock; ++i) {
                    const float v = finite(x[i]) ? x[i] : 0.0f;
                    amax = std::max(amax, std::fabs(v));
                }
                const float id = amax > 0 ? 1.0f / amax : 0.0f;
                float t[kBlock];
                for (int64_t i = 0; i < kBlock; ++i) {
                    const float v = x[i] * id;
                    t[i] = v == v ? v : 0.0f;
                }
                uint8_t q[kBlock] = {};
                for (size_t k = 0; k < 15; ++k) {  // count midpoints below t, 64 lanes at a time
                    const float m = mid[k];
                    for (int64_t i = 0; i < kBlock; ++i)
                        q[i] = uint8_t(q[i] + (t[i] > m ? 1 : 0));
                }
                unsigned char* out = codes + blk * (kBlock / 2);
                for (int64_t j = 0; j < kBlock / 2; ++j)
                    out[j] = uint8_t(q[2 * j] | (q[2 * j + 1] << 4));
                std::memcpy(scales + 4 * blk, &amax, 4);
            }
        });
    }

    // Pieces: the blocks of 64 (32 bytes of codes, then the fp32 absmax).
    int64_t pieceLength(int64_t) const override { return kBlock; }
    void quantizePieces(const float* x, int64_t n, int64_t, const float*, int64_t, void* pieces) const override
    {
        auto* out = static_cast<unsigned char*>(pieces);
        for (int64_t b = 0; b < n; ++b)  // each block as a 1 x 64 tensor
            quantize(x + b * kBlock, 1, kBlock, out + b * (kBlock / 2 + 4), nullptr);
    }
    void assemblePieces(const void* pieces, int64_t rows, int64_t cols, void* dst) const override
    {
        const int64_t blocks = rows * cols / kBlock;
        const auto* in = static_cast<const unsigned char*>(pieces);
        auto* out = static_cast<unsigned char*>(dst);
        for (int64_t b = 0; b < blocks; ++b) {
            std::memcpy(out + b * (kBlock / 2), in + b * (kBlock / 2 + 4), kBlock / 2);
            std::memcpy(out + blocks * (kBlock / 2) + 4 * b, in + b * (kBlock / 2 + 4) + kBlock / 2, 4);
        }
    }

    void quantizeReference(const float* src, int64_t rows, int64_t cols, void* dst, const float*) const override
    {
        const int64_t n = rows * cols;
        auto* codes = static_cast<unsigned char*>(dst);
        unsigned char* scales = codes + n / 2;
        std::memset(codes, 0, size_t(n / 2));
        const auto& mid = midpoints();
        for (int64_t blk = 0; blk < n / kBlock; ++blk) {
            float amax = 0;
            for (int64_t i = blk * kBlock; i < (blk + 1) * kBlock; ++i)
                if (finite(src[i]) && std::fabs(src[i]) > amax)
                    amax = std::fabs(src[i]);
            const float id = amax > 0 ? 1.0f / amax : 0.0f;
            for (int64_t i = blk * kBlock; i < (blk + 1) * kBlock; ++i) {
                float t = src[i] * id;
                if (std::isnan(t))
                    t = 0.0f;
                // Binary search for the first midpoint >= t: that many midpoints are < t.
                const int c = int(std::lower_bound(mid.begin(), mid.end(), t) - mid.begin());
                codes[i / 2] = uint8_t(codes[i / 2] | (c << (4 * (i % 2))));
            }
            std::memcpy(scales + 4 * blk, &amax, 4);
        }
    }

    void dequantize(const void* src, int64_t rows, int64_t cols, float* dst) const override
    {
        const int64_t blocks = rows * cols / kBlock;
        const auto* codes = static_cast<const unsigned char*>(src);
        const unsigned char* scales = codes + rows * cols / 2;
        const auto& lv = nf4Levels();
        parallelFor(blocks, 1024, [&](int64_t b, int64_t e) { decodeBlocks(codes, scales, lv, b, e, dst + b * kBlock); });
    }
    void dequantizeRows(const void* src, int64_t rows, int64_t cols, int64_t r0, int64_t r1, float* dst) const override
    {
        const auto* codes = static_cast<const unsigned char*>(src);
        decodeBlocks(codes, codes + rows * cols / 2, nf4Levels(), r0 * cols / kBlock, r1 * cols / kBlock, dst);
    }

private:
    static void decodeBlocks(const unsigned char* codes, const unsigned char* scales, const std::array<float, 16>& lv,
                             int64_t b, int64_t e, float* y)
    {
        for (int64_t blk = b; blk < e; ++blk, y += kBlock) {
            float d;
            std::memcpy(&d, scales + 4 * blk, 4);
            const unsigned char* in = codes + blk * (kBlock / 2);
            for (int64_t j = 0; j < kBlock / 2; ++j) {
                y[2 * j] = lv[in[j] & 0xF] * d;
                y[2 * j + 1] = lv[in[j] >> 4] * d;
            }
        }
    }
};

}  // namespace

const Format& formatNF4()
{
    static const Nf4Format f;
    return f;
}

}  // namespace qs
