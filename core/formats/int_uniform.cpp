// The uniform integer family: INT8 / INT4 / INT2, symmetric or asymmetric, with one scale
// per tensor, per output channel (row) or per group of G = 32, 64, 128 weights along a row.
// Names: INT{8,4,2}_{SYM,ASYM}_{TENSOR,CHANNEL,G32,G64,G128}.
//
// Mapping (b bits):
//   SYM : qmax = 2^(b-1) - 1, scale d = amax / qmax, q = clamp(round(x / d), -qmax, qmax),
//         x' = q * d.  Levels are symmetric around 0 (INT2 SYM has only -1, 0, 1).
//   ASYM: the range [min, max] is first widened to contain 0 (so that 0 is exact and the zero
//         point fits b bits); d = (max - min) / (2^b - 1), zp = clamp(round(-min / d), 0, 2^b - 1),
//         q = clamp(round(x / d) + zp, 0, 2^b - 1), x' = (q - zp) * d.
//   The scale is first rounded to its storage precision (fp16 per group/channel, rounded up
//   so the range still fits; fp32 per tensor) and the codes are computed with the stored
//   value, so every finite weight inside the range is within d/2 of its reconstruction. x / d is computed as x * (1/d)
//   in float; round() is round-half-to-even. Importance weights are accepted and ignored: the
//   mapping is the textbook min/max one, no error-minimising scale search.
//   Non-finite inputs: NaN is stored as 0 (code zp), +-Inf saturate; amax/min/max ignore them.
//   An all-zero group has d = 0 (codes 0 / zp) and decodes to zeros. fp16 scales saturate at
//   65504 (a group with amax above 65504 * qmax saturates).
//
// Byte layout of a rows x cols tensor (little-endian), three sections one after the other:
//   1. codes: row by row, each row padded to a whole byte: ceil(cols * b / 8) bytes per row.
//      Within a byte the first weight is in the lowest bits (b = 4: low nibble first;
//      b = 2: bits 0-1, 2-3, 4-5, 6-7). SYM codes are b-bit two's complement, ASYM codes are
//      unsigned.
//   2. scales: TENSOR one fp32; CHANNEL one fp16 per row; Gn one fp16 per group, row-major
//      (row r, group g at index r * cols/G + g).
//   3. ASYM only: zero points, one per scale, as unsigned b-bit integers packed like the codes
//      (first in the lowest bits) without per-row padding: ceil(nScales * b / 8) bytes.
// storageBytes() is the sum of the three sections; e.g. INT4_SYM_G32: 4 + 16/32 = 4.5 bits per
// weight, INT4_ASYM_G32: 4 + (16 + 4)/32 = 4.625.
#include "core/formats/format.h"
#include "core/formats/inspect.h"
#include "core/util/half.h"
#include "core/util/parallel.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstring>
#include <limits>
#include <memory>

namespace qs {
namespace {

using Granularity = IntParams::Granularity;

struct Params {
    float d = 0;   // scale as stored
    float id = 0;  // 1 / d, or 0 when d == 0
    int zp = 0;    // zero point (ASYM), 0 for SYM
};

inline bool finite(float x) { return x >= -std::numeric_limits<float>::max() && x <= std::numeric_limits<float>::max(); }

// ---- Kernels of the fast path. GCC -O2 only vectorises loops with a constant trip count and
// no possible aliasing, hence chunks of 16/32 with __restrict pointers and scalar tails (same
// operations, so the results are those of the reference, element by element).

// Range of a group: non-finite values count as 0 (0 is inside [mn, mx] anyway). Per-lane
// accumulators; a value replaces the current one only when strictly larger/smaller, exactly
// as std::max/std::min in the reference, so the result is identical.
void rangeKernel(const float* __restrict x, int64_t n, float& amax, float& mn, float& mx)
{
    constexpr int L = 16;
    float a[L] = {}, lo[L] = {}, hi[L] = {};
    int64_t i = 0;
    for (; i + L <= n; i += L)
        for (int k = 0; k < L; ++k) {
            float v = x[i + k];
            v = finite(v) ? v : 0.0f;
            const float av = std::fabs(v);
            a[k] = av > a[k] ? av : a[k];
            lo[k] = v < lo[k] ? v : lo[k];
            hi[k] = v > hi[k] ? v : hi[k];
        }
    float A = amax, LO = mn, HI = mx;
    for (int k = 0; k < L; ++k) {
        A = a[k] > A ? a[k] : A;
        LO = lo[k] < LO ? lo[k] : LO;
        HI = hi[k] > HI ? hi[k] : HI;
    }
    for (; i < n; ++i) {
        float v = x[i];
        v = finite(v) ? v : 0.0f;
        const float av = std::fabs(v);
        A = av > A ? av : A;
        LO = v < LO ? v : LO;
        HI = v > HI ? v : HI;
    }
    amax = A;
    mn = LO;
    mx = HI;
}

inline uint8_t codeOf(float x, float id, float zpf, float lo, float hi, unsigned mask)
{
    float t = x * id;
    t = t == t ? t : 0.0f;  // NaN (also Inf * 0) -> 0
    t = std::nearbyint(t);
    t = t + zpf;  // zpf = 0 for SYM: adding 0 changes nothing
    t = std::min(std::max(t, lo), hi);
    return uint8_t(unsigned(int(t)) & mask);
}

void codesKernel(const float* __restrict x, uint8_t* __restrict q, int64_t n, float id, float zpf, float lo,
                 float hi, unsigned mask)
{
    constexpr int L = 32;
    int64_t i = 0;
    for (; i + L <= n; i += L)
        for (int k = 0; k < L; ++k)
            q[i + k] = codeOf(x[i + k], id, zpf, lo, hi, mask);
    for (; i < n; ++i)
        q[i] = codeOf(x[i], id, zpf, lo, hi, mask);
}

void decodeKernel(const int* __restrict q, float* __restrict y, int64_t n, int zp, float d)
{
    constexpr int L = 32;
    int64_t i = 0;
    for (; i + L <= n; i += L)
        for (int k = 0; k < L; ++k)
            y[i + k] = float(q[i + k] - zp) * d;
    for (; i < n; ++i)
        y[i] = float(q[i] - zp) * d;
}

// text with %1, %2, ... replaced by args[0], args[1], ...
std::string fillArgs(const std::string& text, const std::vector<std::string>& args)
{
    std::string out;
    for (size_t i = 0; i < text.size(); ++i) {
        const size_t k = i + 1 < text.size() ? size_t(text[i + 1] - '1') : args.size();
        if (text[i] == '%' && k < args.size()) {
            out += args[k];
            ++i;
        } else {
            out += text[i];
        }
    }
    return out;
}

class IntUniformFormat : public Format {
public:
    IntUniformFormat(int bits, bool sym, Granularity gran, int group)
        : bits_(bits), sym_(sym), gran_(gran), group_(group)
    {
        name_ = "INT" + std::to_string(bits) + (sym ? "_SYM_" : "_ASYM_") +
                (gran == Granularity::Tensor ? std::string("TENSOR")
                 : gran == Granularity::Channel ? std::string("CHANNEL")
                                                : "G" + std::to_string(group));
        // One text per kind (translatable as a whole): %1 bits, %2 largest code, %3 group size.
        static const char* const kText[2][3] = {
            {QT_TRANSLATE_NOOP("qs::formats", "%1-bit uniform, asymmetric [0, %2] with a %1-bit zero point, one fp32 "
                                              "scale per tensor; min/max mapping, importance ignored"),
             QT_TRANSLATE_NOOP("qs::formats", "%1-bit uniform, asymmetric [0, %2] with a %1-bit zero point, one fp16 "
                                              "scale per row; min/max mapping, importance ignored"),
             QT_TRANSLATE_NOOP("qs::formats", "%1-bit uniform, asymmetric [0, %2] with a %1-bit zero point, one fp16 "
                                              "scale per %3 weights; min/max mapping, importance ignored")},
            {QT_TRANSLATE_NOOP("qs::formats", "%1-bit uniform, symmetric [-%2, %2], one fp32 scale per tensor; "
                                              "min/max mapping, importance ignored"),
             QT_TRANSLATE_NOOP("qs::formats", "%1-bit uniform, symmetric [-%2, %2], one fp16 scale per row; "
                                              "min/max mapping, importance ignored"),
             QT_TRANSLATE_NOOP("qs::formats", "%1-bit uniform, symmetric [-%2, %2], one fp16 scale per %3 weights; "
                                              "min/max mapping, importance ignored")}};
        // "an 8-bit": English only; a translation uses the same text for every bit width.
        static const char* const kText8[3] = {
            QT_TRANSLATE_NOOP("qs::formats", "%1-bit uniform, asymmetric [0, %2] with an %1-bit zero point, one fp32 "
                                             "scale per tensor; min/max mapping, importance ignored"),
            QT_TRANSLATE_NOOP("qs::formats", "%1-bit uniform, asymmetric [0, %2] with an %1-bit zero point, one fp16 "
                                             "scale per row; min/max mapping, importance ignored"),
            QT_TRANSLATE_NOOP("qs::formats", "%1-bit uniform, asymmetric [0, %2] with an %1-bit zero point, one fp16 "
                                             "scale per %3 weights; min/max mapping, importance ignored")};
        const int g = gran == Granularity::Tensor ? 0 : gran == Granularity::Channel ? 1 : 2;
        descText_.source = !sym && bits == 8 ? kText8[g] : kText[sym ? 1 : 0][g];
        descText_.args = {std::to_string(bits), std::to_string(sym ? qmaxSym() : qmaxAsym())};
        if (gran == Granularity::Group)
            descText_.args.push_back(std::to_string(group));
        desc_ = fillArgs(descText_.source, descText_.args);
    }

    std::string name() const override { return name_; }
    std::string description() const override { return desc_; }
    DescriptionText descriptionText() const override { return descText_; }
    FormatFamily family() const override { return FormatFamily::Int; }
    int64_t blockSize() const override { return gran_ == Granularity::Group ? group_ : 1; }

    uint64_t storageBytes(int64_t rows, int64_t cols) const override
    {
        const Geometry g = geometry(rows, cols);
        return g.zpOffset + g.zpBytes;
    }
    std::optional<IntParams> intParams() const override { return IntParams{bits_, sym_, gran_, group_}; }

    // Block inspector: a group, or a 32-weight window of the row (per-row / per-tensor scale).
    int inspectLength() const override { return gran_ == Granularity::Group ? group_ : 32; }
    bool inspectsWholeTensor() const override { return gran_ == Granularity::Tensor; }
    void inspectDecode(const unsigned char* bytes, int64_t rows, int64_t cols, int64_t row, int64_t block,
                       BlockInspection& r) const override
    {
        const Geometry g = geometry(rows, cols);
        const unsigned mask = unsigned(qmaxAsym());
        for (int j = 0; j < r.length; ++j) {
            int c = int(getBits(bytes + row * g.rowCodeBytes, r.col0 + j));
            if (sym_ && c >= (1 << (bits_ - 1)))
                c -= 1 << bits_;
            r.codes[size_t(j)] = c;
        }
        const int64_t s = gran_ == Granularity::Tensor ? 0 : gran_ == Granularity::Channel ? row : block;
        float d;
        if (gran_ == Granularity::Tensor) {
            std::memcpy(&d, bytes + g.scaleOffset, 4);
        } else {
            uint16_t h;
            std::memcpy(&h, bytes + g.scaleOffset + 2 * s, 2);
            d = fp16ToFp32(h);
        }
        r.scale = d;
        r.kind = BlockInspection::Kind::Int;
        if (!sym_) {
            const int zp = int(getBits(bytes + g.zpOffset, s));
            r.zeroPoint = zp;
            setLevels(r, 0, int(mask), [&](int c) { return float(c - zp) * d; });
        } else {
            setLevels(r, -qmaxSym(), qmaxSym(), [&](int c) { return float(c) * d; });
        }
    }

    void quantize(const float* src, int64_t rows, int64_t cols, void* dst, const float*) const override
    {
        if (rows <= 0 || cols <= 0)
            return;
        const Geometry g = geometry(rows, cols);
        auto* out = static_cast<unsigned char*>(dst);
        Params tensorParams;
        if (gran_ == Granularity::Tensor) {
            float amax = 0, mn = 0, mx = 0;
            rangeParallel(src, rows * cols, amax, mn, mx);
            tensorParams = makeParams(amax, mn, mx, false);
            storeTensorParams(out, g, tensorParams);
        }
        std::vector<uint8_t> zps(!sym_ && gran_ != Granularity::Tensor ? size_t(g.nScales) : 0);
        const int64_t grain = std::max<int64_t>(1, 16384 / cols);
        parallelFor(rows, grain, [&](int64_t b, int64_t e) {
            std::vector<uint8_t> codes(static_cast<size_t>(cols));
            for (int64_t r = b; r < e; ++r)
                quantizeRowFast(src + r * cols, cols, r, g, out, tensorParams, zps.data(), codes.data());
        });
        if (!zps.empty()) {  // pack zero points: chunks of 8 fill whole bytes for b = 2, 4, 8
            parallelFor(g.nScales, 1 << 16, [&](int64_t b, int64_t e) { packCodes(zps.data() + b, e - b, out + g.zpOffset + b * bits_ / 8); });
        }
    }

    // Pieces: a group, or a whole row (one scale per row or per tensor).
    int64_t pieceLength(int64_t cols) const override { return groupLen(cols); }
    void quantizePieces(const float* x, int64_t n, int64_t length, const float* tensor, int64_t tensorSize,
                        void* pieces) const override
    {
        const Geometry pg = geometry(1, length);
        const uint64_t pieceBytes = pg.zpOffset + pg.zpBytes;
        auto* out = static_cast<unsigned char*>(pieces);
        if (gran_ != Granularity::Tensor) {
            for (int64_t r = 0; r < n; ++r)
                quantize(x + r * length, 1, length, out + r * pieceBytes, nullptr);
            return;
        }
        float amax = 0, mn = 0, mx = 0;  // the tensor's parameters, as quantize() finds them
        rangeParallel(tensor, tensorSize, amax, mn, mx);
        const Params tp = makeParams(amax, mn, mx, false);
        std::vector<uint8_t> codes(static_cast<size_t>(length));
        for (int64_t r = 0; r < n; ++r) {
            unsigned char* piece = out + r * pieceBytes;
            std::memset(piece, 0, pieceBytes);
            quantizeRowFast(x + r * length, length, 0, pg, piece, tp, nullptr, codes.data());
            storeTensorParams(piece, pg, tp);
        }
    }
    void assemblePieces(const void* pieces, int64_t rows, int64_t cols, void* dst) const override
    {
        const Geometry g = geometry(rows, cols);
        const int64_t len = groupLen(cols), gpr = cols / len;
        const Geometry pg = geometry(1, len);  // a group is a whole number of bytes of codes (len >= 32)
        const uint64_t pieceBytes = pg.zpOffset + pg.zpBytes;
        const auto* in = static_cast<const unsigned char*>(pieces);
        auto* out = static_cast<unsigned char*>(dst);
        std::memset(out, 0, g.zpOffset + g.zpBytes);
        for (int64_t r = 0; r < rows; ++r)
            for (int64_t p = 0; p < gpr; ++p) {
                const unsigned char* piece = in + uint64_t(r * gpr + p) * pieceBytes;
                std::memcpy(out + r * g.rowCodeBytes + p * pg.rowCodeBytes, piece, size_t(pg.rowCodeBytes));
                if (gran_ == Granularity::Tensor) {
                    if (r == 0)
                        storeTensorParams(out, g, loadTensorParams(piece, pg));
                    continue;
                }
                const int64_t s = r * gpr + p;
                std::memcpy(out + g.scaleOffset + 2 * s, piece + pg.scaleOffset, 2);
                if (!sym_)
                    setBits(out + g.zpOffset, s, getBits(piece + pg.zpOffset, 0));
            }
    }

    void quantizeReference(const float* src, int64_t rows, int64_t cols, void* dst, const float*) const override
    {
        if (rows <= 0 || cols <= 0)
            return;
        const Geometry g = geometry(rows, cols);
        auto* out = static_cast<unsigned char*>(dst);
        std::memset(out, 0, g.zpOffset + g.zpBytes);
        const int64_t glen = groupLen(cols);
        Params tensorParams;
        if (gran_ == Granularity::Tensor) {
            float amax = 0, mn = 0, mx = 0;
            for (int64_t i = 0; i < rows * cols; ++i)
                accumulateRange(src[i], amax, mn, mx);
            tensorParams = makeParams(amax, mn, mx, false);
            storeTensorParams(out, g, tensorParams);
        }
        for (int64_t r = 0; r < rows; ++r) {
            for (int64_t c0 = 0; c0 < cols; c0 += glen) {
                Params p = tensorParams;
                const int64_t s = r * (cols / glen) + c0 / glen;  // scale index
                if (gran_ != Granularity::Tensor) {
                    float amax = 0, mn = 0, mx = 0;
                    for (int64_t i = c0; i < c0 + glen; ++i)
                        accumulateRange(src[r * cols + i], amax, mn, mx);
                    p = makeParams(amax, mn, mx, true);
                    const uint16_t h = fp32ToFp16(p.d);
                    std::memcpy(out + g.scaleOffset + 2 * s, &h, 2);
                    if (!sym_)
                        setBits(out + g.zpOffset, s, unsigned(p.zp));
                }
                for (int64_t i = c0; i < c0 + glen; ++i)
                    setBits(out + r * g.rowCodeBytes, i, encode(src[r * cols + i], p));
            }
        }
    }

    void dequantize(const void* src, int64_t rows, int64_t cols, float* dst) const override
    {
        if (rows <= 0 || cols <= 0)
            return;
        const Geometry g = geometry(rows, cols);
        const auto* in = static_cast<const unsigned char*>(src);
        const int64_t glen = groupLen(cols);
        const int64_t gpr = cols / glen;
        Params tp;
        if (gran_ == Granularity::Tensor)
            tp = loadTensorParams(in, g);
        const int64_t grain = std::max<int64_t>(1, 65536 / cols);
        parallelFor(rows, grain, [&](int64_t b, int64_t e) { decodeRows(in, g, tp, cols, glen, gpr, b, e, dst + b * cols); });
    }

    void dequantizeRows(const void* src, int64_t rows, int64_t cols, int64_t r0, int64_t r1, float* dst) const override
    {
        if (rows <= 0 || cols <= 0 || r1 <= r0)
            return;
        const Geometry g = geometry(rows, cols);
        const auto* in = static_cast<const unsigned char*>(src);
        const int64_t glen = groupLen(cols);
        Params tp;
        if (gran_ == Granularity::Tensor)
            tp = loadTensorParams(in, g);
        decodeRows(in, g, tp, cols, glen, cols / glen, r0, r1, dst);
    }

private:
    struct Geometry;
    // Rows [b, e) into y (row b first).
    void decodeRows(const unsigned char* in, const Geometry& g, const Params& tp, int64_t cols, int64_t glen, int64_t gpr,
                    int64_t b, int64_t e, float* y) const
    {
        std::vector<int> q(static_cast<size_t>(cols));
        for (int64_t r = b; r < e; ++r, y += cols) {
            unpackCodes(in + r * g.rowCodeBytes, cols, q.data());
            for (int64_t gi = 0; gi < gpr; ++gi) {
                float d = tp.d;
                int zp = tp.zp;
                if (gran_ != Granularity::Tensor) {
                    const int64_t s = r * gpr + gi;
                    uint16_t h;
                    std::memcpy(&h, in + g.scaleOffset + 2 * s, 2);
                    d = fp16ToFp32(h);
                    zp = sym_ ? 0 : int(getBits(in + g.zpOffset, s));
                }
                decodeKernel(q.data() + gi * glen, y + gi * glen, glen, zp, d);
            }
        }
    }

    struct Geometry {
        int64_t rowCodeBytes = 0;
        int64_t nScales = 0;
        uint64_t scaleOffset = 0, scaleBytes = 0, zpOffset = 0, zpBytes = 0;
    };

    int qmaxSym() const { return (1 << (bits_ - 1)) - 1; }
    int qmaxAsym() const { return (1 << bits_) - 1; }
    int64_t groupLen(int64_t cols) const { return gran_ == Granularity::Group ? group_ : cols; }

    Geometry geometry(int64_t rows, int64_t cols) const
    {
        Geometry g;
        g.rowCodeBytes = (cols * bits_ + 7) / 8;
        g.nScales = gran_ == Granularity::Tensor ? 1 : gran_ == Granularity::Channel ? rows : rows * (cols / group_);
        g.scaleOffset = uint64_t(rows) * uint64_t(g.rowCodeBytes);
        g.scaleBytes = gran_ == Granularity::Tensor ? 4 : 2 * uint64_t(g.nScales);
        g.zpOffset = g.scaleOffset + g.scaleBytes;
        g.zpBytes = sym_ ? 0 : (uint64_t(g.nScales) * bits_ + 7) / 8;
        return g;
    }

    static void accumulateRange(float x, float& amax, float& mn, float& mx)
    {
        if (!finite(x))
            return;
        amax = std::max(amax, std::fabs(x));
        mn = std::min(mn, x);
        mx = std::max(mx, x);
    }

    void rangeParallel(const float* x, int64_t n, float& amax, float& mn, float& mx) const
    {
        constexpr int64_t chunk = 1 << 16;
        const int64_t chunks = (n + chunk - 1) / chunk;
        std::vector<std::array<float, 3>> part(size_t(chunks), {0.0f, 0.0f, 0.0f});
        parallelFor(n, chunk, [&](int64_t b, int64_t e) {
            float a = 0, lo = 0, hi = 0;
            rangeKernel(x + b, e - b, a, lo, hi);
            part[size_t(b / chunk)] = {a, lo, hi};
        });
        for (const auto& p : part) {
            amax = std::max(amax, p[0]);
            mn = std::min(mn, p[1]);
            mx = std::max(mx, p[2]);
        }
    }

    // The scale and zero point from a range; half: the scale is stored (and used) as fp16.
    Params makeParams(float amax, float mn, float mx, bool half) const
    {
        Params p;
        float d = sym_ ? amax / float(qmaxSym()) : (mx - mn) / float(qmaxAsym());
        if (half) {
            // Round the scale UP to the next fp16 so that the whole range still fits the codes
            // (round-trip error <= d/2); saturate at the largest half.
            uint16_t h = fp32ToFp16(std::min(d, 65504.0f));
            if (fp16ToFp32(h) < d && h < 0x7bffu)
                ++h;
            d = fp16ToFp32(h);
        } else
            d = std::min(d, std::numeric_limits<float>::max());
        p.d = d;
        p.id = d > 0 ? 1.0f / d : 0.0f;
        if (!sym_ && d > 0)
            p.zp = int(std::clamp(std::nearbyint(-mn / d), 0.0f, float(qmaxAsym())));
        return p;
    }

    // The b-bit code (two's complement for SYM), as an unsigned value in [0, 2^b).
    unsigned encode(float x, const Params& p) const
    {
        float t = x * p.id;
        if (std::isnan(t))
            t = 0.0f;
        t = std::nearbyint(t);
        if (!sym_)
            t = t + float(p.zp);
        const float lo = sym_ ? -float(qmaxSym()) : 0.0f;
        const float hi = sym_ ? float(qmaxSym()) : float(qmaxAsym());
        t = std::max(t, lo);
        t = std::min(t, hi);
        return unsigned(int(t)) & unsigned(qmaxAsym());
    }

    void quantizeRowFast(const float* x, int64_t cols, int64_t r, const Geometry& g, unsigned char* out,
                         const Params& tensorParams, uint8_t* zps, uint8_t* codes) const
    {
        const int64_t glen = groupLen(cols);
        const int64_t gpr = cols / glen;
        const float lo = sym_ ? -float(qmaxSym()) : 0.0f;
        const float hi = sym_ ? float(qmaxSym()) : float(qmaxAsym());
        const unsigned mask = unsigned(qmaxAsym());
        for (int64_t gi = 0; gi < gpr; ++gi) {
            const float* xx = x + gi * glen;
            Params p = tensorParams;
            if (gran_ != Granularity::Tensor) {
                float amax = 0, mn = 0, mx = 0;
                rangeKernel(xx, glen, amax, mn, mx);
                p = makeParams(amax, mn, mx, true);
                const int64_t s = r * gpr + gi;
                const uint16_t h = fp32ToFp16(p.d);
                std::memcpy(out + g.scaleOffset + 2 * s, &h, 2);
                if (!sym_)
                    zps[s] = uint8_t(p.zp);
            }
            codesKernel(xx, codes + gi * glen, glen, p.id, float(p.zp), lo, hi, mask);
        }
        packCodes(codes, cols, out + r * g.rowCodeBytes);
    }

    // n codes (each < 2^b) into ceil(n*b/8) bytes, first in the lowest bits, padding bits zero.
    void packCodes(const uint8_t* q, int64_t n, unsigned char* out) const
    {
        if (bits_ == 8) {
            std::memcpy(out, q, size_t(n));
        } else if (bits_ == 4) {
            const int64_t full = n / 2;
            for (int64_t j = 0; j < full; ++j)
                out[j] = uint8_t(q[2 * j] | (q[2 * j + 1] << 4));
            if (n % 2)
                out[full] = q[n - 1];
        } else {
            const int64_t full = n / 4;
            for (int64_t j = 0; j < full; ++j)
                out[j] = uint8_t(q[4 * j] | (q[4 * j + 1] << 2) | (q[4 * j + 2] << 4) | (q[4 * j + 3] << 6));
            if (n % 4) {
                uint8_t v = 0;
                for (int64_t k = 0; k < n % 4; ++k)
                    v = uint8_t(v | (q[4 * full + k] << (2 * k)));
                out[full] = v;
            }
        }
    }

    // Codes of a row as ints: signed (two's complement) for SYM, unsigned for ASYM.
    void unpackCodes(const unsigned char* in, int64_t n, int* q) const
    {
        if (bits_ == 8) {
            for (int64_t i = 0; i < n; ++i)
                q[i] = sym_ ? int(int8_t(in[i])) : int(in[i]);
        } else if (bits_ == 4) {
            const int sx = sym_ ? 8 : 0;  // (v ^ 8) - 8 sign-extends a 4-bit two's complement value
            for (int64_t j = 0; j < n / 2; ++j) {
                q[2 * j] = (int(in[j] & 0xFu) ^ sx) - sx;
                q[2 * j + 1] = (int(in[j] >> 4) ^ sx) - sx;
            }
            if (n % 2)
                q[n - 1] = (int(in[n / 2] & 0xFu) ^ sx) - sx;
        } else {
            const int sx = sym_ ? 2 : 0;
            for (int64_t j = 0; j < n / 4; ++j) {
                const int v = in[j];
                q[4 * j] = ((v & 3) ^ sx) - sx;
                q[4 * j + 1] = (((v >> 2) & 3) ^ sx) - sx;
                q[4 * j + 2] = (((v >> 4) & 3) ^ sx) - sx;
                q[4 * j + 3] = (((v >> 6) & 3) ^ sx) - sx;
            }
            for (int64_t i = n / 4 * 4; i < n; ++i)
                q[i] = (((in[i / 4] >> (2 * (i % 4))) & 3) ^ sx) - sx;
        }
    }

    // Reference bit access: value index i in a packed b-bit array (dst zeroed beforehand).
    void setBits(unsigned char* base, int64_t i, unsigned v) const
    {
        const int64_t bit = i * bits_;
        base[bit / 8] = uint8_t(base[bit / 8] | (v << (bit % 8)));
    }
    unsigned getBits(const unsigned char* base, int64_t i) const
    {
        const int64_t bit = i * bits_;
        return (base[bit / 8] >> (bit % 8)) & unsigned(qmaxAsym());
    }

    void storeTensorParams(unsigned char* out, const Geometry& g, const Params& p) const
    {
        std::memcpy(out + g.scaleOffset, &p.d, 4);
        if (!sym_)
            out[g.zpOffset] = uint8_t(p.zp);  // one b-bit value in the low bits of one byte
    }
    Params loadTensorParams(const unsigned char* in, const Geometry& g) const
    {
        Params p;
        std::memcpy(&p.d, in + g.scaleOffset, 4);
        p.zp = sym_ ? 0 : int(in[g.zpOffset] & qmaxAsym());
        return p;
    }

    int bits_;
    bool sym_;
    Granularity gran_;
    int group_;
    std::string name_, desc_;
    DescriptionText descText_;
};

}  // namespace

void appendIntFormats(std::vector<const Format*>& v)
{
    static const std::vector<std::unique_ptr<IntUniformFormat>> all = [] {
        std::vector<std::unique_ptr<IntUniformFormat>> f;
        for (int bits : {8, 4, 2})
            for (bool sym : {true, false}) {
                f.push_back(std::make_unique<IntUniformFormat>(bits, sym, Granularity::Tensor, 0));
                f.push_back(std::make_unique<IntUniformFormat>(bits, sym, Granularity::Channel, 0));
                for (int g : {128, 64, 32})
                    f.push_back(std::make_unique<IntUniformFormat>(bits, sym, Granularity::Group, g));
            }
        return f;
    }();
    for (const auto& f : all)
        v.push_back(f.get());
}

}  // namespace qs
