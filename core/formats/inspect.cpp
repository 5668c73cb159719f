// Block inspector: quantize a row with the registered format, let the format decode one block's
// bytes (Format::inspectDecode), then reconstruct each weight from the levels and write the
// formulas. The formats compute their levels with their decoders' float operations in the same
// order, so the levels hold the decoded values bit for bit.
#include "core/formats/inspect.h"

#include "core/util/error.h"

#include <cmath>
#include <cstdio>

namespace qs {
namespace {

// "(−5)" for negative numbers inside products, "5" otherwise.
std::string paren(double v, int digits = 4)
{
    const std::string s = formatNumber(v, digits);
    return v < 0 ? "(" + s + ")" : s;
}
std::string str(int v) { return formatNumber(double(v), 12); }
std::string parenInt(int v) { return v < 0 ? "(" + str(v) + ")" : str(v); }

// The general formula and how the scale (and min) of the block come about, numbers filled in.
void writeFormulas(BlockInspection& r)
{
    using Kind = BlockInspection::Kind;
    switch (r.kind) {
    case Kind::Signed:
        r.formulaGeneral = r.offset == 0 ? "x̂ = d·q" : "x̂ = d·(q − " + str(r.offset) + ")";
        r.scaleFormula = "d = " + formatNumber(r.scale, 6) + " (fp16)";
        break;
    case Kind::Offset:
        r.formulaGeneral = "x̂ = d·q + m";
        r.scaleFormula = "d = " + formatNumber(r.scale, 6) + " (fp16), m = " + formatNumber(*r.minValue, 6) + " (fp16)";
        break;
    case Kind::Table:
        r.formulaGeneral = "x̂ = d·v[q]";
        r.scaleFormula = "d = " + formatNumber(r.scale, 6) + " (fp16)";
        break;
    case Kind::KMin: {
        const int sc = r.subScales[size_t(r.subBlock)], mn = r.subMins[size_t(r.subBlock)];
        r.formulaGeneral = "x̂ = (d·sc)·q − dmin·m";
        r.scaleFormula = "d·sc = " + formatNumber(r.superD, 6) + " × " + str(sc) + " = " + formatNumber(r.scale) +
                         "; dmin·m = " + formatNumber(*r.superDmin, 6) + " × " + str(mn) + " = " +
                         formatNumber(*r.minValue);
        break;
    }
    case Kind::KSym:
        r.formulaGeneral = "x̂ = d·sc·(q − " + str(r.offset) + ")";
        r.scaleFormula = "d·sc = " + formatNumber(r.superD, 6) + " × " + parenInt(r.subScales[size_t(r.subBlock)]) +
                         " = " + formatNumber(r.scale);
        break;
    case Kind::Int:
        r.formulaGeneral = r.zeroPoint ? "x̂ = s·(q − z)" : "x̂ = s·q";
        r.scaleFormula = "s = " + formatNumber(r.scale, 6) + (r.zeroPoint ? ", z = " + str(*r.zeroPoint) : std::string());
        break;
    case Kind::Nf4:
        r.formulaGeneral = "x̂ = absmax·NF4[q]";
        r.scaleFormula = "absmax = " + formatNumber(r.scale, 6);
        break;
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

bool inspectSupported(const Format& f) { return f.inspectLength() > 0; }

int inspectBlockLength(const Format& f, int64_t cols)
{
    const int len = f.inspectLength();
    if (len <= 0 || !f.supports(1, cols))
        return 0;
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
                             int64_t block, const float* importance, const RowQuantizer& quantizeRow)
{
    if (!inspectSupported(f))
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

    // Quantize the row (the whole tensor for per-tensor scales), then let the format decode.
    const bool whole = f.inspectsWholeTensor();
    const int64_t qrows = whole ? rows : 1;
    const float* src = whole ? tensor : tensor + row * cols;
    std::vector<unsigned char> bytes(f.storageBytes(qrows, cols));
    if (quantizeRow && !whole)
        quantizeRow(src, cols, bytes.data());
    else
        f.quantize(src, qrows, cols, bytes.data(), importance);
    f.inspectDecode(bytes.data(), qrows, cols, whole ? row : 0, block, r);
    writeFormulas(r);

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

void Format::inspectDecode(const unsigned char*, int64_t, int64_t, int64_t, int64_t, BlockInspection&) const
{
    failure("", "block inspector: format " + name() + " has no block grid to inspect");
}

}  // namespace qs
