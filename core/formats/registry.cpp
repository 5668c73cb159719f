#include "core/formats/format.h"
#include "core/util/error.h"
#include "core/util/isa.h"
#include "core/util/strings.h"

namespace qs {

void Format::dequantizeRows(const void* src, int64_t rows, int64_t cols, int64_t r0, int64_t r1, float* dst) const
{
    std::vector<float> all(size_t(rows * cols));
    dequantize(src, rows, cols, all.data());
    std::copy(all.begin() + r0 * cols, all.begin() + r1 * cols, dst);
}

// ---- The formats, each defined in its own file (a new format: its file, and its two lines here) ----
const Format& formatF32();  // float_formats.cpp
const Format& formatF16();
const Format& formatBF16();
const Format& formatQ8_0();  // q8_0.cpp, ...
const Format& formatQ6_K();
const Format& formatQ5_1();
const Format& formatQ5_K();
const Format& formatQ5_0();
const Format& formatQ4_1();
const Format& formatQ4_K();
const Format& formatQ4_0();
const Format& formatIQ4_NL();
const Format& formatIQ4_XS();  // iq4_xs.cpp
const Format& formatMXFP4();   // mxfp4.cpp
const Format& formatIQ3_S();  // iq3_s.cpp
const Format& formatQ3_K();
const Format& formatIQ3_XXS();  // iq3_xxs.cpp
const Format& formatQ2_K();
const Format& formatIQ2_S();    // iq2_s.cpp
const Format& formatIQ2_XS();   // iq2_xs.cpp
const Format& formatIQ2_XXS();  // iq2_xxs.cpp
const Format& formatTQ2_0();  // tq2_0.cpp
const Format& formatIQ1_M();  // iq1_m.cpp
const Format& formatTQ1_0();  // tq1_0.cpp
const Format& formatIQ1_S();  // iq1_s.cpp
void appendIntFormats(std::vector<const Format*>& v);  // int_uniform.cpp: the INTn family
const Format& formatNF4();                              // nf4.cpp

std::vector<float> Format::roundTrip(const float* src, int64_t rows, int64_t cols, const float* importance) const
{
    std::vector<unsigned char> q(storageBytes(rows, cols));
    quantize(src, rows, cols, q.data(), importance);
    std::vector<float> out(static_cast<size_t>(rows * cols));
    dequantize(q.data(), rows, cols, out.data());
    return out;
}

const char* Format::isa() const { return QS_ISA_NAME; }  // formats without per-ISA kernels

void Format::quantizePieces(const float*, int64_t, int64_t, const float*, int64_t, void*) const
{
    invalidInput({}, name() + " is not stored in pieces");
}
void Format::assemblePieces(const void*, int64_t, int64_t, void*) const
{
    invalidInput({}, name() + " is not stored in pieces");
}

const std::vector<const Format*>& allFormats()
{
    static const std::vector<const Format*> all = [] {
        std::vector<const Format*> v;
        // ---- The one list of formats (its order is the display order). ----
        // Order: floats, then GGUF block formats from most to fewest bits, then the INT family.
        v.push_back(&formatF32());
        v.push_back(&formatF16());
        v.push_back(&formatBF16());
        v.push_back(&formatQ8_0());
        v.push_back(&formatQ6_K());
        v.push_back(&formatQ5_1());
        v.push_back(&formatQ5_K());
        v.push_back(&formatQ5_0());
        v.push_back(&formatQ4_1());
        v.push_back(&formatQ4_K());
        v.push_back(&formatQ4_0());
        v.push_back(&formatIQ4_NL());
        v.push_back(&formatIQ4_XS());
        v.push_back(&formatMXFP4());
        v.push_back(&formatIQ3_S());
        v.push_back(&formatQ3_K());
        v.push_back(&formatIQ3_XXS());
        v.push_back(&formatQ2_K());
        v.push_back(&formatIQ2_S());
        v.push_back(&formatIQ2_XS());
        v.push_back(&formatIQ2_XXS());
        v.push_back(&formatTQ2_0());
        v.push_back(&formatIQ1_M());
        v.push_back(&formatTQ1_0());
        v.push_back(&formatIQ1_S());
        appendIntFormats(v);  // INT8/INT4/INT2 x SYM/ASYM x TENSOR/CHANNEL/G128/G64/G32
        v.push_back(&formatNF4());
        return v;
    }();
    return all;
}

const Format* findFormat(std::string_view name)
{
    for (const Format* f : allFormats())
        if (iequals(f->name(), name))
            return f;
    return nullptr;
}

const Format* formatForGgml(GgmlType t)
{
    for (const Format* f : allFormats())
        if (f->ggmlType() == t)
            return f;
    return nullptr;
}

}  // namespace qs
