// IQ2_S (llama.cpp): 256 weights in 82 bytes (2.56 bits/weight). An fp16 d; per 8 weights a 10-bit
// index into iq2s_grid (1024 points of 8 magnitudes 8, 25 or 43): its low 8 bits in qs[0..31], its
// top 2 in qh (bits 2k, 2k+1 of qh[ib]: point k of 32-weight sub-block ib); one sign bit per weight
// (qs[32..63], weight j of point k of sub-block ib: bit j of qs[32 + 4 ib + k]); per 16 weights a
// 4-bit scale l (scales[s / 2], low nibble for even s): weight = ±(d * (0.5 + l) * 0.25) * magnitude.
// Codec: core/formats/iq_lattice.h (sub-blocks of 16 weights, no sign parity). Encoder: the
// three-level search of core/formats/iq1_lattice.h on the weights' magnitudes (the codec's full
// scan of 1024 points per 8 weights is ~15x slower for about the same error); every weight keeps
// its sign.
#include "core/formats/blocks.h"
#include "core/formats/iq1_lattice.h"
#include "core/formats/iq_lattice.h"

#include <cmath>
#include "core/formats/own_block_format.h"

namespace qs {
namespace {

struct Iq2SLayout {
    using Block = BlockIq2S;
    static constexpr int G = 8, NL = 3, NP = 1024, kSubLen = 16;
    static constexpr bool kParity = false, kOdd = false;
    static constexpr uint8_t kLevels[NL] = {8, 25, 43};
    static constexpr const auto& kGrid = iq::kIq2sGrid;
    static constexpr float kUnit = 0.25f;
    static constexpr size_t kQs = offsetof(Block, qs), kSigns = offsetof(Block, qs) + 32, kQh = offsetof(Block, qh),
                            kScales = offsetof(Block, scales);

    // point k (0, 1) of 16-weight sub-block s is point 2 (s % 2) + k of 32-weight sub-block s / 2
    static int point(const uint8_t* b, int s, int k)
    {
        const int ib = s / 2, p = 2 * (s % 2) + k;
        return b[kQs + size_t(4 * ib + p)] | (((b[kQh + size_t(ib)] >> (2 * p)) & 3) << 8);
    }
    static uint32_t negatives(const uint8_t* b, int s)
    {
        const size_t at = kSigns + size_t(4 * (s / 2) + 2 * (s % 2));
        return uint32_t(b[at]) | uint32_t(b[at + 1]) << 8;
    }
    static int scale(const uint8_t* b, int s) { return (b[kScales + size_t(s / 2)] >> (4 * (s % 2))) & 15; }
    static void store(uint8_t* b, int s, const iq::SubCode<G, kSubLen>& c, int l)
    {
        const int ib = s / 2;
        for (int k = 0; k < 2; ++k) {
            const int p = 2 * (s % 2) + k;
            b[kQs + size_t(4 * ib + p)] = uint8_t(c.idx[k] & 0xFF);
            b[kQh + size_t(ib)] |= uint8_t((c.idx[k] >> 8) << (2 * p));
            b[kSigns + size_t(4 * ib + p)] = c.signs[k];
        }
        b[kScales + size_t(ib)] |= uint8_t(l << (4 * (s % 2)));
    }
};

// The encoder's parameters (iq1_lattice.h): scale d * (0.5 + l) / 4 per 16 weights, l in 0..15.
struct Iq2SParams {
    static constexpr int NP = 1024, kSub = 16, kDLen = 0, kMaxL = 15;
    static constexpr float kVal[3] = {8.0f, 25.0f, 43.0f};
    static constexpr float kTop = 15.5f * 0.25f;
    static constexpr float kStarts[] = {0.85f, 1.15f, 1.55f};  // of amax / 43
    static float scale(float d, int l) { return iq::subScale(d, l, 0.25f); }  // the decoder's
    static float lOf(float s, float d) { return s / (0.25f * d) - 0.5f; }
    static const iq::Grid3<NP>& grid()
    {
        static constexpr uint8_t kBytes[3] = {8, 25, 43};
        static const iq::Grid3<NP> g(iq::kIq2sGrid, kBytes);
        return g;
    }
};

struct Iq2S : iq::LatticeCodec<Iq2SLayout> {
    // The three-level search on |x| (importance: the weights w of the squared error, as given).
    static void quantizeReference(const float* x, unsigned char* out, int64_t blocks, const float* imp)
    {
        const iq::Grid3Encoder<Iq2SParams> enc;
        float ones[256], ax[256];
        std::fill(std::begin(ones), std::end(ones), 1.0f);
        for (int64_t i = 0; i < blocks; ++i) {
            const float* xb = x + 256 * i;
            for (int j = 0; j < 256; ++j)
                ax[j] = std::fabs(xb[j]);
            const auto s = enc.encode(ax, imp ? imp + 256 * i : ones);
            Enc::Super sup;
            sup.d = s.d;
            for (int sb = 0; sb < 16; ++sb) {
                sup.l[sb] = s.l[sb];
                for (int k = 0; k < 2; ++k) {
                    sup.code[sb].idx[k] = s.idx[2 * sb + k];
                    uint8_t neg = 0;
                    for (int j = 0; j < 8; ++j)
                        neg = uint8_t(neg | (xb[16 * sb + 8 * k + j] < 0.0f) << j);
                    sup.code[sb].signs[k] = neg;
                }
            }
            Block b;
            pack(sup, b);
            std::memcpy(out + i * int64_t(sizeof(Block)), &b, sizeof(Block));
        }
    }
    static void quantizeFast(const float* x, unsigned char* out, int64_t blocks, const float* imp)
    {
        quantizeReference(x, out, blocks, imp);  // this compile's search (AVX2 lanes in the AVX2 compile)
    }
    static constexpr GgmlType kType = GgmlType::IQ2_S;
    static constexpr uint32_t kFileType = 29;  // LLAMA_FTYPE_MOSTLY_IQ2_M (whose default type is IQ2_S; MOSTLY_IQ2_S means IQ2_XS)
    static constexpr std::optional<GgmlType> kFallback = GgmlType::IQ4_NL;  // llama.cpp's choice (llama-quant.cpp)
    static constexpr int kInspectLength = 16;
};

}  // namespace

QS_BLOCK_FORMAT(formatIQ2_S, GgmlType::IQ2_S, ownRowKernels<Iq2S>(), OwnBlockFormat<Iq2S>,
                QT_TRANSLATE_NOOP("qs::formats", "llama.cpp IQ2_S: 256-weight super-blocks, 4-bit scales per 16, 8-weight points of a 1024-point lattice and a sign per weight (2.56 bits/weight)"))

}  // namespace qs
