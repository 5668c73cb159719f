// Q3_K: 256 weights in 110 bytes (3.4375 bits/weight). 16 sub-blocks of 16 weights with signed 6-bit
// scales; 3-bit levels stored as 2 low bits (qs) + 1 high bit (hmask), biased by 4.
// y = (d*scale)*(level - 4), bit-exact with llama.cpp's dequantize_row_q3_K.
#include "core/formats/blocks.h"
#include "core/formats/kquant_common.h"

namespace qs {
namespace {

struct Q3K {
    using Block = BlockQ3K;
    static constexpr GgmlType kType = GgmlType::Q3_K;
    static constexpr uint32_t kFileType = 12;  // LLAMA_FTYPE_MOSTLY_Q3_K_M (what llama.cpp guesses for mostly Q3_K)
    static constexpr std::optional<GgmlType> kFallback = GgmlType::Q4_0;
    static constexpr int kSubLength = 16, kScaleBits = 6, kCodeMax = 7, kOffset = 4;
    static constexpr bool kMins = false;
    static constexpr kq::SymParams kParams{4, -32, 31};
    static constexpr float kGrid[] = {-4.0f, -3.7f, -3.4f, -3.1f, -4.3f, -4.6f, 3.0f, 3.3f, 3.6f, 2.7f};
    static constexpr float kGridImp[] = {-4.0f, -3.9f, -3.8f, -3.7f, -3.6f, -3.5f, -3.4f, -3.3f, -3.2f, -3.1f, -3.0f,
                                         -2.8f, -4.1f, -4.2f, -4.3f, -4.4f, -4.5f, -4.6f, -4.7f, -4.8f, -4.9f, -5.0f,
                                         3.0f, 3.1f, 3.2f, 3.3f, 3.4f, 3.5f, 3.6f, 2.9f, 2.8f, 2.7f, 2.6f};

    template <class V>
    static void encode(const float* x, const float* imp, Block& b)
    {
        kq::SymResult r;
        kq::quantizeSymSuper<V>(x, imp, kParams, kGrid, int(std::size(kGrid)), kGridImp, int(std::size(kGridImp)), r);
        b.d = fp32ToFp16(r.d);
        kq::packScale6Q3(r.sc, b.scales);
        uint8_t u[256];  // unsigned levels 0..7
        for (int i = 0; i < 256; ++i)
            u[i] = uint8_t(r.L[i] + 4);
        for (int l = 0; l < 32; ++l) {
            int mask = 0;
            for (int k = 0; k < 8; ++k)
                mask |= (u[32 * k + l] >> 2) << k;
            b.hmask[l] = uint8_t(mask);
        }
        for (int h = 0; h < 2; ++h)
            for (int l = 0; l < 32; ++l) {
                int byte = 0;
                for (int j = 0; j < 4; ++j)
                    byte |= (u[128 * h + 32 * j + l] & 3) << (2 * j);
                b.qs[32 * h + l] = uint8_t(byte);
            }
    }

    static void decode(const Block& b, float* y)
    {
        const float d = fp16ToFp32(b.d);
        for (int h = 0; h < 2; ++h)
            for (int j = 0; j < 4; ++j) {
                const int bit = 1 << (4 * h + j);
                for (int half = 0; half < 2; ++half) {
                    const float dl = d * float(kq::unpackScale6Q3(b.scales, 8 * h + 2 * j + half));
                    for (int l = 16 * half; l < 16 * half + 16; ++l) {
                        const int q = ((b.qs[32 * h + l] >> (2 * j)) & 3) - ((b.hmask[l] & bit) ? 0 : 4);
                        y[128 * h + 32 * j + l] = dl * float(q);
                    }
                }
            }
    }

    static void unpack(const Block& b, kq::Unpacked& o)
    {
        o.d = fp16ToFp32(b.d);
        for (int j = 0; j < 16; ++j)
            o.sc[j] = kq::unpackScale6Q3(b.scales, j);
        for (int i = 0; i < kq::kSuper; ++i) {
            const int h = i / 128, j = (i % 128) / 32, l = i % 32;
            const int lo = (b.qs[32 * h + l] >> (2 * j)) & 3;
            const int hi = (b.hmask[l] >> (i / 32)) & 1;
            o.codes[i] = lo | (hi << 2);
        }
    }
};

}  // namespace

QS_KQUANT_FORMAT(formatQ3_K, Q3K,
                 QT_TRANSLATE_NOOP("qs::formats", "llama.cpp 3-bit K-quant: 256-weight super-blocks, 6-bit scales per 16 (3.44 bpw)"))

}  // namespace qs
