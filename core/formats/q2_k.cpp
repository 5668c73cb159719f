// Q2_K: 256 weights in 84 bytes (2.625 bits/weight). 16 sub-blocks of 16 weights, each with a 4-bit
// scale and 4-bit min relative to the fp16 d and dmin; 2-bit levels.
// y = (d*sc)*q - (dmin*m), bit-exact with llama.cpp's dequantize_row_q2_K.
#include "core/formats/blocks.h"
#include "core/formats/kquant_common.h"

namespace qs {
namespace {

struct Q2K {
    using Block = BlockQ2K;
    static constexpr GgmlType kType = GgmlType::Q2_K;
    static constexpr uint32_t kFileType = 10;  // LLAMA_FTYPE_MOSTLY_Q2_K
    static constexpr std::optional<GgmlType> kFallback = GgmlType::Q4_0;
    static constexpr int kSubLength = 16, kScaleBits = 4, kCodeMax = 3, kOffset = 0;
    static constexpr bool kMins = true;
    static constexpr kq::AsymParams kParams{3, 15, -0.5f, 0.1f, 15, true, false};

    template <class V>
    static void encode(const float* x, const float* imp, Block& b)
    {
        kq::AsymResult r;
        kq::quantizeAsymSuper<V, 16>(x, imp, kParams, r);
        b.d = fp32ToFp16(r.d);
        b.dmin = fp32ToFp16(r.dmin);
        for (int j = 0; j < 16; ++j)
            b.scales[j] = uint8_t(r.sc[j] | (r.mn[j] << 4));
        for (int h = 0; h < 2; ++h)
            for (int l = 0; l < 32; ++l) {
                int byte = 0;
                for (int j = 0; j < 4; ++j)
                    byte |= r.L[128 * h + 32 * j + l] << (2 * j);
                b.qs[32 * h + l] = uint8_t(byte);
            }
    }

    static void decode(const Block& b, float* y)
    {
        const float d = fp16ToFp32(b.d), dmin = fp16ToFp32(b.dmin);
        for (int h = 0; h < 2; ++h)
            for (int j = 0; j < 4; ++j)
                for (int half = 0; half < 2; ++half) {
                    const int s = b.scales[8 * h + 2 * j + half];
                    const float dl = d * float(s & 0xF), ml = dmin * float(s >> 4);
                    for (int l = 16 * half; l < 16 * half + 16; ++l)
                        y[128 * h + 32 * j + l] = dl * float((b.qs[32 * h + l] >> (2 * j)) & 3) - ml;
                }
    }

    static void unpack(const Block& b, kq::Unpacked& o)
    {
        o.d = fp16ToFp32(b.d);
        o.dmin = fp16ToFp32(b.dmin);
        for (int j = 0; j < 16; ++j) {
            o.sc[j] = b.scales[j] & 0xF;
            o.mn[j] = b.scales[j] >> 4;
        }
        for (int i = 0; i < kq::kSuper; ++i) {
            const int h = i / 128, j = (i % 128) / 32, l = i % 32;
            o.codes[i] = (b.qs[32 * h + l] >> (2 * j)) & 3;
        }
    }
};

}  // namespace

QS_KQUANT_FORMAT(formatQ2_K, Q2K,
                 QT_TRANSLATE_NOOP("qs::formats", "llama.cpp 2-bit K-quant: 256-weight super-blocks, 4-bit scale+min per 16 (2.63 bpw)"))

}  // namespace qs
