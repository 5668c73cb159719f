#include "core/formats/format.h"
#include "core/formats/registry_list.h"
#include "core/util/strings.h"

namespace qs {

std::vector<float> Format::roundTrip(const float* src, int64_t rows, int64_t cols, const float* importance) const
{
    std::vector<unsigned char> q(storageBytes(rows, cols));
    quantize(src, rows, cols, q.data(), importance);
    std::vector<float> out(static_cast<size_t>(rows * cols));
    dequantize(q.data(), rows, cols, out.data());
    return out;
}

const std::vector<const Format*>& allFormats()
{
    static const std::vector<const Format*> all = [] {
        std::vector<const Format*> v;
        // ---- The one list of formats. A new format: one file, one line here. ----
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
        v.push_back(&formatQ3_K());
        v.push_back(&formatQ2_K());
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
