#include "core/plan/plan.h"

#include "core/util/error.h"
#include "core/formats/format.h"
#include "core/model/architecture.h"
#include "core/model/tensor_names.h"
#include "core/util/strings.h"

#include <QRegularExpression>
#include <QString>

#include <algorithm>
#include <initializer_list>
#include <sstream>

namespace qs {

namespace {

struct Preset {
    const char* name;
    GgmlType base;     // the type most tensors get (llama.cpp's default type of the file type)
    uint32_t fileType; // LLAMA_FTYPE_MOSTLY_* (llama.h)
};

// llama.cpp's presets (llama-quantize's names), their default types and llama_ftype numbers, in
// display order: most bits first.
const Preset kPresets[] = {
    {"Q8_0", GgmlType::Q8_0, 7},         {"Q6_K", GgmlType::Q6_K, 18},       {"Q5_K_M", GgmlType::Q5_K, 17},
    {"Q5_K_S", GgmlType::Q5_K, 16},      {"Q5_1", GgmlType::Q5_1, 9},        {"Q5_0", GgmlType::Q5_0, 8},
    {"Q4_K_M", GgmlType::Q4_K, 15},      {"Q4_K_S", GgmlType::Q4_K, 14},     {"Q4_1", GgmlType::Q4_1, 3},
    {"Q4_0", GgmlType::Q4_0, 2},         {"IQ4_NL", GgmlType::IQ4_NL, 25},   {"IQ4_XS", GgmlType::IQ4_XS, 30},
    {"MXFP4_MOE", GgmlType::MXFP4, 38},  {"Q3_K_L", GgmlType::Q3_K, 13},     {"Q3_K_M", GgmlType::Q3_K, 12},
    {"Q3_K_S", GgmlType::Q3_K, 11},      {"IQ3_M", GgmlType::IQ3_S, 27},     {"IQ3_S", GgmlType::IQ3_S, 26},
    {"IQ3_XS", GgmlType::IQ3_S, 22},     {"IQ3_XXS", GgmlType::IQ3_XXS, 23}, {"Q2_K", GgmlType::Q2_K, 10},
    {"Q2_K_S", GgmlType::Q2_K, 21},      {"IQ2_M", GgmlType::IQ2_S, 29},     {"IQ2_S", GgmlType::IQ2_XS, 28},
    {"IQ2_XS", GgmlType::IQ2_XS, 20},    {"IQ2_XXS", GgmlType::IQ2_XXS, 19}, {"IQ1_M", GgmlType::IQ1_M, 31},
    {"IQ1_S", GgmlType::IQ1_S, 24},      {"TQ2_0", GgmlType::TQ2_0, 37},     {"TQ1_0", GgmlType::TQ1_0, 36},
};

const Preset* findPreset(std::string_view name)
{
    for (const auto& p : kPresets)
        if (iequals(p.name, name))
            return &p;
    return nullptr;
}

std::string typeName(GgmlType t) { return std::string(ggmlTypeInfo(t).name); }

// Row granularity of a format name: GGUF types from the spec table, others from the registry.
int64_t blockSizeOf(const std::string& format)
{
    if (const auto t = ggmlTypeFromName(format))
        return ggmlTypeInfo(*t).blockSize;
    if (const Format* f = findFormat(format))
        return f->blockSize();
    return 1;
}

bool fits(const std::string& format, int64_t cols) { return cols > 0 && cols % blockSizeOf(format) == 0; }

int layerOf(const std::string& llamaName) { return layerNumber(llamaName); }

bool contains(const std::string& s, const char* part) { return s.find(part) != std::string::npos; }

struct ModelShape {
    int nLayers = 0;
    int nGqa = 1;      // query heads per key/value head (llama.cpp's n_gqa)
    int nExpert = 0;   // <arch>.expert_count (0: dense)
    bool hasOutput = false;
    bool is70B = false;  // llama.cpp's LLM_TYPE_70B: a llama of 80 layers with GQA
    int nAttnV = 0;      // attn_v-like tensors (attn_v, attn_qkv, attn_kv_b) in the model
    std::map<std::string, int> attnVIndex;  // their position in llama.cpp's order (layer, name)
};

// The tensor categories llama.cpp's mixture rules tell apart (by name, llama.cpp's names).
enum class Role { Output, TokenEmbd, AttnV, AttnK, AttnQ, AttnOutput, FfnUp, FfnGate, FfnDown, Other };

Role roleOf(const std::string& n)
{
    if (n == "output.weight")
        return Role::Output;
    if (n == "token_embd.weight" || n == "per_layer_token_embd.weight")
        return Role::TokenEmbd;
    // A fused QKV and MLA's kv_b projection carry the values: they count as attn_v.
    if (contains(n, "attn_qkv.weight") || contains(n, "attn_kv_b.weight") || contains(n, "attn_v.weight"))
        return Role::AttnV;
    if (contains(n, "attn_k.weight"))
        return Role::AttnK;
    if (contains(n, "attn_q.weight"))
        return Role::AttnQ;
    if (contains(n, "attn_output.weight"))
        return Role::AttnOutput;
    if (contains(n, "ffn_up"))
        return Role::FfnUp;
    if (contains(n, "ffn_gate"))
        return Role::FfnGate;
    if (contains(n, "ffn_down"))
        return Role::FfnDown;
    return Role::Other;
}

// Our statement of llama.cpp's llama_tensor_get_type (src/llama-quant.cpp) for the presets above:
// the type a preset gives a tensor before the row-length fallback, and why. `imatrix`: an
// importance matrix is applied (some rules differ with one). Falcon's rules are left out (no
// Falcon architecture here).
GgmlType presetType(const Preset& p, const std::string& name, const std::vector<int64_t>& shape, const ModelShape& ms,
                    bool imatrix, std::string* why)
{
    const std::string P = p.name;
    auto is = [&P](std::initializer_list<const char*> names) {
        return std::any_of(names.begin(), names.end(), [&P](const char* n) { return P == n; });
    };
    auto pick = [why](GgmlType t, const std::string& reason) {
        *why = reason + ": " + typeName(t);
        return t;
    };
    const int64_t cols = shape.empty() ? 1 : shape.back();
    const Role role = roleOf(name);
    const int layer = layerOf(name);
    const int n = ms.nLayers;
    const bool gqa4 = ms.nGqa >= 4;
    const std::string gqa = "GQA " + std::to_string(ms.nGqa);
    const std::string withImatrix = imatrix ? " (with an importance matrix)" : " (no importance matrix)";
    // llama.cpp's lowest-bit presets share one set of rules.
    const bool lowest = is({"IQ2_XXS", "IQ2_XS", "IQ2_S", "IQ2_M", "IQ1_S", "IQ1_M"});
    const bool iq2s = is({"IQ2_S", "IQ2_M"});

    if (role == Role::Output || (role == Role::TokenEmbd && !ms.hasOutput)) {
        const std::string what = role == Role::Output ? "output tensor" : "tied embedding/output tensor";
        if (P == "MXFP4_MOE")
            return pick(GgmlType::Q8_0, what + " of MXFP4_MOE");
        const int64_t block = ggmlTypeInfo(p.base).blockSize;
        if (cols % block != 0)
            return pick(GgmlType::Q8_0, what + ", row length " + std::to_string(cols) + " not a multiple of " +
                                            std::to_string(block));
        if (lowest || P == "IQ3_XXS")
            return pick(GgmlType::Q5_K, what + " of a lowest-bit preset");
        if (p.base != GgmlType::Q8_0)
            return pick(GgmlType::Q6_K, what);
        return pick(p.base, "preset " + P);
    }
    if (P == "MXFP4_MOE") {
        if (shape.size() == 3 && shape[0] > 1)
            return pick(GgmlType::MXFP4, "expert tensor");
        return pick(GgmlType::Q8_0, "not an expert tensor");
    }
    switch (role) {
    case Role::TokenEmbd:
        if (is({"IQ2_XXS", "IQ2_XS", "IQ1_S", "IQ1_M"}))
            return pick(GgmlType::Q2_K, "token_embd");
        if (is({"IQ2_S", "IQ2_M", "IQ3_XXS"}))
            return pick(GgmlType::IQ3_S, "token_embd");
        if (is({"TQ1_0", "TQ2_0"}))
            return pick(GgmlType::Q4_K, "token_embd");
        break;
    case Role::AttnV: {
        const auto it = ms.attnVIndex.find(name);
        const int iv = it == ms.attnVIndex.end() ? layer : it->second;  // llama.cpp counts attn_v tensors
        if (lowest) {
            if (gqa4 || ms.nExpert >= 4)
                return pick(GgmlType::Q4_K, "attn_v, " + gqa + ", " + std::to_string(ms.nExpert) + " experts");
            return pick(iq2s ? GgmlType::IQ3_S : GgmlType::Q2_K, "attn_v, " + gqa);
        }
        GgmlType t = p.base;
        std::string r = "preset " + P;
        if (P == "Q2_K")
            t = gqa4 ? GgmlType::Q4_K : GgmlType::Q3_K, r = "attn_v, " + gqa;
        else if (P == "Q2_K_S" && gqa4)
            t = GgmlType::Q4_K, r = "attn_v, " + gqa;
        else if (P == "IQ3_XXS")
            t = gqa4 ? GgmlType::Q4_K : !imatrix ? GgmlType::IQ3_S : GgmlType::IQ3_XXS, r = "attn_v, " + gqa + withImatrix;
        else if (is({"IQ3_XS", "IQ3_S"}) && gqa4)
            t = GgmlType::Q4_K, r = "attn_v, " + gqa;
        else if (P == "IQ3_M")
            t = GgmlType::Q4_K, r = "attn_v";
        else if (P == "Q3_K_M")
            t = iv < 2 ? GgmlType::Q5_K : GgmlType::Q4_K, r = iv < 2 ? "attn_v of the first 2 layers" : "attn_v";
        else if (P == "Q3_K_L")
            t = GgmlType::Q5_K, r = "attn_v";
        else if (is({"IQ4_NL", "IQ4_XS"}) && gqa4)
            t = GgmlType::Q5_K, r = "attn_v, " + gqa;
        else if (is({"Q4_K_M", "Q5_K_M"}) && useMoreBits(iv, ms.nAttnV))
            t = GgmlType::Q6_K, r = "attn_v on a more-bits layer";
        else if (P == "Q4_K_S" && iv < 4)
            t = GgmlType::Q5_K, r = "attn_v of the first 4 layers";
        if (ms.is70B && (t == GgmlType::Q3_K || t == GgmlType::Q4_K))
            t = GgmlType::Q5_K, r = "attn_v of a 70B llama (8 query heads share it)";
        if (ms.nExpert == 8)
            t = GgmlType::Q8_0, r = "attn_v of an 8-expert model";
        return pick(t, r);
    }
    case Role::AttnK:
        if (ms.nExpert == 8)
            return pick(lowest ? GgmlType::Q4_K : GgmlType::Q8_0, "attn_k of an 8-expert model");
        if (!lowest && P == "IQ3_XS")
            return pick(GgmlType::IQ3_XXS, "attn_k");
        if (!lowest && P == "IQ3_XXS")
            return pick(GgmlType::IQ2_S, "attn_k");
        break;
    case Role::AttnQ:
        if (P == "IQ3_XS")
            return pick(GgmlType::IQ3_XXS, "attn_q");
        if (P == "IQ3_XXS")
            return pick(GgmlType::IQ2_S, "attn_q");
        break;
    case Role::FfnDown: {
        const bool first8 = layer < n / 8, more = useMoreBits(layer, n);
        const std::string l8 = "ffn_down of the first eighth of layers";
        if (lowest) {
            if (first8)
                return pick(iq2s ? GgmlType::IQ3_S : GgmlType::Q2_K, l8);
            break;
        }
        if (P == "Q2_K")
            return pick(GgmlType::Q3_K, "ffn_down");
        if (P == "Q2_K_S" && first8)
            return pick(GgmlType::Q4_K, l8);
        if (P == "IQ3_XXS" && !imatrix)
            return pick(first8 ? GgmlType::Q4_K : GgmlType::Q3_K, (first8 ? l8 : std::string("ffn_down")) + withImatrix);
        if (P == "Q3_K_M")
            return layer < n / 16 ? pick(GgmlType::Q5_K, "ffn_down of the first sixteenth of layers")
                                  : pick(GgmlType::Q4_K, "ffn_down");
        if (P == "IQ3_M" && (first8 || (ms.nExpert == 8 && more)))
            return pick(GgmlType::Q4_K, first8 ? l8 : "ffn_down on a more-bits layer of an 8-expert model");
        if (P == "Q3_K_L")
            return pick(GgmlType::Q5_K, "ffn_down");
        if (P == "Q4_K_M" && more)
            return pick(GgmlType::Q6_K, "ffn_down on a more-bits layer");
        if (is({"IQ4_NL", "IQ4_XS"}) && first8 && !imatrix)
            return pick(GgmlType::Q5_K, l8 + withImatrix);
        if (P == "Q5_K_M" && more)
            return pick(GgmlType::Q6_K, "ffn_down on a more-bits layer");
        if (P == "Q4_K_S" && first8)
            return pick(GgmlType::Q5_K, l8);
        if (is({"Q4_0", "Q5_0"}) && imatrix && first8)
            return pick(P == "Q4_0" ? GgmlType::Q4_1 : GgmlType::Q5_1, l8 + withImatrix);
        break;
    }
    case Role::AttnOutput:
        if (ms.nExpert == 8) {
            if (lowest || is({"Q2_K", "IQ3_XS", "IQ3_XXS", "Q3_K_S", "Q3_K_M", "IQ4_NL", "Q4_K_S", "Q4_K_M", "IQ3_S",
                              "IQ3_M", "IQ4_XS"}))
                return pick(GgmlType::Q5_K, "attn_output of an 8-expert model");
            break;
        }
        if (is({"IQ1_S", "IQ1_M"}))
            return pick(GgmlType::IQ2_XXS, "attn_output");
        if (iq2s || P == "IQ3_XXS")
            return pick(GgmlType::IQ3_S, "attn_output");
        if (P == "Q2_K")
            return pick(GgmlType::Q3_K, "attn_output");
        if (is({"Q3_K_M", "IQ3_M"}))
            return pick(GgmlType::Q4_K, "attn_output");
        if (P == "Q3_K_L")
            return pick(GgmlType::Q5_K, "attn_output");
        break;
    case Role::FfnGate:
    case Role::FfnUp:
        if (P == "IQ3_XS" && layer >= n / 8 && layer < 7 * n / 8)
            return pick(GgmlType::IQ3_XXS, std::string(role == Role::FfnUp ? "ffn_up" : "ffn_gate") +
                                               " outside the first and last eighth of layers");
        break;
    case Role::Output:
    case Role::Other:
        break;
    }
    *why = "preset " + P;
    return p.base;
}

// llama.cpp refuses to write these without an importance matrix (its tensor_requires_imatrix):
// tensors other than token_embd/output at the 1- to 3-bit codebook types, and Q2_K in a Q2_K_S file.
bool requiresImportance(const std::string& llamaName, const std::string& format, uint32_t fileType)
{
    if (roleOf(llamaName) == Role::Output || roleOf(llamaName) == Role::TokenEmbd)
        return false;
    for (const char* t : {"IQ3_XXS", "IQ2_XXS", "IQ2_XS", "IQ2_S", "IQ1_M", "IQ1_S"})
        if (format == t)
            return true;
    return format == "Q2_K" && fileType == 21;  // LLAMA_FTYPE_MOSTLY_Q2_K_S
}

// The type a row length the chosen format does not divide falls back to: the format's fallback
// (llama.cpp's rule for its K-quants), F16 when there is none or it does not fit either.
std::string fallbackFor(const std::string& format, int64_t cols)
{
    std::string next;
    if (const Format* f = findFormat(format)) {
        if (const Format* fb = f->fallback())
            next = fb->name();
    } else if (format == "IQ1_S" || format == "IQ1_M" || format == "IQ2_S") {
        // GGUF types a plan may name before this build registers their format: llama.cpp's rule
        // for its 256-weight codebook types.
        next = "IQ4_NL";
    }
    return !next.empty() && fits(next, cols) ? next : std::string("F16");
}

std::string canonicalFormatName(const std::string& name)
{
    if (const Format* f = findFormat(name))
        return f->name();
    if (const auto t = ggmlTypeFromName(name))
        return typeName(*t);
    return name;
}

std::string safetensorsDtype(const TensorInfo& t)
{
    if (t.dtype == "F32" || t.dtype == "F16" || t.dtype == "BF16")
        return t.dtype;
    return "F32";
}

std::string shapeString(const std::vector<int64_t>& s)
{
    std::string r = "[";
    for (size_t i = 0; i < s.size(); ++i)
        r += (i ? "," : "") + std::to_string(s[i]);
    return r + "]";
}

}  // namespace

int64_t PlanEntry::numel() const
{
    int64_t n = 1;
    for (int64_t d : shape)
        n *= d;
    return n;
}

int QuantPlan::fallbacks() const
{
    return int(std::count_if(entries.begin(), entries.end(), [](const PlanEntry& e) { return e.fallback; }));
}

int QuantPlan::eligibleCount() const
{
    return int(std::count_if(entries.begin(), entries.end(), [](const PlanEntry& e) { return e.eligible; }));
}

static uint64_t storedBytes(const PlanEntry& e)
{
    const auto t = ggmlTypeFromName(e.outputDtype);
    if (!t)
        return 0;
    const auto& info = ggmlTypeInfo(*t);
    return uint64_t(e.rows()) * uint64_t(e.cols() / info.blockSize) * info.typeSize;
}

// Bytes of the quantized form (what a GGUF stores), whatever the target.
static uint64_t quantizedBytes(const PlanEntry& e)
{
    if (const Format* f = findFormat(e.format))
        return f->storageBytes(e.rows(), e.cols());
    if (const auto t = ggmlTypeFromName(e.format)) {
        const auto& info = ggmlTypeInfo(*t);
        return uint64_t(e.rows()) * uint64_t(e.cols() / info.blockSize) * info.typeSize;
    }
    return 0;
}

uint64_t QuantPlan::outputBytes() const
{
    uint64_t n = 0;
    for (const auto& e : entries)
        n += storedBytes(e);
    return n;
}

uint64_t QuantPlan::eligibleBytes() const
{
    uint64_t n = 0;
    for (const auto& e : entries)
        if (e.eligible)
            n += quantizedBytes(e);
    return n;
}

int64_t QuantPlan::eligibleParams() const
{
    int64_t n = 0;
    for (const auto& e : entries)
        if (e.eligible)
            n += e.numel();
    return n;
}

std::string QuantPlan::table() const
{
    size_t w = 8;
    for (const auto& e : entries)
        w = std::max(w, printable(e.outputName).size());
    std::ostringstream s;
    for (const auto& e : entries) {
        std::string name = printable(e.outputName);  // a name from the file cannot break the table
        name.resize(w, ' ');
        std::string shape = shapeString(e.shape);
        shape.resize(std::max<size_t>(shape.size(), 14), ' ');
        std::string src = e.sourceDtype;
        src.resize(std::max<size_t>(src.size(), 5), ' ');
        std::string dst = (target == PlanTarget::Safetensors && e.eligible) ? e.format + " as " + e.outputDtype : e.outputDtype;
        dst.resize(std::max<size_t>(dst.size(), 8), ' ');
        s << name << "  " << shape << "  " << src << " -> " << dst << "  " << printable(e.reason) << "\n";
    }
    return s.str();
}

const std::vector<std::string>& presetNames()
{
    static const std::vector<std::string> names = [] {
        std::vector<std::string> v;
        for (const auto& p : kPresets)
            v.emplace_back(p.name);
        return v;
    }();
    return names;
}

bool isPreset(std::string_view name) { return findPreset(name) != nullptr; }

bool isKnownType(std::string_view name) { return isPreset(name) || findFormat(name) != nullptr; }

bool isEligible(const std::string& name, const std::vector<int64_t>& shape)
{
    if (shape.size() < 2)
        return false;
    for (int64_t d : shape)
        if (d <= 0)
            return false;
    const std::string suffix = "weight";
    if (name.size() < suffix.size() || name.compare(name.size() - suffix.size(), suffix.size(), suffix) != 0)
        return false;
    return name.find("norm") == std::string::npos;
}

bool useMoreBits(int layer, int nLayers)
{
    return layer < nLayers / 8 || layer >= 7 * nLayers / 8 || (layer - nLayers / 8) % 3 == 2;
}

std::string ggufTensorName(const Model& m, const std::string& sourceName)
{
    std::string n = ggufName(m, sourceName);
    return n.empty() ? sourceName : n;
}

const Format& planFormat(const PlanEntry& e)
{
    const Format* f = findFormat(e.format);
    if (!f)
        invalidInput("", "format " + e.format + " (for tensor '" + e.sourceName + "') is not available in this build");
    return *f;
}

QuantPlan buildPlan(const Model& m, const PlanSpec& opts)
{
    QuantPlan plan;
    plan.type = opts.type;
    plan.pure = opts.pure;
    plan.target = opts.target;

    // --pure with a format's name means that format everywhere (IQ2_S, IQ4_NL, Q4_0 ... are also
    // llama.cpp preset names, and its IQ2_S preset's base type is IQ2_XS).
    const Preset* preset = opts.pure && findFormat(opts.type) ? nullptr : findPreset(opts.type);
    std::string baseType;
    if (preset) {
        baseType = typeName(preset->base);
        plan.fileType = preset->fileType;
        if (!opts.pure)
            plan.preset = std::string(preset->name);
    } else if (const Format* f = findFormat(opts.type)) {
        baseType = f->name();
        plan.fileType = f->ggufFileType();
    } else {
        std::string known;
        for (const auto& p : presetNames())
            known += (known.empty() ? "" : ", ") + p;
        for (const Format* f : allFormats())
            if (!isPreset(f->name()))
                known += ", " + f->name();
        invalidInput("", "unknown type '" + opts.type + "' (known: " + known + ")");
    }

    // The user's patterns: REGEX=TYPE.
    struct Override {
        std::string text;
        QRegularExpression re;
        std::string type;
    };
    std::vector<Override> overrides;
    for (const auto& o : opts.overrides) {
        const auto eq = o.rfind('=');
        if (eq == std::string::npos || eq == 0 || eq + 1 == o.size())
            invalidInput("", "override '" + o + "' is not of the form REGEX=TYPE");
        const std::string type = o.substr(eq + 1);
        if (!findFormat(type) && !ggmlTypeFromName(type))
            invalidInput("", "override '" + o + "': unknown type '" + type + "'");
        QRegularExpression re(QString::fromStdString(o.substr(0, eq)));
        if (!re.isValid())
            invalidInput("", "override '" + o + "': invalid regular expression (" + re.errorString().toStdString() + ")");
        overrides.push_back({o, std::move(re), canonicalFormatName(type)});
    }

    // Model shape facts the preset rules need.
    ModelShape ms;
    int maxLayer = -1;
    std::vector<std::pair<int, std::string>> attnV;
    for (const auto& t : m.tensors) {
        const std::string n = ggufTensorName(m, t.name);
        maxLayer = std::max(maxLayer, layerOf(n));
        if (n == "output.weight")
            ms.hasOutput = true;
        if (roleOf(n) == Role::AttnV && isEligible(n, t.shape))
            attnV.emplace_back(layerOf(n), n);
    }
    // llama.cpp counts attn_v tensors in its tensor order: by layer, then by name.
    std::sort(attnV.begin(), attnV.end());
    ms.nAttnV = int(attnV.size());
    for (size_t i = 0; i < attnV.size(); ++i)
        ms.attnVIndex[attnV[i].second] = int(i);
    ms.nLayers = maxLayer + 1;
    const ModelArchitecture arch = modelArchitecture(m);
    if (const auto& cfg = arch.config) {
        if (cfg->nLayers > 0)
            ms.nLayers = cfg->nLayers;
        if (cfg->nHeads > 0 && cfg->nKvHeads > 0)
            ms.nGqa = cfg->nHeads / cfg->nKvHeads;
        ms.is70B = arch.arch && arch.arch->gguf == "llama" && cfg->nLayers == 80 && cfg->nHeads != cfg->nKvHeads;
    }
    if (arch.arch)
        if (const MetaValue* v = m.meta(std::string(arch.arch->gguf) + ".expert_count"))
            ms.nExpert = int(v->asInt().value_or(0));

    std::vector<std::string> leftOut;
    for (size_t i = 0; i < m.tensors.size(); ++i) {
        const TensorInfo& t = m.tensors[i];
        PlanEntry e;
        e.sourceIndex = int(i);
        e.sourceName = t.name;
        e.ggufName = ggufName(m, t.name);
        // llama.cpp refuses a file with tensors its architecture does not read (its own converter
        // leaves them out too: rotary caches, vision towers of multimodal checkpoints).
        if (opts.target == PlanTarget::Gguf && arch.arch && e.ggufName.empty()) {
            leftOut.push_back(t.name);
            continue;
        }
        const std::string llamaName = e.ggufName.empty() ? t.name : e.ggufName;
        e.outputName = opts.target == PlanTarget::Gguf ? llamaName : t.name;
        e.shape = t.shape;
        e.sourceDtype = t.dtype;
        e.eligible = isEligible(llamaName, t.shape) || isEligible(t.name, t.shape);
        if (!e.eligible) {
            if (opts.target == PlanTarget::Gguf) {
                e.format = e.outputDtype = "F32";
                e.reason = t.shape.size() < 2 ? "1-D: kept F32" : "not a weight matrix: kept F32";
            } else {
                e.format = e.outputDtype = safetensorsDtype(t);
                e.reason = "not quantized: kept";
            }
            plan.entries.push_back(std::move(e));
            continue;
        }
        std::string why;
        std::string fmt = baseType;
        bool overridden = false;
        auto exact = opts.tensors.find(t.name);
        if (exact == opts.tensors.end())
            exact = opts.tensors.find(llamaName);
        if (exact != opts.tensors.end()) {
            if (!exact->second)
                invalidInput("", "no format given for tensor '" + exact->first + "'");
            fmt = exact->second->name();
            why = "set for this tensor: " + fmt;
            overridden = true;
        }
        const QString source = QString::fromStdString(t.name), llama = QString::fromStdString(llamaName);
        for (const auto& o : overrides) {
            if (overridden)
                break;
            if (o.re.match(llama).hasMatch() || o.re.match(source).hasMatch()) {
                fmt = o.type;
                why = "override '" + o.text + "'";
                overridden = true;
            }
        }
        if (!overridden) {
            if (preset && !opts.pure)
                fmt = typeName(presetType(*preset, llamaName, t.shape, ms, opts.importance, &why));
            else
                why = opts.pure && preset ? "pure " + baseType : "type " + baseType;
        }
        if (!fits(fmt, t.cols())) {
            const std::string fb = fallbackFor(fmt, t.cols());
            why += "; fallback: row length " + std::to_string(t.cols()) + " not a multiple of " +
                   std::to_string(blockSizeOf(fmt)) + " (" + fmt + " -> " + fb + ")";
            fmt = fb;
            e.fallback = true;
        }
        e.format = fmt;
        e.overridden = overridden;
        e.reason = why;
        if (opts.target == PlanTarget::Gguf) {
            const Format* f = findFormat(fmt);
            if (f && !f->ggmlType())
                invalidInput("", "type " + fmt + " cannot be stored in a GGUF file (llama.cpp has no such tensor type); "
                                 "export it as fake-quant .safetensors instead");
            if (!f && !ggmlTypeFromName(fmt))
                invalidInput("", "type " + fmt + " cannot be stored in a GGUF file");
            e.outputDtype = canonicalFormatName(fmt);
        } else {
            e.outputDtype = safetensorsDtype(t);
        }
        if (opts.target == PlanTarget::Gguf && requiresImportance(llamaName, fmt, plan.fileType))
            plan.importanceRequired = true;
        plan.entries.push_back(std::move(e));
    }
    plan.importance = opts.importance;
    if (plan.importanceRequired && !opts.importance) {
        // llama.cpp refuses this plan without an importance matrix; the export calibrates one, and
        // the rules that differ with one apply.
        PlanSpec calibrated = opts;
        calibrated.importance = true;
        QuantPlan p = buildPlan(m, calibrated);
        p.importanceCalibrated = true;
        return p;
    }
    if (!leftOut.empty())
        plan.warnings.push_back(std::to_string(leftOut.size()) + " tensor(s) that llama.cpp's " +
                                std::string(arch.arch->gguf) + " does not read are left out of the GGUF (" +
                                leftOut.front() + (leftOut.size() > 1 ? ", ..." : "") + ")");
    if (plan.fallbacks() > 0)
        plan.warnings.push_back(std::to_string(plan.fallbacks()) +
                                " tensor(s) use a fallback type because their row length does not fit the block size");
    return plan;
}

}  // namespace qs
