// Q6_K: 256 weights in 210 bytes (6.5625 bits/weight). 16 sub-blocks of 16 weights with signed
// 8-bit scales; 6-bit levels stored as 4 low bits (ql) + 2 high bits (qh), biased by 32.
// y = d * scale[i/16] * (level - 32), bit-exact with llama.cpp's dequantize_row_q6_K.
#include "core/formats/blocks.h"
#include "core/formats/kquant_common.h"

namespace qs {
namespace {

struct Q6K {
    using Block = BlockQ6K;
    static constexpr GgmlType kType = GgmlType::Q6_K;
    static constexpr uint32_t kFileType = 18;  // LLAMA_FTYPE_MOSTLY_Q6_K
    static constexpr std::optional<GgmlType> kFallback = GgmlType::Q8_0;
    static constexpr int kSubLength = 16, kScaleBits = 8, kCodeMax = 63, kOffset = 32;
    static constexpr bool kMins = false;
    static constexpr kq::SymParams kParams{32, -128, 127};
    // Pass-1 starts (the largest magnitude goes to level grid[g]): a wide range, 24..40, since
    // with 64 levels clipping the few largest weights of a sub-block often pays; llama.cpp's
    // reference tries only 31.1..32.9.
    static constexpr float kGrid[] = {-32.0f, -30.0f, -34.0f, -28.0f, -36.0f, -26.0f, -38.0f, -24.0f, -40.0f,
                                      31.0f, 29.0f, 27.0f, 25.0f};
    // With importance: the same plus llama.cpp's fine steps around 32.
    static constexpr float kGridImp[] = {-32.0f, -30.0f, -34.0f, -28.0f, -36.0f, -26.0f, -38.0f, -24.0f, -40.0f,
                                         31.0f, 29.0f, 27.0f, 25.0f, -31.1f, -31.2f, -31.3f, -31.4f, -31.5f, -31.6f,
                                         -31.7f, -31.8f, -31.9f, -32.1f, -32.2f, -32.3f, -32.4f, -32.5f, -32.6f, -32.7f,
                                         -32.8f, -32.9f, 31.5f, 30.5f};

    template <class V>
    static void encode(const float* x, const float* imp, Block& b)
    {
        kq::SymResult r;
        kq::quantizeSymSuper<V>(x, imp, kParams, kGrid, int(std::size(kGrid)), kGridImp, int(std::size(kGridImp)), r);
        b.d = fp32ToFp16(r.d);
        for (int j = 0; j < 16; ++j)
            b.scales[j] = r.sc[j];
        for (int h = 0; h < 2; ++h) {
            const int8_t* L = r.L + 128 * h;
            for (int l = 0; l < 32; ++l) {
                const int a = L[l] + 32, c = L[l + 32] + 32, e = L[l + 64] + 32, f = L[l + 96] + 32;
                b.ql[64 * h + l] = uint8_t((a & 0xF) | ((e & 0xF) << 4));
                b.ql[64 * h + l + 32] = uint8_t((c & 0xF) | ((f & 0xF) << 4));
                b.qh[32 * h + l] = uint8_t((a >> 4) | ((c >> 4) << 2) | ((e >> 4) << 4) | ((f >> 4) << 6));
            }
        }
    }

    static void decode(const Block& b, float* y)
    {
        const float d = fp16ToFp32(b.d);
        for (int h = 0; h < 2; ++h) {
            const uint8_t* ql = b.ql + 64 * h;
            const uint8_t* qh = b.qh + 32 * h;
            const int8_t* sc = b.scales + 8 * h;
            float* out = y + 128 * h;
            for (int l = 0; l < 32; ++l) {
                const int is = l / 16;
                const int q1 = ((ql[l] & 0xF) | (((qh[l] >> 0) & 3) << 4)) - 32;
                const int q2 = ((ql[l + 32] & 0xF) | (((qh[l] >> 2) & 3) << 4)) - 32;
                const int q3 = ((ql[l] >> 4) | (((qh[l] >> 4) & 3) << 4)) - 32;
                const int q4 = ((ql[l + 32] >> 4) | (((qh[l] >> 6) & 3) << 4)) - 32;
                out[l] = d * float(sc[is]) * float(q1);
                out[l + 32] = d * float(sc[is + 2]) * float(q2);
                out[l + 64] = d * float(sc[is + 4]) * float(q3);
                out[l + 96] = d * float(sc[is + 6]) * float(q4);
            }
        }
    }

    static void unpack(const Block& b, kq::Unpacked& o)
    {
        o.d = fp16ToFp32(b.d);
        for (int j = 0; j < 16; ++j)
            o.sc[j] = b.scales[j];
        for (int i = 0; i < kq::kSuper; ++i) {
            const int h = i / 128, k = (i % 128) / 32, l = i % 32;
            const uint8_t ql = b.ql[64 * h + l + (k & 1) * 32];
            const int lo = (k < 2) ? (ql & 0xF) : (ql >> 4);
            const int hi = (b.qh[32 * h + l] >> (2 * k)) & 3;
            o.codes[i] = lo | (hi << 4);
        }
    }
};

}  // namespace

QS_KQUANT_FORMAT(formatQ6_K, Q6K,
                 QT_TRANSLATE_NOOP("qs::formats", "llama.cpp 6-bit K-quant: 256-weight super-blocks, 8-bit scales per 16 (6.56 bpw)"))

}  // namespace qs
