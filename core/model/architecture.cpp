// The machinery the architecture descriptions share: reading config.json and GGUF metadata into
// a ModelConfig, tensor names, value transforms and the metadata written for llama.cpp. What
// differs between architectures is data in their descriptions (architectures.cpp).
#include "core/model/architecture.h"

#include "core/model/architecture_internal.h"
#include "core/model/tensor_names.h"
#include "core/util/error.h"

#include <QJsonArray>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstring>

namespace qs {

// ---------------------------------------------------------------------------------------------
// config.json access

ConfigReader::ConfigReader(const QJsonObject& o, std::string path, std::string modelType)
    : obj(o), file(std::move(path)), type(std::move(modelType))
{
}

bool ConfigReader::has(const char* key) const
{
    const QJsonValue v = obj.value(QLatin1String(key));
    return !v.isUndefined() && !v.isNull();
}

QJsonValue ConfigReader::value(const char* key) const { return obj.value(QLatin1String(key)); }

void ConfigReader::fail(const std::string& what) const { invalidInput(file, what); }

int ConfigReader::need(const char* key) const
{
    if (!has(key))
        fail("\"" + std::string(key) + "\" is missing (model_type '" + type + "' needs it)");
    const QJsonValue v = value(key);
    const double d = v.toDouble(-1.0);
    if (!v.isDouble() || !(d >= 1) || d > double(1 << 30) || d != std::floor(d))
        fail("\"" + std::string(key) + "\" must be a positive integer");
    return int(d);
}

std::optional<int> ConfigReader::optInt(const char* key) const
{
    if (!has(key))
        return std::nullopt;
    const QJsonValue v = value(key);
    const double d = v.toDouble(-1.0);
    if (!v.isDouble() || !(d >= 0) || d > double(1 << 30) || d != std::floor(d))
        fail("\"" + std::string(key) + "\" must be a non-negative integer");
    return int(d);
}

std::optional<double> ConfigReader::optNumber(const char* key) const
{
    if (!has(key))
        return std::nullopt;
    const QJsonValue v = value(key);
    if (!v.isDouble() || !std::isfinite(v.toDouble()))
        fail("\"" + std::string(key) + "\" must be a number");
    return v.toDouble();
}

std::optional<std::string> ConfigReader::optString(const char* key) const
{
    if (!has(key))
        return std::nullopt;
    const QJsonValue v = value(key);
    if (!v.isString())
        fail("\"" + std::string(key) + "\" must be a string");
    return v.toString().toStdString();
}

// ---------------------------------------------------------------------------------------------
// Helpers

std::vector<uint8_t> periodicSlidingLayers(int nLayers, int period)
{
    std::vector<uint8_t> v(size_t(std::max(0, nLayers)), 0);
    if (period <= 0)
        return v;
    for (int l = 0; l < nLayers; ++l)
        v[size_t(l)] = l % period < period - 1 ? 1 : 0;
    return v;
}

std::vector<uint8_t> hfSlidingLayers(const ConfigReader& r, int nLayers, int defaultPeriod)
{
    if (r.has("layer_types")) {
        const QJsonValue lt = r.value("layer_types");
        if (!lt.isArray() || lt.toArray().size() != nLayers)
            r.fail("\"layer_types\" must list one attention type per layer (" + std::to_string(nLayers) + ")");
        std::vector<uint8_t> v;
        for (const QJsonValue& e : lt.toArray()) {
            const QString s = e.toString();
            if (s == QLatin1String("sliding_attention"))
                v.push_back(1);
            else if (s == QLatin1String("full_attention"))
                v.push_back(0);
            else
                r.fail("\"layer_types\" holds '" + s.toStdString() +
                       "', expected \"sliding_attention\" or \"full_attention\"");
        }
        return v;
    }
    const int period = r.optInt("sliding_window_pattern").value_or(defaultPeriod);
    return periodicSlidingLayers(nLayers, period);
}

const MetaValue* ggufKey(const Model& m, const ModelConfig& c, const char* suffix)
{
    return m.meta(std::string(c.arch->gguf) + "." + suffix);
}

namespace {

bool startsWith(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }
bool endsWith(std::string_view s, std::string_view p)
{
    return s.size() >= p.size() && s.substr(s.size() - p.size()) == p;
}

bool ggufNamed(const Model& m) { return m.format == "gguf" || m.format == "llama2c" || m.format == "memory"; }

// "PREFIX<N>.REST" -> N and REST.
bool splitLayer(std::string_view name, std::string_view prefix, int& layer, std::string_view& rest)
{
    if (!startsWith(name, prefix))
        return false;
    name.remove_prefix(prefix.size());
    const auto dot = name.find('.');
    if (dot == std::string_view::npos || dot == 0)
        return false;
    const auto [ptr, ec] = std::from_chars(name.data(), name.data() + dot, layer);
    if (ec != std::errc() || ptr != name.data() + dot || layer < 0)
        return false;
    rest = name.substr(dot + 1);
    return true;
}

// The names of a layer's tensors (without "blk.N.") for a layout.
std::vector<std::string> layerNames(const LayerLayout& l)
{
    std::vector<std::string> v{"attn_norm.weight"};
    if (l.fusedQkv) {
        v.push_back("attn_qkv.weight");
    } else {
        v.insert(v.end(), {"attn_q.weight", "attn_k.weight", "attn_v.weight"});
        if (l.qkvBias)
            v.insert(v.end(), {"attn_q.bias", "attn_k.bias", "attn_v.bias"});
    }
    if (l.qkNorm)
        v.insert(v.end(), {"attn_q_norm.weight", "attn_k_norm.weight"});
    v.push_back("attn_output.weight");
    if (l.postNorms)
        v.push_back("post_attention_norm.weight");
    v.push_back("ffn_norm.weight");
    if (!l.fusedGateUp)
        v.push_back("ffn_gate.weight");
    v.insert(v.end(), {"ffn_up.weight", "ffn_down.weight"});
    if (l.postNorms)
        v.push_back("post_ffw_norm.weight");
    return v;
}

std::vector<std::string> topNames(const Architecture& a)
{
    std::vector<std::string> v{"token_embd.weight", "output_norm.weight"};
    if (a.outputTensor)
        v.push_back("output.weight");
    if (a.ropeFreqsTensor)
        v.push_back("rope_freqs.weight");
    return v;
}

std::optional<int> metaInt(const MetaValue* v)
{
    if (!v)
        return std::nullopt;
    const auto i = v->asInt();
    if (!i || *i < 0 || *i > (1 << 30))
        return std::nullopt;
    return int(*i);
}

// rope_scaling of config.json (or rope_parameters of newer transformers).
void hfRopeScaling(const ConfigReader& r, ModelConfig& c)
{
    QJsonObject rs;
    if (r.has("rope_scaling")) {
        if (!r.value("rope_scaling").isObject())
            r.fail("\"rope_scaling\" must be an object or null");
        rs = r.value("rope_scaling").toObject();
    } else if (r.has("rope_parameters") && r.value("rope_parameters").isObject()) {
        rs = r.value("rope_parameters").toObject();
        if (rs.contains(QLatin1String("rope_theta")))
            c.ropeTheta = float(rs.value(QLatin1String("rope_theta")).toDouble(c.ropeTheta));
    }
    if (rs.isEmpty())
        return;
    const ConfigReader s(rs, r.file, r.type);
    const std::string type = s.optString("rope_type").value_or(s.optString("type").value_or("default"));
    if (type == "default")
        return;
    if (type == "linear") {
        const double f = s.optNumber("factor").value_or(0);
        if (!(f > 0))
            r.fail("rope_scaling: a linear scaling needs a positive \"factor\"");
        c.ropeFreqScale = float(1.0 / f);
        return;
    }
    if (type == "llama3" && c.arch->ropeFreqsTensor) {
        const double factor = s.optNumber("factor").value_or(0), lo = s.optNumber("low_freq_factor").value_or(0),
                     hi = s.optNumber("high_freq_factor").value_or(0),
                     orig = s.optNumber("original_max_position_embeddings").value_or(0);
        if (!(factor > 0) || !(lo > 0) || !(hi > lo) || !(orig > 0))
            r.fail("rope_scaling: \"llama3\" needs factor, low_freq_factor < high_freq_factor and "
                   "original_max_position_embeddings, all positive");
        c.ropeFreqFactors = llama3RopeFactors(c.rotaryDim(), c.ropeTheta, float(factor), float(lo), float(hi), float(orig));
        return;
    }
    r.fail("rope_scaling type '" + type + "' is not supported for model_type '" + r.type + "'");
}

void check(const ModelConfig& c, const std::string& file)
{
    auto bad = [&](const std::string& why) { invalidInput(file, "unusable hyper-parameters: " + why); };
    if (c.dim <= 0 || c.hiddenDim <= 0 || c.nLayers <= 0 || c.nHeads <= 0 || c.nKvHeads <= 0 || c.vocabSize <= 0)
        bad("dim " + std::to_string(c.dim) + ", feed-forward " + std::to_string(c.hiddenDim) + ", layers " +
            std::to_string(c.nLayers) + ", heads " + std::to_string(c.nHeads) + "/" + std::to_string(c.nKvHeads) +
            ", vocabulary " + std::to_string(c.vocabSize) + " must all be positive");
    if (c.nHeads % c.nKvHeads != 0)
        bad(std::to_string(c.nHeads) + " heads are not a multiple of " + std::to_string(c.nKvHeads) + " key/value heads");
    if (c.headSize <= 0 && c.dim % c.nHeads != 0)
        bad("dim " + std::to_string(c.dim) + " is not a multiple of " + std::to_string(c.nHeads) + " heads");
    const int hd = c.headDim(), rd = c.rotaryDim();
    if (hd <= 0 || rd <= 0 || rd > hd || rd % 2 != 0)
        bad("rotary dimensions " + std::to_string(rd) + " for a head size of " + std::to_string(hd));
    if (!c.ropeFreqFactors.empty() && int(c.ropeFreqFactors.size()) != rd / 2)
        bad("rope_freqs has " + std::to_string(c.ropeFreqFactors.size()) + " factors, expected " + std::to_string(rd / 2));
    for (float f : c.ropeFreqFactors)
        if (!(f > 0) || !std::isfinite(f))
            bad("rope_freqs holds a factor that is not a positive number");
    if (!(c.rmsEps >= 0) || !(c.ropeTheta > 0) || !(c.ropeFreqScale > 0) || !(c.ropeFreqScaleSwa >= 0) ||
        !(c.embedScale > 0) || !(c.attnScale >= 0) || !(c.attnSoftcap >= 0) || !(c.finalSoftcap >= 0) ||
        !(c.ropeThetaSwa >= 0) || c.slidingWindow < 0 || c.contextLength < 0)
        bad("a norm epsilon, rope base, scale, soft-cap or window is out of range");
    if (!c.slidingLayers.empty() && int(c.slidingLayers.size()) != c.nLayers)
        bad("the sliding-window pattern covers " + std::to_string(c.slidingLayers.size()) + " layers, the model has " +
            std::to_string(c.nLayers));
}

ModelConfig configFromHf(const Architecture& a, const Model& m, const std::string& file, const std::string& modelType)
{
    // Multimodal checkpoints keep the language model's hyper-parameters in text_config.
    QJsonObject o = m.hfConfig;
    if (!o.contains(QLatin1String("hidden_size")) && o.value(QLatin1String("text_config")).isObject())
        o = o.value(QLatin1String("text_config")).toObject();
    const ConfigReader r(o, file, modelType);
    ModelConfig c = a.defaults;
    c.arch = &a;
    c.dim = r.need("hidden_size");
    c.hiddenDim = r.need("intermediate_size");
    c.nLayers = r.need("num_hidden_layers");
    c.nHeads = r.need("num_attention_heads");
    c.nKvHeads = r.optInt("num_key_value_heads").value_or(c.nHeads);
    c.vocabSize = r.need("vocab_size");
    c.contextLength = r.optInt("max_position_embeddings").value_or(0);
    c.headSize = r.optInt("head_dim").value_or(0);
    c.rmsEps = float(r.optNumber("rms_norm_eps").value_or(c.rmsEps));
    c.ropeTheta = float(r.optNumber("rope_theta").value_or(c.ropeTheta));
    c.tiedEmbeddings = true;
    if (a.outputTensor)
        for (const TensorInfo& t : m.tensors)
            if (a.ggufName(t.name) == "output.weight")
                c.tiedEmbeddings = false;
    if (a.fromHf)
        a.fromHf(r, c);
    hfRopeScaling(r, c);
    check(c, file);
    return c;
}

ModelConfig configFromGguf(const Architecture& a, const Model& m)
{
    ModelConfig c = a.defaults;
    c.arch = &a;
    c.nKvHeads = 0;
    for (const MetaKey& k : a.keys) {
        const std::string key = std::string(a.gguf) + "." + k.suffix;
        const MetaValue* v = m.meta(key);
        if (!v) {
            if (k.required)
                invalidInput(m.path, "GGUF key '" + key + "' is missing");
            continue;
        }
        const auto f = v->asFloat();
        if (!f || !std::isfinite(*f) || *f < 0 || *f > double(1 << 30))
            invalidInput(m.path, "GGUF key '" + key + "' is not a non-negative number");
        k.set(c, *f);
    }
    if (c.nKvHeads == 0)
        c.nKvHeads = c.nHeads;
    const std::string p = std::string(a.gguf) + ".";
    if (const MetaValue* vl = m.meta(p + "attention.value_length"); vl && metaInt(vl) != c.headDim())
        invalidInput(m.path, "value length " + std::to_string(metaInt(vl).value_or(-1)) + " differs from the key length " +
                                 std::to_string(c.headDim()) + " (not supported)");
    if (auto v = metaInt(m.meta(p + "vocab_size")))
        c.vocabSize = *v;
    else if (const TensorInfo* t = m.find("token_embd.weight"); t && t->shape.size() == 2 && t->shape[0] <= (1 << 30))
        c.vocabSize = int(t->shape[0]);
    else if (const MetaValue* tok = m.meta("tokenizer.ggml.tokens");
             tok && tok->type == MetaType::Array && tok->arraySize() <= (1u << 30))
        c.vocabSize = int(tok->arraySize());
    c.tiedEmbeddings = !a.outputTensor || m.find("output.weight") == nullptr;
    // Rope scaling, as llama.cpp reads it for every architecture.
    if (const MetaValue* type = m.meta(p + "rope.scaling.type")) {
        const std::string t = type->type == MetaType::String ? type->s : "?";
        if (t == "linear") {
            const auto f = m.meta(p + "rope.scaling.factor") ? m.meta(p + "rope.scaling.factor")->asFloat()
                                                            : std::optional<double>();
            if (!f || !(*f > 0))
                invalidInput(m.path, "linear rope scaling without a positive " + p + "rope.scaling.factor");
            c.ropeFreqScale = float(1.0 / *f);
        } else if (t != "none") {
            invalidInput(m.path, "rope scaling type '" + t + "' is not supported");
        }
    }
    if (a.ropeFreqsTensor)
        if (const TensorInfo* t = m.find("rope_freqs.weight"))
            c.ropeFreqFactors = m.toFloat(*t);
    if (a.fromGguf)
        a.fromGguf(m, c);
    check(c, m.path);
    return c;
}

const Architecture* architectureOf(const Model& m, std::string* name, std::string* source)
{
    if (!ggufNamed(m) && !m.hfConfig.isEmpty()) {
        const QString mt = m.hfConfig.value(QLatin1String("model_type")).toString();
        if (name)
            *name = mt.toStdString();
        if (source)
            *source = m.hfConfigPath.empty() ? m.path : m.hfConfigPath;
        return mt.isEmpty() ? nullptr : findArchitectureByHf(mt.toStdString());
    }
    if (source)
        *source = m.path;
    const MetaValue* a = m.meta("general.architecture");
    if (!a || a->type != MetaType::String)
        return nullptr;
    if (name)
        *name = a->s;
    return findArchitectureByGguf(a->s);
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// Architecture

std::string Architecture::ggufName(const std::string& sourceName) const
{
    std::string_view name = sourceName;
    std::string renamed;
    for (const NamePair& p : hfPrefixes)
        if (startsWith(name, p.hf)) {
            renamed = std::string(p.gguf) + std::string(name.substr(p.hf.size()));
            name = renamed;
            break;
        }
    for (const NamePair& n : hfTopNames)
        if (name == n.hf)
            return std::string(n.gguf);
    const std::vector<std::string> layer = layerNames(this->layer);
    int l = 0;
    std::string_view rest;
    if (splitLayer(name, "model.layers.", l, rest)) {
        for (const NamePair& n : hfLayerNames)
            if (rest == n.hf)
                return "blk." + std::to_string(l) + "." + std::string(n.gguf);
        return {};
    }
    // Already llama.cpp's names?
    for (const std::string& t : topNames(*this))
        if (name == t)
            return t;
    if (splitLayer(name, "blk.", l, rest))
        for (const std::string& n : layer)
            if (rest == n)
                return "blk." + std::to_string(l) + "." + n;  // "blk.00." is layer 0 too
    return {};
}

std::vector<TensorSpec> Architecture::tensors(const ModelConfig& c) const
{
    const int64_t D = c.dim, F = c.hiddenDim, hd = c.headDim(), Q = int64_t(c.nHeads) * hd,
                  KV = int64_t(c.nKvHeads) * hd, V = c.vocabSize;
    std::vector<TensorSpec> s{{"token_embd.weight", {V, D}}};
    if (ropeFreqsTensor)
        s.push_back({"rope_freqs.weight", {c.rotaryDim() / 2}, false});
    for (int l = 0; l < c.nLayers; ++l) {
        const std::string p = "blk." + std::to_string(l) + ".";
        for (const std::string& n : layerNames(layer)) {
            std::vector<int64_t> shape;
            if (n == "attn_qkv.weight")
                shape = {Q + 2 * KV, D};
            else if (n == "attn_q.weight")
                shape = {Q, D};
            else if (n == "attn_k.weight" || n == "attn_v.weight")
                shape = {KV, D};
            else if (n == "attn_q.bias")
                shape = {Q};
            else if (n == "attn_k.bias" || n == "attn_v.bias")
                shape = {KV};
            else if (n == "attn_q_norm.weight" || n == "attn_k_norm.weight")
                shape = {hd};
            else if (n == "attn_output.weight")
                shape = {D, Q};
            else if (n == "ffn_gate.weight")
                shape = {F, D};
            else if (n == "ffn_up.weight")
                shape = {layer.fusedGateUp ? 2 * F : F, D};
            else if (n == "ffn_down.weight")
                shape = {D, F};
            else
                shape = {D};  // norms over the residual stream
            s.push_back({p + n, std::move(shape)});
        }
    }
    s.push_back({"output_norm.weight", {D}});
    if (outputTensor)
        s.push_back({"output.weight", {V, D}, false});
    return s;
}

std::vector<MetaEntry> Architecture::metadata(const ModelConfig& c) const
{
    std::vector<MetaEntry> out;
    const std::string p = std::string(gguf) + ".";
    for (const MetaKey& k : keys) {
        const double v = k.get(c);
        if (k.whenNonZero && v == 0)
            continue;
        out.push_back({p + k.suffix, k.type == MetaType::F32 ? MetaValue::ofF32(float(v))
                                                             : MetaValue::ofU32(uint32_t(std::llround(v)))});
    }
    if (c.ropeFreqScale != 1.0f) {
        out.push_back({p + "rope.scaling.type", MetaValue::ofString("linear")});
        out.push_back({p + "rope.scaling.factor", MetaValue::ofF32(1.0f / c.ropeFreqScale)});
    }
    if (toGguf)
        toGguf(c, out);
    return out;
}

// ---------------------------------------------------------------------------------------------
// Lookup

const Architecture* findArchitectureByHf(std::string_view modelType)
{
    for (const Architecture* a : architectures())
        for (std::string_view t : a->hfModelTypes)
            if (t == modelType)
                return a;
    return nullptr;
}

const Architecture* findArchitectureByGguf(std::string_view generalArchitecture)
{
    for (const Architecture* a : architectures())
        if (a->gguf == generalArchitecture)
            return a;  // the first one: mistral shares "llama" with llama
    return nullptr;
}

std::string knownModelTypes()
{
    std::string s;
    for (const Architecture* a : architectures())
        for (std::string_view t : a->hfModelTypes)
            s += (s.empty() ? "" : ", ") + std::string(t);
    return s;
}

ModelArchitecture modelArchitecture(const Model& m)
{
    ModelArchitecture r;
    r.arch = architectureOf(m, &r.name, &r.source);
    const bool hf = !ggufNamed(m) && !m.hfConfig.isEmpty();
    if (!r.arch) {
        if (hf && r.name.empty())
            r.error = r.source + ": no \"model_type\" (the architecture is unknown)";
        else if (hf)
            r.error = r.source + ": model_type '" + r.name + "' is not an architecture QuantScope knows (" +
                      knownModelTypes() + ")";
        else if (!ggufNamed(m))
            r.error = m.path + ": no config.json beside the weights (the architecture is unknown)";
        else if (r.name.empty())
            r.error = m.path + ": no general.architecture (the architecture is unknown)";
        else
        {
            std::string known;
            for (const Architecture* a : architectures())
                if (known.find(std::string(a->gguf)) == std::string::npos)
                    known += (known.empty() ? "" : ", ") + std::string(a->gguf);
            r.error = m.path + ": general.architecture '" + r.name + "' is not one QuantScope can run (" + known + ")";
        }
        return r;
    }
    try {
        r.config = hf ? configFromHf(*r.arch, m, r.source, r.name) : configFromGguf(*r.arch, m);
    } catch (const Error& e) {
        r.error = e.what();
    }
    return r;
}

std::optional<ModelConfig> modelConfig(const Model& m) { return modelArchitecture(m).config; }

ModelConfig requireModelConfig(const Model& m, const std::string& consequence)
{
    ModelArchitecture a = modelArchitecture(m);
    if (a.config)
        return std::move(*a.config);
    throw Error(ErrorKind::InvalidInput, a.error + (consequence.empty() ? "" : "; " + consequence));
}

int layersPresent(const Model& m)
{
    int top = 0;
    for (const auto& t : m.tensors)
        top = std::max(top, layerNumber(t.name) + 1);
    return top;
}

void checkConfigAgainstTensors(const Model& m, const ModelConfig& c)
{
    const int layers = layersPresent(m);
    if (c.nLayers != layers)
        invalidInput(m.path, "the hyper-parameters say " + std::to_string(c.nLayers) + " layers (block_count / "
                             "num_hidden_layers), but the tensors are those of " + std::to_string(layers));
    for (const TensorInfo& t : m.tensors) {
        if (t.shape.empty() || ggufName(m, t.name) != "token_embd.weight")
            continue;
        if (t.shape.size() != 2)
            invalidInput(m.path, "tensor '" + t.name + "' has " + std::to_string(t.shape.size()) +
                                     " dimensions; a token embedding is a matrix (vocabulary x embedding)");
        if (t.shape[0] != c.vocabSize)
            invalidInput(m.path, "the hyper-parameters say a vocabulary of " + std::to_string(c.vocabSize) +
                                     " tokens, but '" + t.name + "' has " + std::to_string(t.shape[0]) + " rows");
    }
}

bool isGgufNamed(const Model& m) { return ggufNamed(m); }

std::string ggufName(const Model& m, const std::string& name)
{
    if (ggufNamed(m)) {
        int l = 0;
        std::string_view rest;
        if (splitLayer(name, "blk.", l, rest))  // "blk.00." is layer 0 too
            return "blk." + std::to_string(l) + "." + std::string(rest);
        return name;
    }
    const Architecture* a = architectureOf(m, nullptr, nullptr);
    return a ? a->ggufName(name) : std::string();
}

namespace {

// What turns a source tensor's values into llama.cpp's layout: norm weights stored as w - 1
// (gemma), q/k rows in rotate-half order (Hugging Face llama, mistral).
struct GgufTransform {
    bool plusOne = false;
    bool permute = false;
    int64_t heads = 0, hd = 0, half = 0, cols = 0;
};

GgufTransform ggufTransform(const Model& m, const TensorInfo& t, size_t size)
{
    GgufTransform x;
    if (ggufNamed(m))
        return x;
    const Architecture* a = architectureOf(m, nullptr, nullptr);
    if (!a)
        return x;
    const std::string name = a->ggufName(t.name);
    if (name.empty())
        return x;
    x.plusOne = a->normPlusOne && endsWith(name, "norm.weight");
    const bool q = endsWith(name, ".attn_q.weight") || endsWith(name, ".attn_q.bias");
    const bool k = endsWith(name, ".attn_k.weight") || endsWith(name, ".attn_k.bias");
    if (!a->permuteQk || (!q && !k))
        return x;
    const ModelConfig c = requireModelConfig(m, "the rotary permutation of '" + t.name + "' needs them");
    x.heads = q ? c.nHeads : c.nKvHeads;
    x.hd = c.headDim();
    x.cols = t.shape.size() == 2 ? t.cols() : 1;
    if (t.shape.size() > 2 || int64_t(size) != x.heads * x.hd * x.cols)
        invalidInput(m.path, "tensor '" + t.name + "' has " + std::to_string(int64_t(size) / std::max<int64_t>(1, x.cols)) +
                                 " rows, expected " + std::to_string(x.heads * x.hd) + " (" + std::to_string(x.heads) +
                                 " heads of " + std::to_string(x.hd) + ")");
    x.half = c.rotaryDim() / 2;
    x.permute = true;
    return x;
}

// Rotate-half order (HF) and interleaved pairs (llama.cpp), over the rotated part of each head:
// llama.cpp row h*hd + 2i + j is HF row h*hd + j*rd/2 + i. toGguf: HF to llama.cpp, else back.
std::vector<float> permuteRows(const GgufTransform& x, const std::vector<float>& w, bool toGguf)
{
    std::vector<float> out(w);
    for (int64_t h = 0; h < x.heads; ++h)
        for (int64_t i = 0; i < x.half; ++i)
            for (int64_t j = 0; j < 2; ++j) {
                const int64_t gguf = h * x.hd + 2 * i + j, hf = h * x.hd + j * x.half + i;
                const int64_t dst = toGguf ? gguf : hf, src = toGguf ? hf : gguf;
                std::memcpy(out.data() + dst * x.cols, w.data() + src * x.cols, size_t(x.cols) * sizeof(float));
            }
    return out;
}

}  // namespace

std::vector<float> ggufWeights(const Model& m, const TensorInfo& t)
{
    std::vector<float> w = m.toFloat(t);
    const GgufTransform x = ggufTransform(m, t, w.size());
    if (x.plusOne)
        for (float& v : w)
            v += 1.0f;
    return x.permute ? permuteRows(x, w, true) : w;
}

std::vector<float> sourceLayoutWeights(const Model& m, const TensorInfo& t, std::vector<float> w)
{
    const GgufTransform x = ggufTransform(m, t, w.size());
    if (x.permute)
        w = permuteRows(x, w, false);
    if (x.plusOne)
        for (float& v : w)
            v -= 1.0f;
    return w;
}

std::vector<ExtraTensor> extraGgufTensors(const Model& m, const ModelConfig& c)
{
    std::vector<ExtraTensor> v;
    if (!c.arch || !c.arch->ropeFreqsTensor || c.ropeFreqFactors.empty())
        return v;
    for (const TensorInfo& t : m.tensors)
        if (ggufName(m, t.name) == "rope_freqs.weight")
            return v;  // the source has it
    v.push_back({"rope_freqs.weight", {int64_t(c.ropeFreqFactors.size())}, c.ropeFreqFactors});
    return v;
}

std::vector<float> llama3RopeFactors(int ropeDim, float theta, float factor, float lowFreqFactor, float highFreqFactor,
                                     float originalContext)
{
    // transformers' llama3 rope: wavelengths shorter than original/high are kept, longer than
    // original/low are divided by `factor`, and the band between is interpolated smoothly. As
    // divisors of the frequency (what llama.cpp's rope_freqs holds).
    const double lowWavelen = double(originalContext) / lowFreqFactor;
    const double highWavelen = double(originalContext) / highFreqFactor;
    std::vector<float> f;
    for (int i = 0; i < ropeDim / 2; ++i) {
        const double freq = std::pow(double(theta), -2.0 * i / ropeDim);
        const double wavelen = 2.0 * M_PI / freq;
        if (wavelen < highWavelen) {
            f.push_back(1.0f);
        } else if (wavelen > lowWavelen) {
            f.push_back(factor);
        } else {
            const double smooth = (originalContext / wavelen - lowFreqFactor) / (highFreqFactor - lowFreqFactor);
            f.push_back(float(1.0 / ((1.0 - smooth) / factor + smooth)));
        }
    }
    return f;
}

}  // namespace qs
