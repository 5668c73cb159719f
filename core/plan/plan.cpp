#include "core/plan/plan.h"

#include "core/util/error.h"
#include "core/formats/format.h"
#include "core/model/architecture.h"
#include "core/model/tensor_names.h"
#include "core/util/strings.h"

#include <QRegularExpression>
#include <QString>

#include <algorithm>
#include <sstream>

namespace qs {

namespace {

struct Preset {
    const char* name;
    GgmlType base;     // the type most tensors get
    uint32_t fileType; // LLAMA_FTYPE_MOSTLY_*
};

// llama.cpp's presets and their llama_ftype numbers (llama.h).
const Preset kPresets[] = {
    {"Q8_0", GgmlType::Q8_0, 7},    {"Q6_K", GgmlType::Q6_K, 18},   {"Q5_K_M", GgmlType::Q5_K, 17},
    {"Q5_K_S", GgmlType::Q5_K, 16}, {"Q4_K_M", GgmlType::Q4_K, 15}, {"Q4_K_S", GgmlType::Q4_K, 14},
    {"Q4_0", GgmlType::Q4_0, 2},    {"Q3_K_M", GgmlType::Q3_K, 12}, {"Q2_K", GgmlType::Q2_K, 10},
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
    int nGqa = 1;
    bool hasOutput = false;
};

// llama.cpp's llama_tensor_get_type for the presets above (llama architecture, no MoE).
GgmlType presetType(const Preset& p, const std::string& name, int64_t cols, const ModelShape& ms, std::string* why)
{
    const std::string P = p.name;
    const int layer = layerOf(name);
    const int n = ms.nLayers;
    const bool isOutput = name == "output.weight" || (!ms.hasOutput && name == "token_embd.weight");
    if (isOutput) {
        if (cols % 256 != 0) {
            *why = "output tensor, row length " + std::to_string(cols) + " not a multiple of 256: Q8_0";
            return GgmlType::Q8_0;
        }
        if (p.base != GgmlType::Q8_0) {
            *why = std::string(ms.hasOutput ? "output tensor" : "tied embedding/output tensor") + ": Q6_K";
            return GgmlType::Q6_K;
        }
        *why = "preset " + P;
        return p.base;
    }
    if (contains(name, "attn_v.weight")) {
        if (P == "Q2_K") {
            *why = ms.nGqa >= 4 ? "attn_v with GQA >= 4: Q4_K" : "attn_v: Q3_K";
            return ms.nGqa >= 4 ? GgmlType::Q4_K : GgmlType::Q3_K;
        }
        if (P == "Q3_K_M") {
            *why = layer < 2 ? "attn_v of the first 2 layers: Q5_K" : "attn_v: Q4_K";
            return layer < 2 ? GgmlType::Q5_K : GgmlType::Q4_K;
        }
        if ((P == "Q4_K_M" || P == "Q5_K_M") && useMoreBits(layer, n)) {
            *why = "attn_v on a more-bits layer: Q6_K";
            return GgmlType::Q6_K;
        }
        if (P == "Q4_K_S" && layer < 4) {
            *why = "attn_v of the first 4 layers: Q5_K";
            return GgmlType::Q5_K;
        }
    } else if (contains(name, "ffn_down")) {
        if (P == "Q2_K") {
            *why = "ffn_down: Q3_K";
            return GgmlType::Q3_K;
        }
        if (P == "Q3_K_M") {
            *why = layer < n / 16 ? "ffn_down of the first sixteenth of layers: Q5_K" : "ffn_down: Q4_K";
            return layer < n / 16 ? GgmlType::Q5_K : GgmlType::Q4_K;
        }
        if ((P == "Q4_K_M" || P == "Q5_K_M") && useMoreBits(layer, n)) {
            *why = "ffn_down on a more-bits layer: Q6_K";
            return GgmlType::Q6_K;
        }
        if (P == "Q4_K_S" && layer < n / 8) {
            *why = "ffn_down of the first eighth of layers: Q5_K";
            return GgmlType::Q5_K;
        }
    } else if (contains(name, "attn_output.weight")) {
        if (P == "Q2_K") {
            *why = "attn_output: Q3_K";
            return GgmlType::Q3_K;
        }
        if (P == "Q3_K_M") {
            *why = "attn_output: Q4_K";
            return GgmlType::Q4_K;
        }
    } else if (contains(name, "attn_qkv.weight")) {
        if (P == "Q3_K_M") { *why = "attn_qkv: Q4_K"; return GgmlType::Q4_K; }
        if (P == "Q4_K_M") { *why = "attn_qkv: Q5_K"; return GgmlType::Q5_K; }
        if (P == "Q5_K_M") { *why = "attn_qkv: Q6_K"; return GgmlType::Q6_K; }
    }
    *why = "preset " + P;
    return p.base;
}

// The type a row length the chosen format does not divide falls back to: the format's fallback
// (llama.cpp's rule for its K-quants), F16 when there is none or it does not fit either.
std::string fallbackFor(const std::string& format, int64_t cols)
{
    const Format* f = findFormat(format);
    const Format* next = f ? f->fallback() : nullptr;
    return next && next->supports(1, cols) ? next->name() : std::string("F16");
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

    const Preset* preset = findPreset(opts.type);
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
    for (const auto& t : m.tensors) {
        const std::string n = ggufTensorName(m, t.name);
        maxLayer = std::max(maxLayer, layerOf(n));
        if (n == "output.weight")
            ms.hasOutput = true;
    }
    ms.nLayers = maxLayer + 1;
    const ModelArchitecture arch = modelArchitecture(m);
    if (const auto& cfg = arch.config) {
        if (cfg->nLayers > 0)
            ms.nLayers = cfg->nLayers;
        if (cfg->nHeads > 0 && cfg->nKvHeads > 0)
            ms.nGqa = cfg->nHeads / cfg->nKvHeads;
    }

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
                fmt = typeName(presetType(*preset, llamaName, t.cols(), ms, &why));
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
        plan.entries.push_back(std::move(e));
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
