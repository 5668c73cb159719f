// A tokenizer from GGUF metadata (tokenizer.ggml.*), with the defaults llama.cpp applies when a
// key is absent: "llama" = SentencePiece by scores (BOS 1, EOS 2, unknown 0, BOS added, a space
// prefix); "gpt2" = byte-level BPE with the pre-tokenizer tokenizer.ggml.pre names.
#include "core/util/error.h"
#include "core/model/model.h"
#include "core/tokenizer/tokenizer_internal.h"

#include <optional>

namespace qs {

namespace {

const MetaValue* metaFind(const std::vector<MetaEntry>& meta, std::string_view key)
{
    for (const MetaEntry& e : meta)
        if (e.key == key)
            return &e.value;
    return nullptr;
}

// The array's elements (decoded; at most kMaxArrayElements), or nullopt if the key is absent.
std::optional<std::vector<MetaValue>> arrayOf(const std::vector<MetaEntry>& meta, const std::string& path, const char* key,
                                              std::initializer_list<MetaType> elementTypes, size_t minSize)
{
    const MetaValue* v = metaFind(meta, key);
    if (!v)
        return std::nullopt;
    bool typeOk = v->type == MetaType::Array;
    if (typeOk) {
        typeOk = false;
        for (MetaType t : elementTypes)
            typeOk = typeOk || v->elementType == t;
    }
    if (!typeOk)
        invalidInput(path, std::string(key) + " has the wrong type");
    if (v->arraySize() < minSize)
        invalidInput(path, std::string(key) + " has " + std::to_string(v->arraySize()) + " entries for " +
                               std::to_string(minSize) + " tokens");
    return v->elements();
}

std::optional<bool> boolKey(const std::vector<MetaEntry>& meta, const char* key)
{
    const MetaValue* v = metaFind(meta, key);
    if (!v)
        return std::nullopt;
    if (v->type == MetaType::Bool)
        return v->b;
    if (const auto i = v->asInt())
        return *i != 0;
    return std::nullopt;
}

// A placeholder vocabulary (what QuantScope writes for models without a tokenizer, and the
// stories260K fixture's): <unk>, <s>, </s>, the 256 byte tokens, then only fillers "▁tok<i>" /
// "▁t<k>" that stand for no text.
bool isPlaceholder(const std::vector<MetaValue>& tokens)
{
    const size_t n = tokens.size();
    if (n <= 259 || tokens[0].s != "<unk>" || tokens[1].s != "<s>" || tokens[2].s != "</s>" || tokens[3].s != "<0x00>")
        return false;
    for (size_t i = 259; i < n; ++i) {
        std::string_view t = tokens[i].s;
        if (!t.starts_with(tok::kSpaceMark))
            return false;
        t.remove_prefix(tok::kSpaceMark.size());
        if (t.starts_with("tok"))
            t.remove_prefix(3);
        else if (t.starts_with("t"))
            t.remove_prefix(1);
        else
            return false;
        if (t.empty() || t.find_first_not_of("0123456789") != std::string_view::npos)
            return false;
    }
    return true;
}

}  // namespace

std::unique_ptr<Tokenizer> Tokenizer::fromGgufMetadata(const std::vector<MetaEntry>& meta, const std::string& path)
{
    const MetaValue* model = metaFind(meta, "tokenizer.ggml.model");
    if (!model)
        invalidInput(path, "the model has no tokenizer (no tokenizer.ggml.model metadata), so text cannot be tokenized");
    if (model->type != MetaType::String)
        invalidInput(path, "tokenizer.ggml.model is not a string");
    const std::string kindName = model->s;
    if (kindName == "none" || kindName == "no_vocab")
        invalidInput(path, "the model has no tokenizer (tokenizer.ggml.model is '" + kindName +
                               "'), so text cannot be tokenized");
    if (kindName != "llama" && kindName != "gpt2")
        invalidInput(path, "tokenizer.ggml.model '" + kindName +
                               "' is not one QuantScope runs (it runs 'llama' = SentencePiece and 'gpt2' = byte-level BPE)");
    const auto tokens = arrayOf(meta, path, "tokenizer.ggml.tokens", {MetaType::String}, 0);
    if (!tokens || tokens->empty())
        invalidInput(path, "the model has no vocabulary (tokenizer.ggml.tokens is missing or empty)");
    if (kindName == "llama" && isPlaceholder(*tokens))
        invalidInput(path, "the model has no real tokenizer: its vocabulary is a placeholder (<unk>, <s>, </s>, byte "
                           "tokens, fillers), so text cannot be tokenized");
    const size_t n = tokens->size();
    const auto scores = arrayOf(meta, path, "tokenizer.ggml.scores", {MetaType::F32, MetaType::I32}, n);
    const auto types = arrayOf(meta, path, "tokenizer.ggml.token_type", {MetaType::I32}, n);

    auto d = std::make_unique<tok::Data>();
    d->source = path;
    d->fromGguf = true;
    d->pieces.reserve(n);
    d->types.reserve(n);
    d->scores.reserve(n);
    for (size_t i = 0; i < n; ++i) {
        std::string p = (*tokens)[i].s;
        if (p.empty())
            p = "[EMPTY_" + std::to_string(i) + "]";  // as llama.cpp names an empty token
        d->pieces.push_back(std::move(p));
        d->scores.push_back(scores ? float((*scores)[i].asFloat().value_or(0)) : 0.0f);
        const int64_t t = types ? (*types)[i].asInt().value_or(1) : 1;
        d->types.push_back(t >= 0 && t <= 6 ? TokenType(t) : TokenType::Undefined);
    }
    d->index();  // lookups for the merges below

    if (kindName == "llama") {
        d->kind = Kind::SentencePiece;
        d->byScores = true;
        d->ggufPre = "default";
        d->bos = 1, d->eos = 2, d->unk = 0;
        d->addBos = true;
        d->addSpacePrefix = boolKey(meta, "tokenizer.ggml.add_space_prefix").value_or(true);
        if (d->addSpacePrefix)
            d->norm.push_back({tok::NormStep::Kind::Prepend, std::string(tok::kSpaceMark), {}});
        d->norm.push_back({tok::NormStep::Kind::Replace, " ", std::string(tok::kSpaceMark)});
    } else {
        d->kind = Kind::ByteLevelBpe;
        d->byteLevel = true;
        const MetaValue* pre = metaFind(meta, "tokenizer.ggml.pre");
        d->ggufPre = pre && pre->type == MetaType::String ? pre->s : "default";
        d->preName = d->ggufPre;
        tok::GgufPre gp;
        if (!tok::ggufPreTokenizer(d->ggufPre, &gp))
            invalidInput(path, "tokenizer.ggml.pre '" + d->ggufPre + "' is not a pre-tokenizer QuantScope runs (it runs " +
                                   tok::knownGgufPres() + ")");
        for (const std::string& r : gp.regexes) {
            tok::PreStep st;
            st.kind = tok::PreStep::Kind::Split;
            st.pattern = r;
            st.re = tok::compilePattern(r, path);
            d->pre.push_back(std::move(st));
        }
        d->ignoreMerges = gp.ignoreMerges;
        d->addBos = gp.addBos;
        d->bos = 11, d->eos = 11;  // llama.cpp's defaults for "gpt2"
        const auto merges = arrayOf(meta, path, "tokenizer.ggml.merges", {MetaType::String}, 0);
        if (!merges)
            invalidInput(path, "a byte-level BPE tokenizer without tokenizer.ggml.merges");
        std::vector<std::pair<std::string, std::string>> pairs;
        pairs.reserve(merges->size());
        for (const MetaValue& m : *merges) {
            const size_t sp = m.s.find(' ', 1);
            if (sp == std::string::npos)
                invalidInput(path, "tokenizer.ggml.merges entry '" + m.s + "' is not two tokens separated by a space");
            pairs.emplace_back(m.s.substr(0, sp), m.s.substr(sp + 1));
        }
        d->setMerges(pairs, /*strict=*/false);
    }
    auto id = [&](const char* key, int32_t& v) {
        if (v >= int32_t(n))
            v = -1;
        if (const MetaValue* m = metaFind(meta, key))
            if (const auto i = m->asInt(); i && *i >= 0 && *i < int64_t(n))
                v = int32_t(*i);
    };
    id("tokenizer.ggml.bos_token_id", d->bos);
    id("tokenizer.ggml.eos_token_id", d->eos);
    id("tokenizer.ggml.unknown_token_id", d->unk);
    id("tokenizer.ggml.padding_token_id", d->pad);
    d->addBos = boolKey(meta, "tokenizer.ggml.add_bos_token").value_or(d->addBos);
    d->addEos = boolKey(meta, "tokenizer.ggml.add_eos_token").value_or(false);
    if (const MetaValue* t = metaFind(meta, "tokenizer.chat_template"); t && t->type == MetaType::String)
        d->chatTemplate = t->s;

    // Control, user-defined and unknown tokens are matched in the text before anything else
    // (control and unknown ones only when special tokens are parsed), as llama.cpp does.
    for (size_t i = 0; i < n; ++i) {
        const TokenType t = d->types[i];
        if (t == TokenType::Control || t == TokenType::UserDefined || t == TokenType::Unknown)
            d->added.push_back({d->pieces[i], int32_t(i), t != TokenType::UserDefined, false, false});
    }
    return std::make_unique<Tokenizer>(std::move(d));
}

}  // namespace qs
