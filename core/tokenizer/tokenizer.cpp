// qs::Tokenizer: special tokens split out of the text, each other segment through the
// pipeline; decoding; the tokenizer.ggml.* metadata llama.cpp reads; finding a model's tokenizer.
#include "core/tokenizer/tokenizer.h"

#include "core/util/error.h"
#include "core/model/model.h"
#include "core/tokenizer/tokenizer_internal.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <unordered_map>

namespace qs {

namespace tok {

void Data::index()
{
    ids.clear();
    ids.reserve(pieces.size());
    for (size_t i = 0; i < pieces.size(); ++i)
        ids[pieces[i]] = int32_t(i);  // a repeated piece means its last id, as in llama.cpp
    for (int b = 0; b < 256; ++b) {
        char buf[8];
        std::snprintf(buf, sizeof buf, "<0x%02X>", b);
        byteTokens[size_t(b)] = find(buf);
    }
}

void Data::setMerges(const std::vector<std::pair<std::string, std::string>>& pairs, bool strict)
{
    merges.clear();
    mergeList.clear();
    merges.reserve(pairs.size());
    mergeList.reserve(pairs.size());
    for (size_t r = 0; r < pairs.size(); ++r) {
        const auto& [l, rt] = pairs[r];
        const int32_t a = find(l), b = find(rt), c = find(l + rt);
        if (a < 0 || b < 0 || c < 0) {
            if (strict)
                invalidInput(source, "merge " + std::to_string(r) + " ('" + l + "' '" + rt + "'): '" +
                                         (a < 0 ? l : b < 0 ? rt : l + rt) + "' is not in the vocabulary");
            continue;
        }
        const uint64_t key = (uint64_t(uint32_t(a)) << 32) | uint32_t(b);
        if (merges.emplace(key, Merge{int32_t(mergeList.size()), c}).second)
            mergeList.emplace_back(a, b);
    }
}

void Data::buildTrie()
{
    trie.assign(1, TrieNode{});
    trieRoot.fill(-1);
    for (size_t k = 0; k < added.size(); ++k) {
        const std::string& t = added[k].text;
        if (t.empty())
            continue;
        int32_t node = -1;
        for (size_t i = 0; i < t.size(); ++i) {
            const unsigned char c = static_cast<unsigned char>(t[i]);
            int32_t child = -1;
            if (node < 0) {
                child = trieRoot[c];
            } else {
                for (const auto& [ch, n] : trie[size_t(node)].next)
                    if (ch == c)
                        child = n;
            }
            if (child < 0) {
                child = int32_t(trie.size());
                trie.emplace_back();
                if (node < 0)
                    trieRoot[c] = child;
                else
                    trie[size_t(node)].next.emplace_back(c, child);
            }
            node = child;
        }
        if (trie[size_t(node)].added < 0)
            trie[size_t(node)].added = int32_t(k);
    }
}

}  // namespace tok

namespace {

using tok::Data;

bool isSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f'; }

// Longest added token allowed here starting at text[i]: index into d.added, -1 if none.
int32_t matchAdded(const Data& d, std::string_view text, size_t i, bool parseSpecial, size_t* len)
{
    int32_t node = d.trieRoot[static_cast<unsigned char>(text[i])];
    int32_t best = -1;
    for (size_t j = i + 1; node >= 0; ++j) {
        const Data::TrieNode& n = d.trie[size_t(node)];
        if (n.added >= 0 && (parseSpecial || !d.added[size_t(n.added)].special)) {
            best = n.added;
            *len = j - i;
        }
        if (j >= text.size())
            break;
        const unsigned char c = static_cast<unsigned char>(text[j]);
        int32_t child = -1;
        for (const auto& [ch, k] : n.next)
            if (ch == c) {
                child = k;
                break;
            }
        node = child;
    }
    return best;
}

std::string padPiece(int i) { return "[PAD" + std::to_string(i) + "]"; }

MetaValue arrayOf(MetaType t, std::vector<MetaValue> items)
{
    return MetaValue::ofArray(t, std::move(items));
}

// A Hugging Face SentencePiece-style pipeline llama.cpp's "llama" tokenizer reproduces: spaces
// replaced by ▁ (a ▁ prepended or not), nothing else splitting the text.
bool spmExpressible(const Data& d, std::string* why)
{
    if (d.byScores)
        return true;
    if (!d.byteFallback) {
        *why = "a SentencePiece-style BPE without byte fallback";
        return false;
    }
    bool replaced = false;
    for (const tok::NormStep& n : d.norm) {
        if (n.kind == tok::NormStep::Kind::Replace && n.from == " " && n.to == tok::kSpaceMark)
            replaced = true;
        else if (!(n.kind == tok::NormStep::Kind::Prepend && n.from == tok::kSpaceMark)) {
            *why = "a normalizer llama.cpp does not apply";
            return false;
        }
    }
    for (const tok::PreStep& p : d.pre) {
        if (p.kind == tok::PreStep::Kind::Metaspace && !p.split && p.prepend != tok::PreStep::Prepend::First &&
            p.replacement == tok::kSpaceMark)
            replaced = true;
        else if (!(p.kind == tok::PreStep::Kind::Split && p.pattern == " " && replaced)) {
            *why = "a pre-tokenizer that splits the text, which llama.cpp's SentencePiece tokenizer does not";
            return false;
        }
    }
    if (!replaced) {
        *why = "spaces not written as \u2581";
        return false;
    }
    return true;
}

int64_t rowsOf(const Model& m, std::string_view suffix)
{
    for (const TensorInfo& t : m.tensors)
        if (t.shape.size() == 2 && t.name.size() >= suffix.size() &&
            std::string_view(t.name).substr(t.name.size() - suffix.size()) == suffix)
            return t.shape[0];
    return 0;
}

}  // namespace

Tokenizer::Tokenizer(std::unique_ptr<tok::Data> d) : d_(std::move(d))
{
    d_->index();
    d_->buildTrie();
}

Tokenizer::~Tokenizer() = default;

Tokenizer::Kind Tokenizer::kind() const { return d_->kind; }
int32_t Tokenizer::size() const { return int32_t(d_->pieces.size()); }
const std::string& Tokenizer::piece(int32_t id) const { return d_->pieces.at(size_t(id)); }
TokenType Tokenizer::type(int32_t id) const { return d_->types.at(size_t(id)); }
int32_t Tokenizer::find(std::string_view piece) const { return d_->find(piece); }
int32_t Tokenizer::bos() const { return d_->bos; }
int32_t Tokenizer::eos() const { return d_->eos; }
int32_t Tokenizer::unk() const { return d_->unk; }
int32_t Tokenizer::pad() const { return d_->pad; }
bool Tokenizer::addBos() const { return d_->addBos && d_->bos >= 0; }
bool Tokenizer::addEos() const { return d_->addEos && d_->eos >= 0; }
const std::string& Tokenizer::source() const { return d_->source; }

std::vector<int32_t> Tokenizer::encode(std::string_view text, bool addSpecial, bool parseSpecial) const
{
    const Data& d = *d_;
    std::vector<int32_t> out;
    out.reserve(text.size() / 3 + 2);
    if (addSpecial && addBos())
        out.push_back(d.bos);
    std::unordered_map<std::string, std::vector<int32_t>> cache;  // short words seen before
    auto segment = [&](size_t begin, size_t end) {
        if (end <= begin)
            return;
        std::string s = tok::normalize(d.norm, std::string(text.substr(begin, end - begin)));
        if (d.byScores) {
            tok::spmEncode(d, s, out);
            return;
        }
        for (std::string& w : tok::preTokenize(d.pre, std::move(s), begin == 0)) {
            std::string word = d.byteLevel ? tok::toByteLevel(w) : std::move(w);
            if (word.size() > 48) {
                tok::bpeEncode(d, word, out);
                continue;
            }
            auto it = cache.find(word);
            if (it == cache.end()) {
                std::vector<int32_t> ids;
                tok::bpeEncode(d, word, ids);
                it = cache.emplace(std::move(word), std::move(ids)).first;
            }
            out.insert(out.end(), it->second.begin(), it->second.end());
        }
    };
    size_t start = 0;
    for (size_t i = 0; i < text.size();) {
        size_t len = 0;
        const int32_t k = d.trieRoot[static_cast<unsigned char>(text[i])] < 0 ? -1 : matchAdded(d, text, i, parseSpecial, &len);
        if (k < 0) {
            ++i;
            continue;
        }
        const tok::Added& a = d.added[size_t(k)];
        size_t end = i;
        if (a.lstrip)
            while (end > start && isSpace(text[end - 1]))
                --end;
        segment(start, end);
        out.push_back(a.id);
        i += len;
        if (a.rstrip)
            while (i < text.size() && isSpace(text[i]))
                ++i;
        start = i;
    }
    segment(start, text.size());
    if (addSpecial && addEos())
        out.push_back(d.eos);
    return out;
}

std::string Tokenizer::decode(std::span<const int32_t> ids, bool skipSpecial) const
{
    const Data& d = *d_;
    std::string out;
    bool stripSpace = d.kind == Kind::SentencePiece && d.addSpacePrefix;
    for (int32_t id : ids) {
        if (id < 0 || id >= size())
            continue;
        const TokenType t = d.types[size_t(id)];
        const std::string& p = d.pieces[size_t(id)];
        if (t == TokenType::Control || t == TokenType::Unknown || t == TokenType::Unused) {
            if (!skipSpecial)
                out += p;
            continue;
        }
        if (t == TokenType::UserDefined && d.kind == Kind::ByteLevelBpe) {
            out += p;
            continue;
        }
        if (d.kind == Kind::SentencePiece) {
            if (t == TokenType::Byte && p.size() == 6 && p.starts_with("<0x") && p.back() == '>' &&
                std::isxdigit(static_cast<unsigned char>(p[3])) && std::isxdigit(static_cast<unsigned char>(p[4]))) {
                out += char(std::stoi(p.substr(3, 2), nullptr, 16));
                continue;
            }
            std::string s;
            for (size_t i = 0; i < p.size();) {
                if (std::string_view(p).substr(i, 3) == tok::kSpaceMark) {
                    s += ' ';
                    i += 3;
                } else {
                    s += p[i++];
                }
            }
            if (stripSpace && out.empty() && s.starts_with(' '))
                s.erase(0, 1);
            stripSpace = false;
            out += s;
        } else {
            for (size_t i = 0; i < p.size();) {
                const size_t n = std::min(tok::utf8Len(static_cast<unsigned char>(p[i])), p.size() - i);
                const QString ch = tok::qstr(std::string_view(p).substr(i, n));
                const char32_t c = ch.isEmpty() ? 0 : ch.toUcs4().value(0);
                const int b = tok::byteOfChar(c);
                if (b >= 0)
                    out += char(b);
                else
                    out.append(p, i, n);
                i += n;
            }
        }
    }
    return out;
}

std::string Tokenizer::summary() const
{
    const Data& d = *d_;
    std::string s = d.kind == Kind::SentencePiece ? "SentencePiece" : "byte-level BPE";
    if (!d.preName.empty())
        s += " (" + d.preName + ")";
    s += ", " + std::to_string(size()) + " tokens, ";
    s += addBos() ? "BOS " + d.pieces[size_t(d.bos)] + " added" : "no BOS";
    return s;
}

std::vector<MetaEntry> Tokenizer::ggufMetadata(int vocabSize) const
{
    const Data& d = *d_;
    const int n = size();
    if (n > vocabSize)
        invalidInput(d.source, "the tokenizer has " + std::to_string(n) + " tokens, more than the model's vocabulary of " +
                                   std::to_string(vocabSize));
    std::vector<MetaEntry> meta;
    const bool spm = d.kind == Kind::SentencePiece;
    std::string pre = "default";
    if (spm) {
        std::string why;
        if (!spmExpressible(d, &why))
            invalidInput(d.source, "llama.cpp's SentencePiece tokenizer cannot reproduce this tokenizer (" + why + ")");
    } else {
        pre = d.ggufPre;
        if (pre.empty())
            invalidInput(d.source, "llama.cpp has no pre-tokenizer for this tokenizer's (" +
                                       (d.preName.empty() ? std::string("none given") : d.preName) + ")");
    }
    meta.push_back({"tokenizer.ggml.model", MetaValue::ofString(spm ? "llama" : "gpt2")});
    meta.push_back({"tokenizer.ggml.pre", MetaValue::ofString(pre)});

    std::vector<MetaValue> tokens, types;
    tokens.reserve(size_t(vocabSize));
    types.reserve(size_t(vocabSize));
    for (int i = 0; i < vocabSize; ++i) {
        tokens.push_back(MetaValue::ofString(i < n ? d.pieces[size_t(i)] : padPiece(i)));
        types.push_back(MetaValue::ofI32(int32_t(i < n ? d.types[size_t(i)] : TokenType::Unused)));
    }
    meta.push_back({"tokenizer.ggml.tokens", arrayOf(MetaType::String, std::move(tokens))});
    if (spm) {
        // llama.cpp joins the adjacent pair whose result has the highest score: the result of
        // merge r gets -(r + 1), so it joins pairs in merge order; tokens no merge makes score
        // below every merge (single characters and special tokens never result from a join).
        std::vector<float> sc(size_t(vocabSize), 0.0f);
        if (d.byScores) {
            std::copy(d.scores.begin(), d.scores.end(), sc.begin());
        } else {
            std::vector<bool> made(size_t(n), false);
            for (size_t r = 0; r < d.mergeList.size(); ++r) {
                const auto& [a, b] = d.mergeList[r];
                const int32_t c = d.merges.at((uint64_t(uint32_t(a)) << 32) | uint32_t(b)).result;
                if (!made[size_t(c)]) {
                    made[size_t(c)] = true;
                    sc[size_t(c)] = -float(r + 1);
                }
            }
            const float floor = -float(d.mergeList.size() + 1);
            for (int i = 0; i < n; ++i) {
                const std::string& p = d.pieces[size_t(i)];
                if (!made[size_t(i)] && d.types[size_t(i)] != TokenType::Byte && !p.empty() &&
                    tok::utf8Len(static_cast<unsigned char>(p[0])) < p.size())
                    sc[size_t(i)] = floor - float(i);
            }
        }
        std::vector<MetaValue> scores;
        scores.reserve(sc.size());
        for (float f : sc)
            scores.push_back(MetaValue::ofF32(f));
        meta.push_back({"tokenizer.ggml.scores", arrayOf(MetaType::F32, std::move(scores))});
    }
    meta.push_back({"tokenizer.ggml.token_type", arrayOf(MetaType::I32, std::move(types))});
    if (!spm) {
        std::vector<MetaValue> merges;
        merges.reserve(d.mergeList.size());
        for (const auto& [a, b] : d.mergeList)
            merges.push_back(MetaValue::ofString(d.pieces[size_t(a)] + " " + d.pieces[size_t(b)]));
        meta.push_back({"tokenizer.ggml.merges", arrayOf(MetaType::String, std::move(merges))});
    }
    auto id = [&](const char* key, int32_t v) {
        if (v >= 0)
            meta.push_back({key, MetaValue::ofU32(uint32_t(v))});
    };
    id("tokenizer.ggml.bos_token_id", d.bos);
    id("tokenizer.ggml.eos_token_id", d.eos);
    id("tokenizer.ggml.unknown_token_id", d.unk);
    id("tokenizer.ggml.padding_token_id", d.pad);
    meta.push_back({"tokenizer.ggml.add_bos_token", MetaValue::ofBool(addBos())});
    meta.push_back({"tokenizer.ggml.add_eos_token", MetaValue::ofBool(addEos())});
    if (spm)
        meta.push_back({"tokenizer.ggml.add_space_prefix", MetaValue::ofBool(d.addSpacePrefix)});
    if (!d.chatTemplate.empty())
        meta.push_back({"tokenizer.chat_template", MetaValue::ofString(d.chatTemplate)});
    return meta;
}

std::string hfTokenizerPath(const Model& m)
{
    if (m.format != "safetensors")
        return {};
    const QFileInfo fi(QString::fromStdString(m.path));
    const QDir dir = fi.isDir() ? QDir(fi.filePath()) : fi.dir();
    const QString p = dir.filePath(QStringLiteral("tokenizer.json"));
    return QFileInfo::exists(p) ? p.toStdString() : std::string();
}

std::unique_ptr<Tokenizer> loadTokenizer(const Model& m)
{
    std::unique_ptr<Tokenizer> t;
    int64_t vocab = 0;
    if (m.format == "gguf") {
        t = Tokenizer::fromGgufMetadata(m.metadata, m.path);
        vocab = rowsOf(m, "token_embd.weight");
    } else {
        const std::string path = hfTokenizerPath(m);
        if (path.empty())
            invalidInput(m.path, m.format == "safetensors"
                                     ? "the model has no tokenizer (no tokenizer.json beside it), so text cannot be "
                                       "tokenized"
                                     : "a " + m.format + " model carries no tokenizer, so text cannot be tokenized");
        t = Tokenizer::fromHuggingFace(path);
        vocab = rowsOf(m, "embed_tokens.weight");
    }
    if (vocab > 0 && t->size() > vocab)
        invalidInput(t->source(), "the tokenizer has " + std::to_string(t->size()) +
                                      " tokens but the model's vocabulary (embedding rows) has " + std::to_string(vocab));
    return t;
}

std::string readTextFile(const std::string& path)
{
    QFile f(QString::fromStdString(path));
    if (!f.open(QIODevice::ReadOnly))
        invalidInput(path, "cannot read the text file: " + f.errorString().toStdString());
    const QByteArray b = f.readAll();
    if (b.isEmpty())
        invalidInput(path, "the text file is empty");
    const auto* p = reinterpret_cast<const unsigned char*>(b.constData());
    const size_t n = size_t(b.size());
    for (size_t i = 0; i < n;) {
        const unsigned char c = p[i];
        if (c == 0)
            invalidInput(path, "not a text file (NUL byte at offset " + std::to_string(i) + ")");
        size_t len = 0;
        char32_t cp = 0, min = 0;
        if (c < 0x80)
            len = 1, cp = c;
        else if ((c & 0xE0) == 0xC0)
            len = 2, cp = c & 0x1F, min = 0x80;
        else if ((c & 0xF0) == 0xE0)
            len = 3, cp = c & 0x0F, min = 0x800;
        else if ((c & 0xF8) == 0xF0)
            len = 4, cp = c & 0x07, min = 0x10000;
        bool ok = len > 0 && i + len <= n;
        for (size_t k = 1; ok && k < len; ++k) {
            ok = (p[i + k] & 0xC0) == 0x80;
            cp = (cp << 6) | (p[i + k] & 0x3F);
        }
        if (ok && len > 1)
            ok = cp >= min && cp <= 0x10FFFF && !(cp >= 0xD800 && cp <= 0xDFFF);
        if (!ok)
            invalidInput(path, "not a UTF-8 text file (invalid byte sequence at offset " + std::to_string(i) + ")");
        i += len;
    }
    return b.toStdString();
}

}  // namespace qs
