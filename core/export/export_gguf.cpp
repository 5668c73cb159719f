// GGUF export: real quantized tensors, llama.cpp names, metadata llama.cpp loads.
#include "core/util/error.h"
#include "core/export/export_internal.h"
#include "core/formats/format.h"
#include "core/model/gguf_writer.h"
#include "core/model/llama.h"

#include <QFileInfo>

#include <algorithm>
#include <set>

namespace qs {

namespace {

MetaValue u32(uint32_t v) { return MetaValue::ofU32(v); }

MetaValue arrayOf(MetaType t, std::vector<MetaValue> items)
{
    MetaValue v;
    v.type = MetaType::Array;
    v.elementType = t;
    v.array = std::move(items);
    return v;
}

bool copiesMetadata(const Model& m) { return m.format == "gguf" || m.format == "memory"; }

// A vocabulary for models that come without one: <unk>, <s>, </s>, the 256 byte tokens, then
// fillers up to the vocabulary size. Token ids are all an evaluation needs.
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

}  // namespace

std::vector<MetaEntry> ggufMetadataFor(const Model& m, const QuantPlan& plan, std::vector<std::string>* warnings)
{
    std::vector<MetaEntry> meta;
    int vocabSize = 0;
    if (copiesMetadata(m)) {
        for (const auto& e : m.metadata) {
            if (e.key == "general.alignment" || e.key == "general.file_type" ||
                e.key == "general.quantization_version" || e.key.rfind("split.", 0) == 0)
                continue;
            meta.push_back(e);
        }
        if (const auto cfg = llamaConfig(m))
            vocabSize = cfg->vocabSize;
    } else {
        const auto cfg = llamaConfig(m);
        if (!cfg)
            invalidInput(m.path, "not a llama-family model: GGUF export needs its hyper-parameters "
                                 "(export it as .safetensors instead)");
        vocabSize = cfg->vocabSize;
        const std::string a = "llama.";
        meta.push_back({"general.architecture", MetaValue::ofString("llama")});
        meta.push_back({"general.name", MetaValue::ofString(stem(m.path))});
        meta.push_back({a + "context_length", u32(uint32_t(cfg->contextLength))});
        meta.push_back({a + "embedding_length", u32(uint32_t(cfg->dim))});
        meta.push_back({a + "block_count", u32(uint32_t(cfg->nLayers))});
        meta.push_back({a + "feed_forward_length", u32(uint32_t(cfg->hiddenDim))});
        meta.push_back({a + "attention.head_count", u32(uint32_t(cfg->nHeads))});
        meta.push_back({a + "attention.head_count_kv", u32(uint32_t(cfg->nKvHeads))});
        meta.push_back({a + "rope.dimension_count", u32(uint32_t(cfg->ropeDim > 0 ? cfg->ropeDim : cfg->headDim()))});
        meta.push_back({a + "rope.freq_base", MetaValue::ofF32(cfg->ropeTheta)});
        meta.push_back({a + "attention.layer_norm_rms_epsilon", MetaValue::ofF32(cfg->rmsEps)});
        meta.push_back({a + "vocab_size", u32(uint32_t(cfg->vocabSize))});
    }
    bool hasTokenizer = false;
    for (const auto& e : meta)
        hasTokenizer = hasTokenizer || e.key == "tokenizer.ggml.model";
    if (!hasTokenizer) {
        if (vocabSize <= 0)
            if (const TensorInfo* t = m.find("token_embd.weight"); t && t->shape.size() == 2)
                vocabSize = int(t->shape[0]);
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
    return meta;
}

namespace detail {

ExportResult exportGguf(const Model& m, const QuantPlan& plan, AtomicFile& out, const ExportOptions& opts)
{
    ExportResult res;
    GgufLayout layout;
    for (const auto& e : ggufMetadataFor(m, plan, &res.warnings))
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
        if (e.outputName == e.sourceName && llamaCppName(e.sourceName).empty() && m.format != "gguf")
            res.warnings.push_back("tensor '" + e.sourceName + "' has no llama.cpp name; kept as is");
        planFormat(e);  // the format must be available
        layout.addTensor(e.outputName, e.shape, *type);
    }
    const std::vector<std::byte> header = layout.header();
    std::vector<uint64_t> offsets;
    for (size_t i = 0; i < plan.entries.size(); ++i)
        offsets.push_back(layout.tensorOffset(i));
    out.writeAt(header.data(), header.size(), 0);

    auto encode = [&](const PlanEntry& e) {
        const TensorInfo& t = m.tensors.at(size_t(e.sourceIndex));
        std::vector<float> values = sourceFloats(m, t, /*llamaLayout=*/true, opts);
        if (int64_t(values.size()) != e.numel())
            failure(m.path, "tensor '" + t.name + "' decoded to the wrong number of values");
        throwIfCancelled(opts);
        const Format& f = planFormat(e);
        std::vector<std::byte> bytes(f.storageBytes(e.rows(), e.cols()));
        if (e.eligible && opts.quantizeTensor && opts.quantizeTensor(e, f, values.data(), bytes.data()))
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
            throwIfCancelled(opts);
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
