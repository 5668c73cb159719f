#pragma once
// Block inspector: everything needed to explain how one block of weights is stored by a format.
//
// inspectBlock() quantizes the tensor row with the registered Format (so the bytes are exactly
// what quantize/export write), then the format decodes the packed block (Format::inspectDecode):
// stored codes, scale(s), zero point or min, every level of the block's grid; here follow each
// weight's reconstruction and error and the formulas with the numbers filled in.
//
// What a "block" is here (the unit with one grid of levels):
//   Q8_0, Q4_0, Q4_1, Q5_0, Q5_1, IQ4_NL: the 32-weight block;
//   Q2_K, Q3_K, Q6_K: a 16-weight sub-block; Q4_K, Q5_K: a 32-weight sub-block (the super-block's
//     fp16 d/dmin and all its sub-block scale/min integers are reported as well);
//   INTn_*_Gn: the group; NF4: the 64-weight block;
//   INTn_*_CHANNEL / _TENSOR: a 32-weight window of the row (the grid is the row's / tensor's).
// Block indices count these units within a row (0 .. blocksPerRow-1).
#include "core/formats/format.h"

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace qs {

struct BlockInspection {
    std::string format;
    int64_t row = 0, block = 0;  // block index within the row
    int64_t col0 = 0;            // first column of the block
    int length = 0;              // weights in the block

    std::vector<float> original;       // the weights as given
    std::vector<int> codes;            // integers as stored (unsigned fields as unsigned, int8 as signed)
    int codeMin = 0, codeMax = 0;      // range of codes the format can store for this block
    std::vector<float> levels;         // levels[c - codeMin]: the reconstruction of code c
    std::vector<float> reconstructed;  // levels[codes[j] - codeMin] (== Format::dequantize)
    std::vector<float> error;          // reconstructed - original

    // The block's effective scale (x̂ = scale * something), e.g. d, d*sc, absmax.
    float scale = 0;
    std::optional<int> zeroPoint;  // INTn ASYM: the stored zero point
    std::optional<float> minValue; // Q4_1/Q5_1: m (added); K-quants with mins: dmin*m (subtracted)

    // K-quants: the super-block this sub-block belongs to.
    bool kquant = false;
    int64_t superBlock = 0;  // index within the row
    int subBlock = 0;        // index within the super-block
    int subBlocks = 0;       // sub-blocks per super-block
    int subScaleBits = 0;    // 4 (Q2_K), 6 (Q3_K/Q4_K/Q5_K), 8 (Q6_K)
    float superD = 0;        // fp16 d
    std::optional<float> superDmin;  // fp16 dmin (Q2_K, Q4_K, Q5_K)
    std::vector<int> subScales;  // all sub-block scale integers of the super-block
    std::vector<int> subMins;    // all sub-block min integers (empty without mins)

    // Lattice (codebook) formats: the sub-block's weights in groups, each group one point of the
    // format's grid (latticePoints of them) and a sign per weight.
    struct LatticeGroup {
        int point = 0;                // index in the grid
        std::vector<int> magnitudes;  // the point's grid values: |weight| / the sub-block scale (IQ1: -1, 0, 1)
        uint32_t negatives = 0;       // bit j: weight j of the group is negative
        float shift = 0;              // added to each value (IQ1_S/IQ1_M: +-1/8)
    };
    std::vector<LatticeGroup> lattice;
    int latticePoints = 0;
    // False: the points' values carry the signs and there are no sign bits (IQ1's ternary points).
    bool latticeSigns = true;
    // The sign of every eighth weight is not stored: it makes the number of minus signs among
    // its 8 even (IQ2_XXS, IQ2_XS, IQ3_XXS).
    bool paritySigns = false;

    // Filled in by inspectBlock() from the decoded fields:
    std::string formulaGeneral;  // "x̂ = d·(q − 8)"
    std::string scaleFormula;    // how the scale/min of this block come about, numbers filled in
    // The reconstruction of weight j with the actual numbers filled in.
    std::string formulaFor(int j) const;

    // How a code is reconstructed (set by the format's decoder; the formulas follow from it):
    //   Signed d·(q − offset), Offset d·q + m, Table d·table[q], KMin (d·sc)·q − dmin·m,
    //   KSym d·sc·(q − offset), Int s·q or s·(q − z), Nf4 absmax·table[q].
    enum class Kind { Signed, Offset, Table, KMin, KSym, Int, Nf4 };
    Kind kind = Kind::Signed;
    int offset = 0;                // code offset (q - offset)
    std::vector<float> table;      // Table/Nf4: value of each code
    float subScaleValue = 0;       // K: d*sc
    float subMinValue = 0;         // K: dmin*m
};

// Sets r's code range [lo, hi] and levels[c - lo] = value(c) (for Format::inspectDecode).
template <class F>
void setLevels(BlockInspection& r, int lo, int hi, F&& value)
{
    r.codeMin = lo;
    r.codeMax = hi;
    r.levels.resize(size_t(hi - lo + 1));
    for (int c = lo; c <= hi; ++c)
        r.levels[size_t(c - lo)] = value(c);
}

// Whether inspectBlock() can explain this format (Format::inspectLength() > 0: every GGUF block
// format and the INT/NF4 family).
bool inspectSupported(const Format& f);
// Weights per inspected block and blocks per row (0 if the format does not support cols).
int inspectBlockLength(const Format& f, int64_t cols);
int64_t inspectBlocksPerRow(const Format& f, int64_t cols);

// tensor: rows x cols floats (row-major). Throws qs::Error for an unsupported format or
// out-of-range row/block. Only the row is quantized, except for per-tensor INT formats.
// quantizeRow: writes the row's f.storageBytes(1, cols) bytes instead of the format's own
// rounding (error feedback shows its codes this way); not for per-tensor formats.
using RowQuantizer = std::function<void(const float* row, int64_t cols, void* dst)>;
BlockInspection inspectBlock(const Format& f, const float* tensor, int64_t rows, int64_t cols, int64_t row,
                             int64_t block, const float* importance = nullptr, const RowQuantizer& quantizeRow = {});

// A number as the formulas print it ("0.0123", "−5": U+2212 minus, 4 significant digits).
std::string formatNumber(double v, int digits = 4);

}  // namespace qs
