// Block inspector: quantize a row with the registered format, then decode one block's bytes.
// The level computations repeat each decoder's float operations in the same order, so the
// levels hold the decoded values bit for bit.
#include "core/formats/inspect.h"

#include "core/util/error.h"
#include "core/formats/blocks.h"
#include "core/formats/kquant_common.h"
#include "core/formats/legacy_kernels.h"
#include "core/formats/registry_list.h"
#include "core/util/half.h"

#include <cmath>
#include <cstdio>
#include <cstring>
#include <regex>

namespace qs {
namespace {

enum class Fmt { None, Q8_0, Q4_0, Q4_1, Q5_0, Q5_1, IQ4_NL, Q2_K, Q3_K, Q4_K, Q5_K, Q6_K, Int, NF4 };

struct IntSpec {
    int bits = 0;
    bool sym = true;
    enum { Tensor, Channel, Group } gran = Group;
    int group = 0;
};

Fmt kindOf(const Format& f, IntSpec* spec = nullptr)
{
    const std::string n = f.name();
    static const std::pair<const char*, Fmt> names[] = {
        {"Q8_0", Fmt::Q8_0}, {"Q4_0", Fmt::Q4_0}, {"Q4_1", Fmt::Q4_1}, {"Q5_0", Fmt::Q5_0},
        {"Q5_1", Fmt::Q5_1}, {"IQ4_NL", Fmt::IQ4_NL}, {"Q2_K", Fmt::Q2_K}, {"Q3_K", Fmt::Q3_K},
        {"Q4_K", Fmt::Q4_K}, {"Q5_K", Fmt::Q5_K}, {"Q6_K", Fmt::Q6_K}, {"NF4", Fmt::NF4}};
    for (const auto& [s, k] : names)
        if (n == s)
            return k;
    static const std::regex re("INT([248])_(SYM|ASYM)_(TENSOR|CHANNEL|G([0-9]+))");
    std::smatch m;
    if (f.family() == FormatFamily::Int && std::regex_match(n, m, re)) {
        if (spec) {
            spec->bits = std::stoi(m[1].str());
            spec->sym = m[2].str() == "SYM";
            spec->gran = m[3].str() == "TENSOR" ? IntSpec::Tensor : m[3].str() == "CHANNEL" ? IntSpec::Channel : IntSpec::Group;
            spec->group = spec->gran == IntSpec::Group ? std::stoi(m[4].str()) : 0;
        }
        return Fmt::Int;
    }
    return Fmt::None;
}

int unitLength(Fmt k, const IntSpec& s)
{
    switch (k) {
    case Fmt::Q2_K:
    case Fmt::Q3_K:
    case Fmt::Q6_K:
        return 16;
    case Fmt::NF4:
        return 64;
    case Fmt::Int:
        return s.gran == IntSpec::Group ? s.group : 32;
    case Fmt::None:
        return 0;
    default:
        return 32;
    }
}

// "(−5)" for negative numbers inside products, "5" otherwise.
std::string paren(double v, int digits = 4)
{
    const std::string s = formatNumber(v, digits);
    return v < 0 ? "(" + s + ")" : s;
}
std::string str(int v) { return formatNumber(double(v), 12); }
std::string parenInt(int v) { return v < 0 ? "(" + str(v) + ")" : str(v); }

// ---- K-quant super-block decoding: codes (as stored) of all 256 weights and sub-block integers.
struct SuperDecoded {
    int codes[256] = {};
    int sc[16] = {}, mn[16] = {};
    float d = 0, dmin = 0;
};

void decodeSuper(Fmt k, const unsigned char* p, SuperDecoded& o)
{
    switch (k) {
    case Fmt::Q2_K: {
        BlockQ2K b;
        std::memcpy(&b, p, sizeof b);
        o.d = fp16ToFp32(b.d);
        o.dmin = fp16ToFp32(b.dmin);
        for (int j = 0; j < 16; ++j) {
            o.sc[j] = b.scales[j] & 0xF;
            o.mn[j] = b.scales[j] >> 4;
        }
        for (int i = 0; i < 256; ++i) {
            const int h = i / 128, j = (i % 128) / 32, l = i % 32;
            o.codes[i] = (b.qs[32 * h + l] >> (2 * j)) & 3;
        }
        break;
    }
    case Fmt::Q3_K: {
        BlockQ3K b;
        std::memcpy(&b, p, sizeof b);
        o.d = fp16ToFp32(b.d);
        for (int j = 0; j < 16; ++j)
            o.sc[j] = kq::unpackScale6Q3(b.scales, j);
        for (int i = 0; i < 256; ++i) {
            const int h = i / 128, j = (i % 128) / 32, l = i % 32;
            const int lo = (b.qs[32 * h + l] >> (2 * j)) & 3;
            const int hi = (b.hmask[l] >> (i / 32)) & 1;
            o.codes[i] = lo | (hi << 2);
        }
        break;
    }
    case Fmt::Q4_K:
    case Fmt::Q5_K: {
        uint16_t d, dmin;
        const uint8_t *scales, *qs, *qh = nullptr;
        BlockQ4K b4;
        BlockQ5K b5;
        if (k == Fmt::Q4_K) {
            std::memcpy(&b4, p, sizeof b4);
            d = b4.d, dmin = b4.dmin, scales = b4.scales, qs = b4.qs;
        } else {
            std::memcpy(&b5, p, sizeof b5);
            d = b5.d, dmin = b5.dmin, scales = b5.scales, qs = b5.qs, qh = b5.qh;
        }
        o.d = fp16ToFp32(d);
        o.dmin = fp16ToFp32(dmin);
        for (int j = 0; j < 8; ++j)
            kq::unpackScaleMin6(scales, j, o.sc[j], o.mn[j]);
        for (int i = 0; i < 256; ++i) {
            const int c = i / 64, hiHalf = (i % 64) / 32, l = i % 32;
            int q = hiHalf ? (qs[32 * c + l] >> 4) : (qs[32 * c + l] & 0xF);
            if (qh && (qh[l] >> (2 * c + hiHalf)) & 1)
                q += 16;
            o.codes[i] = q;
        }
        break;
    }
    case Fmt::Q6_K: {
        BlockQ6K b;
        std::memcpy(&b, p, sizeof b);
        o.d = fp16ToFp32(b.d);
        for (int j = 0; j < 16; ++j)
            o.sc[j] = b.scales[j];
        for (int i = 0; i < 256; ++i) {
            const int h = i / 128, kk = (i % 128) / 32, l = i % 32;
            const uint8_t ql = b.ql[64 * h + l + (kk & 1) * 32];
            const int lo = (kk < 2) ? (ql & 0xF) : (ql >> 4);
            const int hi = (b.qh[32 * h + l] >> (2 * kk)) & 3;
            o.codes[i] = lo | (hi << 4);
        }
        break;
    }
    default:
        break;
    }
}

// Decodes one 32-weight legacy block: codes and the block's d (and m).
void decodeLegacy(Fmt k, const unsigned char* p, int* codes, float& d, float& m)
{
    auto nibbles = [&](const uint8_t* qs) {
        for (int j = 0; j < 16; ++j) {
            codes[j] = qs[j] & 0x0F;
            codes[j + 16] = qs[j] >> 4;
        }
    };
    auto fifth = [&](const uint8_t* qh) {
        const uint32_t h = uint32_t(qh[0]) | uint32_t(qh[1]) << 8 | uint32_t(qh[2]) << 16 | uint32_t(qh[3]) << 24;
        for (int j = 0; j < 32; ++j)
            codes[j] |= int((h >> j) & 1u) << 4;
    };
    m = 0;
    switch (k) {
    case Fmt::Q8_0: {
        BlockQ8_0 b;
        std::memcpy(&b, p, sizeof b);
        d = fp16ToFp32(b.d);
        for (int j = 0; j < 32; ++j)
            codes[j] = b.qs[j];
        break;
    }
    case Fmt::Q4_0: {
        BlockQ4_0 b;
        std::memcpy(&b, p, sizeof b);
        d = fp16ToFp32(b.d);
        nibbles(b.qs);
        break;
    }
    case Fmt::IQ4_NL: {
        BlockIq4Nl b;
        std::memcpy(&b, p, sizeof b);
        d = fp16ToFp32(b.d);
        nibbles(b.qs);
        break;
    }
    case Fmt::Q4_1: {
        BlockQ4_1 b;
        std::memcpy(&b, p, sizeof b);
        d = fp16ToFp32(b.d);
        m = fp16ToFp32(b.m);
        nibbles(b.qs);
        break;
    }
    case Fmt::Q5_0: {
        BlockQ5_0 b;
        std::memcpy(&b, p, sizeof b);
        d = fp16ToFp32(b.d);
        nibbles(b.qs);
        fifth(b.qh);
        break;
    }
    case Fmt::Q5_1: {
        BlockQ5_1 b;
        std::memcpy(&b, p, sizeof b);
        d = fp16ToFp32(b.d);
        m = fp16ToFp32(b.m);
        nibbles(b.qs);
        fifth(b.qh);
        break;
    }
    default:
        break;
    }
}

uint64_t legacyBlockBytes(Fmt k)
{
    switch (k) {
    case Fmt::Q8_0: return sizeof(BlockQ8_0);
    case Fmt::Q4_0: return sizeof(BlockQ4_0);
    case Fmt::Q4_1: return sizeof(BlockQ4_1);
    case Fmt::Q5_0: return sizeof(BlockQ5_0);
    case Fmt::Q5_1: return sizeof(BlockQ5_1);
    case Fmt::IQ4_NL: return sizeof(BlockIq4Nl);
    case Fmt::Q2_K: return sizeof(BlockQ2K);
    case Fmt::Q3_K: return sizeof(BlockQ3K);
    case Fmt::Q4_K: return sizeof(BlockQ4K);
    case Fmt::Q5_K: return sizeof(BlockQ5K);
    case Fmt::Q6_K: return sizeof(BlockQ6K);
    default: return 0;
    }
}

}  // namespace

std::string formatNumber(double v, int digits)
{
    if (std::isnan(v))
        return "nan";
    if (std::isinf(v))
        return v < 0 ? "\u2212inf" : "inf";
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.*g", digits, v);
    std::string s = buf;
    if (s == "-0")
        s = "0";
    if (!s.empty() && s[0] == '-')
        s = "\u2212" + s.substr(1);
    return s;
}

bool inspectSupported(const Format& f) { return kindOf(f) != Fmt::None; }

int inspectBlockLength(const Format& f, int64_t cols)
{
    IntSpec s;
    const Fmt k = kindOf(f, &s);
    if (k == Fmt::None || !f.supports(1, cols))
        return 0;
    const int len = unitLength(k, s);
    return cols >= len ? len : 0;
}

int64_t inspectBlocksPerRow(const Format& f, int64_t cols)
{
    const int len = inspectBlockLength(f, cols);
    return len > 0 ? cols / len : 0;
}

std::string BlockInspection::formulaFor(int j) const
{
    if (j < 0 || j >= length)
        return {};
    const int q = codes[size_t(j)];
    const std::string r = formatNumber(reconstructed[size_t(j)]);
    const std::string d = formatNumber(scale);
    switch (kind) {
    case Kind::Signed:
        if (offset == 0)
            return "x̂ = d·q = " + d + " × " + parenInt(q) + " = " + r;
        return "x̂ = d·(q − " + str(offset) + ") = " + d + " × (" + str(q) + " − " + str(offset) + ") = " + r;
    case Kind::Offset:
        return "x̂ = d·q + m = " + d + " × " + str(q) + " + " + paren(*minValue) + " = " + r;
    case Kind::Table:
        return "x̂ = d·v[q] = " + d + " × v[" + str(q) + "] = " + d + " × " + paren(table[size_t(q)], 6) + " = " + r;
    case Kind::KMin:
        return "x̂ = (d·sc)·q − dmin·m = (" + formatNumber(superD) + " × " + str(subScales[size_t(subBlock)]) +
               ") × " + str(q) + " − " + formatNumber(*superDmin) + " × " + str(subMins[size_t(subBlock)]) + " = " + r;
    case Kind::KSym:
        return "x̂ = d·sc·(q − " + str(offset) + ") = " + formatNumber(superD) + " × " +
               parenInt(subScales[size_t(subBlock)]) + " × (" + str(q) + " − " + str(offset) + ") = " + r;
    case Kind::Int:
        if (!zeroPoint)
            return "x̂ = s·q = " + d + " × " + parenInt(q) + " = " + r;
        return "x̂ = s·(q − z) = " + d + " × (" + str(q) + " − " + str(*zeroPoint) + ") = " + r;
    case Kind::Nf4:
        return "x̂ = absmax·NF4[q] = " + d + " × NF4[" + str(q) + "] = " + d + " × " + paren(table[size_t(q)], 6) +
               " = " + r;
    }
    return {};
}

BlockInspection inspectBlock(const Format& f, const float* tensor, int64_t rows, int64_t cols, int64_t row,
                             int64_t block, const float* importance)
{
    IntSpec spec;
    const Fmt k = kindOf(f, &spec);
    if (k == Fmt::None)
        invalidInput("", "block inspector: format " + f.name() + " has no block grid to inspect");
    const int len = inspectBlockLength(f, cols);
    if (len == 0 || rows <= 0)
        invalidInput("", "block inspector: " + f.name() + " cannot store rows of " + std::to_string(cols) + " weights");
    if (row < 0 || row >= rows || block < 0 || block >= cols / len)
        invalidInput("", "block inspector: row " + std::to_string(row) + " / block " + std::to_string(block) +
                             " is outside the tensor (" + std::to_string(rows) + " rows, " +
                             std::to_string(cols / len) + " blocks per row)");

    BlockInspection r;
    r.format = f.name();
    r.row = row;
    r.block = block;
    r.col0 = block * len;
    r.length = len;
    const float* x = tensor + row * cols + r.col0;
    r.original.assign(x, x + len);
    r.codes.assign(size_t(len), 0);

    // Quantize the row (the whole tensor for per-tensor scales).
    const bool whole = k == Fmt::Int && spec.gran == IntSpec::Tensor;
    const int64_t qrows = whole ? rows : 1;
    const float* src = whole ? tensor : tensor + row * cols;
    std::vector<unsigned char> bytes(f.storageBytes(qrows, cols));
    f.quantize(src, qrows, cols, bytes.data(), importance);
    const int64_t qrow = whole ? row : 0;

    auto setLevels = [&](int lo, int hi, auto&& value) {
        r.codeMin = lo;
        r.codeMax = hi;
        r.levels.resize(size_t(hi - lo + 1));
        for (int c = lo; c <= hi; ++c)
            r.levels[size_t(c - lo)] = value(c);
    };

    switch (k) {
    case Fmt::Q8_0:
    case Fmt::Q4_0:
    case Fmt::Q4_1:
    case Fmt::Q5_0:
    case Fmt::Q5_1:
    case Fmt::IQ4_NL: {
        float d = 0, m = 0;
        decodeLegacy(k, bytes.data() + block * legacyBlockBytes(k), r.codes.data(), d, m);
        r.scale = d;
        if (k == Fmt::Q8_0) {
            r.kind = BlockInspection::Kind::Signed;
            r.formulaGeneral = "x̂ = d·q";
            setLevels(-127, 127, [&](int c) { return float(c) * d; });
        } else if (k == Fmt::Q4_0 || k == Fmt::Q5_0) {
            r.kind = BlockInspection::Kind::Signed;
            r.offset = k == Fmt::Q4_0 ? 8 : 16;
            r.formulaGeneral = "x̂ = d·(q − " + str(r.offset) + ")";
            setLevels(0, 2 * r.offset - 1, [&](int c) { return float(c - r.offset) * d; });
        } else if (k == Fmt::IQ4_NL) {
            r.kind = BlockInspection::Kind::Table;
            r.formulaGeneral = "x̂ = d·v[q]";
            for (int8_t v : legacy::kIq4nlValues)
                r.table.push_back(float(v));
            setLevels(0, 15, [&](int c) { return d * float(legacy::kIq4nlValues[c]); });
        } else {
            r.kind = BlockInspection::Kind::Offset;
            r.minValue = m;
            r.formulaGeneral = "x̂ = d·q + m";
            setLevels(0, k == Fmt::Q4_1 ? 15 : 31, [&](int c) { return float(c) * d + m; });
        }
        r.scaleFormula = "d = " + formatNumber(d, 6) + " (fp16)";
        if (r.minValue)
            r.scaleFormula += ", m = " + formatNumber(m, 6) + " (fp16)";
        break;
    }
    case Fmt::Q2_K:
    case Fmt::Q3_K:
    case Fmt::Q4_K:
    case Fmt::Q5_K:
    case Fmt::Q6_K: {
        r.kquant = true;
        r.subBlocks = kq::kSuper / len;
        r.superBlock = block / r.subBlocks;
        r.subBlock = int(block % r.subBlocks);
        SuperDecoded s;
        decodeSuper(k, bytes.data() + r.superBlock * legacyBlockBytes(k), s);
        for (int j = 0; j < len; ++j)
            r.codes[size_t(j)] = s.codes[r.subBlock * len + j];
        r.superD = s.d;
        r.subScales.assign(s.sc, s.sc + r.subBlocks);
        r.subScaleBits = k == Fmt::Q2_K ? 4 : k == Fmt::Q6_K ? 8 : 6;
        const int sc = s.sc[r.subBlock];
        const float dl = s.d * float(sc);
        r.subScaleValue = dl;
        r.scale = dl;
        if (k == Fmt::Q2_K || k == Fmt::Q4_K || k == Fmt::Q5_K) {
            r.kind = BlockInspection::Kind::KMin;
            r.superDmin = s.dmin;
            r.subMins.assign(s.mn, s.mn + r.subBlocks);
            const float ml = s.dmin * float(s.mn[r.subBlock]);
            r.subMinValue = ml;
            r.minValue = ml;
            r.formulaGeneral = "x̂ = (d·sc)·q − dmin·m";
            setLevels(0, k == Fmt::Q2_K ? 3 : k == Fmt::Q4_K ? 15 : 31, [&](int c) { return dl * float(c) - ml; });
            r.scaleFormula = "d·sc = " + formatNumber(s.d, 6) + " × " + str(sc) + " = " + formatNumber(dl) +
                             "; dmin·m = " + formatNumber(s.dmin, 6) + " × " + str(s.mn[r.subBlock]) + " = " +
                             formatNumber(ml);
        } else {
            r.kind = BlockInspection::Kind::KSym;
            r.offset = k == Fmt::Q3_K ? 4 : 32;
            r.formulaGeneral = "x̂ = d·sc·(q − " + str(r.offset) + ")";
            if (k == Fmt::Q3_K)
                setLevels(0, 7, [&](int c) { return dl * float(c - 4); });
            else
                setLevels(0, 63, [&](int c) { return s.d * float(sc) * float(c - 32); });
            r.scaleFormula = "d·sc = " + formatNumber(s.d, 6) + " × " + parenInt(sc) + " = " + formatNumber(dl);
        }
        break;
    }
    case Fmt::NF4: {
        const uint64_t codeBytes = uint64_t(cols) / 2;
        for (int j = 0; j < len; ++j) {
            const int64_t i = r.col0 + j;
            const uint8_t b = bytes[size_t(i / 2)];
            r.codes[size_t(j)] = (i % 2) ? (b >> 4) : (b & 0xF);
        }
        float amax;
        std::memcpy(&amax, bytes.data() + codeBytes + 4 * block, 4);
        r.scale = amax;
        r.kind = BlockInspection::Kind::Nf4;
        r.table.assign(nf4Levels().begin(), nf4Levels().end());
        r.formulaGeneral = "x̂ = absmax·NF4[q]";
        setLevels(0, 15, [&](int c) { return nf4Levels()[size_t(c)] * amax; });
        r.scaleFormula = "absmax = " + formatNumber(amax, 6);
        break;
    }
    case Fmt::Int: {
        const int b = spec.bits;
        const int64_t rowCodeBytes = (cols * b + 7) / 8;
        const int64_t nScales = spec.gran == IntSpec::Tensor ? 1 : spec.gran == IntSpec::Channel ? qrows : qrows * (cols / spec.group);
        const uint64_t scaleOffset = uint64_t(qrows * rowCodeBytes);
        const uint64_t zpOffset = scaleOffset + (spec.gran == IntSpec::Tensor ? 4 : 2 * uint64_t(nScales));
        const unsigned mask = (1u << b) - 1;
        auto field = [&](const unsigned char* base, int64_t idx) {
            const int64_t bit = idx * b;
            return int((base[bit / 8] >> (bit % 8)) & mask);
        };
        for (int j = 0; j < len; ++j) {
            int c = field(bytes.data() + qrow * rowCodeBytes, r.col0 + j);
            if (spec.sym && c >= (1 << (b - 1)))
                c -= 1 << b;
            r.codes[size_t(j)] = c;
        }
        const int64_t sidx = spec.gran == IntSpec::Tensor ? 0 : spec.gran == IntSpec::Channel ? qrow : block;
        float d;
        if (spec.gran == IntSpec::Tensor) {
            std::memcpy(&d, bytes.data() + scaleOffset, 4);
        } else {
            uint16_t h;
            std::memcpy(&h, bytes.data() + scaleOffset + 2 * sidx, 2);
            d = fp16ToFp32(h);
        }
        r.scale = d;
        r.kind = BlockInspection::Kind::Int;
        int zp = 0;
        if (!spec.sym) {
            zp = field(bytes.data() + zpOffset, sidx);
            r.zeroPoint = zp;
            r.formulaGeneral = "x̂ = s·(q − z)";
            setLevels(0, int(mask), [&](int c) { return float(c - zp) * d; });
            r.scaleFormula = "s = " + formatNumber(d, 6) + ", z = " + str(zp);
        } else {
            const int qmax = (1 << (b - 1)) - 1;
            r.formulaGeneral = "x̂ = s·q";
            setLevels(-qmax, qmax, [&](int c) { return float(c) * d; });
            r.scaleFormula = "s = " + formatNumber(d, 6);
        }
        break;
    }
    case Fmt::None:
        break;
    }

    r.reconstructed.resize(size_t(len));
    r.error.resize(size_t(len));
    for (int j = 0; j < len; ++j) {
        const int c = r.codes[size_t(j)];
        if (c < r.codeMin || c > r.codeMax)
            failure("", "block inspector: " + f.name() + " stored code " + std::to_string(c) + " is outside its range");
        r.reconstructed[size_t(j)] = r.levels[size_t(c - r.codeMin)];
        r.error[size_t(j)] = r.reconstructed[size_t(j)] - r.original[size_t(j)];
    }
    return r;
}

}  // namespace qs
