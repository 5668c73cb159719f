// Q4_K: 256 weights in 144 bytes (4.5 bits/weight). 8 sub-blocks of 32 weights, each with a 6-bit
// scale and a 6-bit min relative to the fp16 d and dmin; 4-bit levels.
// y = (d*sc)*q - (dmin*m), bit-exact with llama.cpp's dequantize_row_q4_K.
#include "core/formats/blocks.h"
#include "core/formats/kquant_common.h"

namespace qs {
namespace {

struct Q4K {
    using Block = BlockQ4K;
    static constexpr GgmlType kType = GgmlType::Q4_K;
    static constexpr uint32_t kFileType = 15;  // LLAMA_FTYPE_MOSTLY_Q4_K_M (what llama.cpp guesses for mostly Q4_K)
    static constexpr std::optional<GgmlType> kFallback = GgmlType::Q5_0;
    static constexpr int kSubLength = 32, kScaleBits = 6, kCodeMax = 15, kOffset = 0;
    static constexpr bool kMins = true;
    static constexpr kq::AsymParams kParams{15, 63, -1.f, 0.1f, 20, false, true};

    template <class V>
    static void encode(const float* x, const float* imp, Block& b)
    {
        kq::AsymResult r;
        kq::quantizeAsymSuper<V, 32>(x, imp, kParams, r);
        b.d = fp32ToFp16(r.d);
        b.dmin = fp32ToFp16(r.dmin);
        kq::packScaleMin6(r.sc, r.mn, b.scales);
        for (int c = 0; c < 4; ++c)
            for (int l = 0; l < 32; ++l)
                b.qs[32 * c + l] = uint8_t(r.L[64 * c + l] | (r.L[64 * c + 32 + l] << 4));
    }

    static void decode(const Block& b, float* y)
    {
        const float d = fp16ToFp32(b.d), dmin = fp16ToFp32(b.dmin);
        for (int c = 0; c < 4; ++c) {
            int sc, m;
            kq::unpackScaleMin6(b.scales, 2 * c, sc, m);
            const float d1 = d * float(sc), m1 = dmin * float(m);
            kq::unpackScaleMin6(b.scales, 2 * c + 1, sc, m);
            const float d2 = d * float(sc), m2 = dmin * float(m);
            const uint8_t* q = b.qs + 32 * c;
            for (int l = 0; l < 32; ++l)
                y[64 * c + l] = d1 * float(q[l] & 0xF) - m1;
            for (int l = 0; l < 32; ++l)
                y[64 * c + 32 + l] = d2 * float(q[l] >> 4) - m2;
        }
    }

    static void unpack(const Block& b, kq::Unpacked& o)
    {
        o.d = fp16ToFp32(b.d);
        o.dmin = fp16ToFp32(b.dmin);
        for (int j = 0; j < 8; ++j)
            kq::unpackScaleMin6(b.scales, j, o.sc[j], o.mn[j]);
        for (int i = 0; i < kq::kSuper; ++i) {
            const int c = i / 64, hiHalf = (i % 64) / 32, l = i % 32;
            int q = hiHalf ? (b.qs[32 * c + l] >> 4) : (b.qs[32 * c + l] & 0xF);
            o.codes[i] = q;
        }
    }
};

}  // namespace

QS_KQUANT_FORMAT(formatQ4_K, Q4K,
                 QT_TRANSLATE_NOOP("qs::formats", "llama.cpp 4-bit K-quant: 256-weight super-blocks, 6-bit scale+min per 32 (4.5 bpw)"))

}  // namespace qs
