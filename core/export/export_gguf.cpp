// GGUF export: real quantized tensors, llama.cpp names, metadata llama.cpp loads.
#include "core/util/error.h"
#include "core/util/parallel.h"
#include "core/export/export_internal.h"
#include "core/formats/format.h"
#include "core/model/gguf_writer.h"
#include "core/model/architecture.h"
#include "core/model/tensor_names.h"
#include "core/tokenizer/tokenizer.h"

#include <QFileInfo>

#include <algorithm>
#include <climits>
#include <set>

namespace qs {

namespace {

MetaValue u32(uint32_t v) { return MetaValue::ofU32(v); }

MetaValue arrayOf(MetaType t, std::vector<MetaValue> items) { return MetaValue::ofArray(t, std::move(items)); }

bool copiesMetadata(const Model& m) { return m.format == "gguf" || m.format == "memory"; }

// A vocabulary for models that come without one: <unk>, <s>, </s>, the 256 byte tokens,
// <|endoftext|> (llama.cpp looks it up by text when general.name says Phi-3), then fillers up to
// the vocabulary size. Token ids are all an evaluation needs.
void addPlaceholderVocab(std::vector<MetaEntry>& meta, int vocabSize)
{
    std::vector<MetaValue> tokens, scores, types;
    for (int i = 0; i < vocabSize; ++i) {
        std::string tok;
        int type = 1;  // normal
        float score = 0.0f;
        if (i == 0) {
            tok = "<unk>";
            type = 2;  // unknown
        } else if (i == 1 || i == 2) {
            tok = i == 1 ? "<s>" : "</s>";
            type = 3;  // control
        } else if (i < 3 + 256) {
            char buf[8];
            std::snprintf(buf, sizeof buf, "<0x%02X>", i - 3);
            tok = buf;
            type = 6;  // byte
        } else if (i == 3 + 256) {
            tok = "<|endoftext|>";
            type = 3;  // control
        } else {
            tok = "\xE2\x96\x81tok" + std::to_string(i);  // "▁tok<i>"
            score = -float(i - 259);
        }
        tokens.push_back(MetaValue::ofString(tok));
        scores.push_back(MetaValue::ofF32(score));
        types.push_back(MetaValue::ofI32(type));
    }
    meta.push_back({"tokenizer.ggml.model", MetaValue::ofString("llama")});
    meta.push_back({"tokenizer.ggml.tokens", arrayOf(MetaType::String, std::move(tokens))});
    meta.push_back({"tokenizer.ggml.scores", arrayOf(MetaType::F32, std::move(scores))});
    meta.push_back({"tokenizer.ggml.token_type", arrayOf(MetaType::I32, std::move(types))});
    meta.push_back({"tokenizer.ggml.bos_token_id", u32(1)});
    meta.push_back({"tokenizer.ggml.eos_token_id", u32(2)});
    meta.push_back({"tokenizer.ggml.unknown_token_id", u32(0)});
}

std::string stem(const std::string& path)
{
    QFileInfo fi(QString::fromStdString(path));
    return (fi.isDir() ? fi.fileName() : fi.completeBaseName()).toStdString();
}

// What a GGUF built for llama.cpp holds beyond the plan's tensors.
struct GgufContents {
    std::vector<MetaEntry> meta;
    std::vector<ExtraTensor> extras;
};

// The configuration the exported file states, made to agree with the tensors it holds: as many
// blocks as layers present (a model cut to its first layers states that), the vocabulary of the
// embedding; every tensor llama.cpp reads for the architecture present with its shape.
ModelConfig exportConfig(const Model& m, const QuantPlan& plan, std::vector<std::string>* warnings)
{
    ModelConfig c = requireModelConfig(m, "a GGUF for llama.cpp needs the architecture's hyper-parameters "
                                          "(export as .safetensors instead)");
    const Architecture& a = *c.arch;
    std::set<int> layers;
    for (const PlanEntry& e : plan.entries)
        if (int l = layerNumber(e.outputName); l >= 0)
            layers.insert(l);
    const int present = int(layers.size());
    if (present == 0 || *layers.rbegin() != present - 1)
        invalidInput(m.path, "the tensors hold layers " + (layers.empty() ? std::string("none")
                                                                         : std::to_string(*layers.begin()) + ".." +
                                                                               std::to_string(*layers.rbegin())) +
                                 ", not 0.." + std::to_string(std::max(0, present - 1)) + " without gaps");
    if (present != c.nLayers) {
        if (warnings)
            warnings->push_back("the configuration says " + std::to_string(c.nLayers) + " layers, the tensors hold " +
                                std::to_string(present) + ": the GGUF states " + std::to_string(present));
        c.nLayers = present;
        if (!c.slidingLayers.empty())
            c.slidingLayers.resize(size_t(present));
    }
    for (const PlanEntry& e : plan.entries)
        if (e.outputName == "token_embd.weight" && e.shape.size() == 2 && e.shape[0] != c.vocabSize) {
            if (warnings)
                warnings->push_back("the configuration says a vocabulary of " + std::to_string(c.vocabSize) +
                                    ", the embedding has " + std::to_string(e.shape[0]) + " rows: the GGUF states " +
                                    std::to_string(e.shape[0]));
            c.vocabSize = int(e.shape[0]);
        }
    const std::vector<ExtraTensor> extras = extraGgufTensors(m, c);
    std::set<std::string> expected;
    for (const TensorSpec& s : a.tensors(c)) {
        expected.insert(s.name);
        const PlanEntry* e = nullptr;
        for (const PlanEntry& p : plan.entries)
            if (p.outputName == s.name)
                e = &p;
        std::vector<int64_t> shape;
        if (e)
            shape = e->shape;
        else
            for (const ExtraTensor& x : extras)
                if (x.name == s.name)
                    shape = x.shape;
        if (shape.empty()) {
            if (s.required)
                invalidInput(m.path, "tensor '" + s.name + "' that llama.cpp's " + std::string(a.gguf) +
                                         " needs is missing");
            continue;
        }
        if (shape != s.shape) {
            auto text = [](const std::vector<int64_t>& v) {
                std::string t;
                for (int64_t d : v)
                    t += (t.empty() ? "" : "x") + std::to_string(d);
                return t;
            };
            invalidInput(m.path, "tensor '" + (e ? e->sourceName : s.name) + "' is " + text(shape) + ", llama.cpp's " +
                                     std::string(a.gguf) + " expects " + text(s.shape) + " for '" + s.name + "'");
        }
    }
    for (const PlanEntry& e : plan.entries)
        if (!expected.count(e.outputName))
            invalidInput(m.path, "tensor '" + e.sourceName + "' (" + e.outputName + ") is not one llama.cpp's " +
                                     std::string(a.gguf) + " reads");
    return c;
}

GgufContents ggufContents(const Model& m, const QuantPlan& plan, std::vector<std::string>* warnings)
{
    GgufContents out;
    std::vector<MetaEntry>& meta = out.meta;
    int vocabSize = 0;
    if (copiesMetadata(m)) {
        for (const auto& e : m.metadata) {
            if (e.key == "general.alignment" || e.key == "general.file_type" ||
                e.key == "general.quantization_version" || e.key.rfind("split.", 0) == 0)
                continue;
            meta.push_back(e);
        }
        if (const auto cfg = modelConfig(m)) {
            checkConfigAgainstTensors(m, *cfg);  // the copied block count and vocabulary must be the tensors'
            vocabSize = cfg->vocabSize;
        }
    } else {
        const ModelConfig cfg = exportConfig(m, plan, warnings);
        checkConfigAgainstTensors(m, cfg);  // what is written must agree with the tensors written
        vocabSize = cfg.vocabSize;
        meta.push_back({"general.architecture", MetaValue::ofString(std::string(cfg.arch->gguf))});
        meta.push_back({"general.name", MetaValue::ofString(stem(m.path))});
        for (MetaEntry& e : cfg.arch->metadata(cfg))
            meta.push_back(std::move(e));
        if (cfg.arch->exportNote && warnings)
            if (std::string note = cfg.arch->exportNote(cfg); !note.empty())
                warnings->push_back(note);
        out.extras = extraGgufTensors(m, cfg);
    }
    bool hasTokenizer = false;
    for (const auto& e : meta)
        hasTokenizer = hasTokenizer || e.key == "tokenizer.ggml.model";
    if (const std::string tj = hasTokenizer ? std::string() : hfTokenizerPath(m); !tj.empty() && vocabSize > 0) {
        // The model's own tokenizer.json: a broken one is an error; one llama.cpp cannot run
        // gets the placeholder and a warning.
        const auto tok = Tokenizer::fromHuggingFace(tj);
        if (tok->size() > vocabSize)
            invalidInput(tj, "the tokenizer has " + std::to_string(tok->size()) +
                                 " tokens but the model's vocabulary has " + std::to_string(vocabSize));
        try {
            for (auto& e : tok->ggufMetadata(vocabSize))
                meta.push_back(std::move(e));
            hasTokenizer = true;
        } catch (const Error& e) {
            if (warnings)
                warnings->push_back(std::string(e.what()) + ": not written to the GGUF");
        }
    }
    if (!hasTokenizer) {
        // A placeholder vocabulary is sized by a tensor that is there (the embedding, or the
        // classifier), never by a number alone: one entry per row the file actually has.
        int rows = 0;
        for (const char* name : {"token_embd.weight", "model.embed_tokens.weight", "output.weight", "lm_head.weight"})
            if (const TensorInfo* t = m.find(name); t && t->shape.size() == 2 && rows == 0)
                rows = int(std::min<int64_t>(t->shape[0], INT32_MAX));
        vocabSize = rows;
        if (vocabSize > 0) {
            addPlaceholderVocab(meta, vocabSize);
            if (warnings)
                warnings->push_back("the source has no tokenizer: the GGUF gets a placeholder vocabulary of " +
                                    std::to_string(vocabSize) + " tokens (<unk>, <s>, </s>, byte tokens, fillers); "
                                    "token ids stay meaningful, text does not");
        } else if (warnings) {
            warnings->push_back("the source has no tokenizer and no vocabulary size: the GGUF has no vocabulary");
        }
    }
    meta.push_back({"general.quantization_version", u32(2)});
    meta.push_back({"general.file_type", u32(plan.fileType)});
    meta.push_back({"general.alignment", u32(32)});
    return out;
}

}  // namespace

std::vector<MetaEntry> ggufMetadataFor(const Model& m, const QuantPlan& plan, std::vector<std::string>* warnings)
{
    return ggufContents(m, plan, warnings).meta;
}

namespace detail {

ExportResult exportGguf(const Model& m, const QuantPlan& plan, AtomicFile& out, const ExportOptions& opts)
{
    ExportResult res;
    GgufLayout layout;
    const GgufContents contents = ggufContents(m, plan, &res.warnings);
    for (const auto& e : contents.meta)
        layout.setMeta(e.key, e.value);

    std::set<std::string> names;
    for (const auto& e : plan.entries) {
        const auto type = ggmlTypeFromName(e.outputDtype);
        if (!type)
            invalidInput(out.target(), "type " + e.outputDtype + " of tensor '" + e.sourceName +
                                           "' cannot be stored in a GGUF file (export it as .safetensors instead)");
        if (!names.insert(e.outputName).second)
            invalidInput(m.path, "two tensors map to the same GGUF name '" + e.outputName + "'");
        if (e.outputName.size() >= 64)
            invalidInput(m.path, "tensor name '" + e.outputName + "' is too long for llama.cpp (63 bytes at most)");
        if (e.ggufName.empty() && m.format != "gguf")
            res.warnings.push_back("tensor '" + e.sourceName + "' has no llama.cpp name; kept as is");
        planFormat(e);  // the format must be available
        layout.addTensor(e.outputName, e.shape, *type);
    }
    for (const ExtraTensor& x : contents.extras) {
        if (!names.insert(x.name).second)
            invalidInput(m.path, "two tensors map to the same GGUF name '" + x.name + "'");
        layout.addTensor(x.name, x.shape, GgmlType::F32);
    }
    const std::vector<std::byte> header = layout.header();
    std::vector<uint64_t> offsets;
    for (size_t i = 0; i < plan.entries.size(); ++i)
        offsets.push_back(layout.tensorOffset(i));
    out.writeAt(header.data(), header.size(), 0);
    for (size_t i = 0; i < contents.extras.size(); ++i) {
        const ExtraTensor& x = contents.extras[i];
        out.writeAt(x.values.data(), x.values.size() * sizeof(float), layout.tensorOffset(plan.entries.size() + i));
    }

    auto encode = [&](const PlanEntry& e) {
        const TensorInfo& t = m.tensors.at(size_t(e.sourceIndex));
        std::vector<float> values = sourceFloats(m, t, /*ggufLayout=*/true, opts);
        if (int64_t(values.size()) != e.numel())
            failure(m.path, "tensor '" + t.name + "' decoded to the wrong number of values");
        throwIfCancelled();
        const Format& f = planFormat(e);
        std::vector<std::byte> bytes(f.storageBytes(e.rows(), e.cols()));
        if (opts.quantizeTensor && opts.quantizeTensor(e, f, values.data(), bytes.data()))
            return bytes;
        const std::vector<float> imp = opts.importance && e.eligible ? opts.importance(e) : std::vector<float>();
        if (!imp.empty() && int64_t(imp.size()) != e.cols())
            failure(m.path, "importance of tensor '" + t.name + "' has the wrong length");
        // Row-independent formats are quantized in slices of rows (identical bytes), so a
        // cancellation does not wait for a whole large tensor.
        const int64_t rows = e.rows(), cols = e.cols();
        const int64_t slice = f.family() == FormatFamily::Int ? rows : std::max<int64_t>(1, (int64_t(1) << 22) / cols);
        const uint64_t rowBytes = rows ? bytes.size() / uint64_t(rows) : 0;
        for (int64_t r = 0; r < rows; r += slice) {
            throwIfCancelled();
            const int64_t n = std::min(slice, rows - r);
            f.quantize(values.data() + r * cols, n, cols, bytes.data() + uint64_t(r) * rowBytes,
                       imp.empty() ? nullptr : imp.data());
        }
        return bytes;
    };
    streamTensors(m, plan, out, offsets, encode, opts, res);
    out.resize(layout.fileSize());
    res.bytesWritten = layout.fileSize();
    return res;
}

}  // namespace detail
}  // namespace qs
