// A tokenizer from a Hugging Face tokenizer.json (+ tokenizer_config.json beside it): BPE models
// with their normalizer, pre-tokenizer, added tokens and post-processor, as the Hugging Face
// tokenizers library runs them.
#include "core/util/error.h"
#include "core/tokenizer/tokenizer_internal.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace qs {

namespace {

QJsonObject readJsonObject(const QString& file, bool required)
{
    QFile f(file);
    if (!f.open(QIODevice::ReadOnly)) {
        if (!required && !f.exists())
            return {};
        invalidInput(file.toStdString(), "cannot read: " + f.errorString().toStdString());
    }
    QByteArray bytes = f.readAll();
    // Qt's JSON reader drops a U+FEFF at the start of a string (as if it were a byte order
    // mark); tokenizers have such tokens, so the raw character is written as its escape.
    static const QByteArray bom("\xEF\xBB\xBF");
    if (bytes.startsWith(bom))
        bytes.remove(0, 3);
    bytes.replace(bom, QByteArrayLiteral("\\ufeff"));
    QJsonParseError err{};
    const QJsonDocument doc = QJsonDocument::fromJson(bytes, &err);
    if (err.error != QJsonParseError::NoError)
        invalidInput(file.toStdString(), "not valid JSON (" + err.errorString().toStdString() + " at byte " +
                                             std::to_string(err.offset) + ")");
    if (!doc.isObject())
        invalidInput(file.toStdString(), "not a JSON object");
    return doc.object();
}

// "<s>" or {"content": "<s>", ...} (tokenizer_config.json's ways of naming a token).
QString tokenName(const QJsonValue& v)
{
    return v.isObject() ? v.toObject().value(QStringLiteral("content")).toString() : v.toString();
}

class HfParser {
public:
    explicit HfParser(std::string path) : path_(std::move(path)) {}

    [[noreturn]] void fail(const std::string& what) const { invalidInput(path_, what); }

    void normalizer(const QJsonValue& v, std::vector<tok::NormStep>& out) const
    {
        if (v.isNull() || v.isUndefined())
            return;
        const QJsonObject o = v.toObject();
        const QString type = o.value(QStringLiteral("type")).toString();
        using K = tok::NormStep::Kind;
        if (type == QLatin1String("Sequence")) {
            for (const QJsonValue& n : o.value(QStringLiteral("normalizers")).toArray())
                normalizer(n, out);
        } else if (type == QLatin1String("Prepend")) {
            out.push_back({K::Prepend, o.value(QStringLiteral("prepend")).toString().toStdString(), {}});
        } else if (type == QLatin1String("Replace")) {
            const QJsonObject pat = o.value(QStringLiteral("pattern")).toObject();
            if (!pat.contains(QStringLiteral("String")))
                fail("normalizer Replace with a regular expression is not supported");
            out.push_back({K::Replace, pat.value(QStringLiteral("String")).toString().toStdString(),
                           o.value(QStringLiteral("content")).toString().toStdString()});
        } else if (type == QLatin1String("NFC")) {
            out.push_back({K::Nfc, {}, {}});
        } else if (type == QLatin1String("NFKC")) {
            out.push_back({K::Nfkc, {}, {}});
        } else if (type == QLatin1String("NFD")) {
            out.push_back({K::Nfd, {}, {}});
        } else if (type == QLatin1String("NFKD")) {
            out.push_back({K::Nfkd, {}, {}});
        } else if (type == QLatin1String("Lowercase")) {
            out.push_back({K::Lowercase, {}, {}});
        } else {
            fail("normalizer '" + type.toStdString() + "' is not supported");
        }
    }

    tok::PreStep::Behavior behavior(const QString& b) const
    {
        using B = tok::PreStep::Behavior;
        if (b == QLatin1String("Isolated"))
            return B::Isolated;
        if (b == QLatin1String("Removed"))
            return B::Removed;
        if (b == QLatin1String("MergedWithPrevious"))
            return B::MergedWithPrevious;
        if (b == QLatin1String("MergedWithNext"))
            return B::MergedWithNext;
        fail("pre-tokenizer split behavior '" + b.toStdString() + "' is not supported");
    }

    void preTokenizer(const QJsonValue& v, std::vector<tok::PreStep>& out) const
    {
        if (v.isNull() || v.isUndefined())
            return;
        const QJsonObject o = v.toObject();
        const QString type = o.value(QStringLiteral("type")).toString();
        using K = tok::PreStep::Kind;
        tok::PreStep st;
        if (type == QLatin1String("Sequence")) {
            for (const QJsonValue& p : o.value(QStringLiteral("pretokenizers")).toArray())
                preTokenizer(p, out);
            return;
        }
        if (type == QLatin1String("Split")) {
            st.kind = K::Split;
            const QJsonObject pat = o.value(QStringLiteral("pattern")).toObject();
            if (pat.contains(QStringLiteral("Regex")))
                st.pattern = pat.value(QStringLiteral("Regex")).toString().toStdString();
            else if (pat.contains(QStringLiteral("String")))
                st.pattern = pat.value(QStringLiteral("String")).toString().toStdString();
            else
                fail("pre-tokenizer Split without a pattern");
            const std::string re = pat.contains(QStringLiteral("Regex"))
                                       ? st.pattern
                                       : QRegularExpression::escape(tok::qstr(st.pattern)).toStdString();
            st.re = tok::compilePattern(re, path_);
            st.behavior = behavior(o.value(QStringLiteral("behavior")).toString());
            if (o.value(QStringLiteral("invert")).toBool())
                fail("pre-tokenizer Split with invert is not supported");
        } else if (type == QLatin1String("ByteLevel")) {
            st.kind = K::ByteLevel;
            st.addPrefixSpace = o.value(QStringLiteral("add_prefix_space")).toBool();
            st.useRegex = o.value(QStringLiteral("use_regex")).toBool(true);
            if (st.useRegex) {
                st.pattern = tok::gpt2Pattern();
                st.re = tok::compilePattern(st.pattern, path_);
            }
            byteLevel_ = true;
        } else if (type == QLatin1String("Metaspace")) {
            st.kind = K::Metaspace;
            st.replacement = o.value(QStringLiteral("replacement")).toString(QStringLiteral("\u2581")).toStdString();
            const QString scheme = o.value(QStringLiteral("prepend_scheme")).toString();
            if (scheme.isEmpty())
                st.prepend = o.value(QStringLiteral("add_prefix_space")).toBool(true) ? tok::PreStep::Prepend::Always
                                                                                      : tok::PreStep::Prepend::Never;
            else if (scheme == QLatin1String("always"))
                st.prepend = tok::PreStep::Prepend::Always;
            else if (scheme == QLatin1String("first"))
                st.prepend = tok::PreStep::Prepend::First;
            else if (scheme == QLatin1String("never"))
                st.prepend = tok::PreStep::Prepend::Never;
            else
                fail("Metaspace prepend_scheme '" + scheme.toStdString() + "' is not supported");
            st.split = o.value(QStringLiteral("split")).toBool(true);
            st.pattern = st.replacement;
            st.re = tok::compilePattern(QRegularExpression::escape(tok::qstr(st.replacement)).toStdString(),
                                        path_);
            st.behavior = tok::PreStep::Behavior::MergedWithNext;
        } else if (type == QLatin1String("Digits")) {
            st.kind = K::Digits;
            st.individualDigits = o.value(QStringLiteral("individual_digits")).toBool();
            st.pattern = st.individualDigits ? "\\p{N}" : "\\p{N}+";
            st.re = tok::compilePattern(st.pattern, path_);
        } else {
            fail("pre-tokenizer '" + type.toStdString() + "' is not supported");
        }
        out.push_back(std::move(st));
    }

    bool byteLevel() const { return byteLevel_; }

private:
    std::string path_;
    mutable bool byteLevel_ = false;
};

}  // namespace

std::unique_ptr<Tokenizer> Tokenizer::fromHuggingFace(const std::string& tokenizerJson)
{
    const QString file = QString::fromStdString(tokenizerJson);
    const std::string& path = tokenizerJson;
    const QJsonObject root = readJsonObject(file, true);
    const QJsonObject config =
        readJsonObject(QFileInfo(file).dir().filePath(QStringLiteral("tokenizer_config.json")), false);
    HfParser parse(path);

    const QJsonObject model = root.value(QStringLiteral("model")).toObject();
    if (model.isEmpty())
        invalidInput(path, "no \"model\" object: not a Hugging Face tokenizer.json");
    const QString type = model.value(QStringLiteral("type")).toString(
        model.contains(QStringLiteral("merges")) ? QStringLiteral("BPE") : QString());
    if (type != QLatin1String("BPE"))
        invalidInput(path, "the tokenizer model is '" + type.toStdString() +
                               "'; QuantScope runs BPE tokenizers (Llama, Mistral, Qwen, Gemma)");
    for (const char* k : {"continuing_subword_prefix", "end_of_word_suffix"})
        if (!model.value(QLatin1String(k)).toString().isEmpty())
            invalidInput(path, std::string("BPE with a ") + k + " is not supported");

    const QJsonObject vocab = model.value(QStringLiteral("vocab")).toObject();
    if (vocab.isEmpty())
        invalidInput(path, "model.vocab is missing or empty");
    const QJsonArray addedTokens = root.value(QStringLiteral("added_tokens")).toArray();
    constexpr int64_t kMaxId = int64_t(1) << 24;
    auto idOf = [&](const QJsonValue& v, const QString& token) {
        const double x = v.toDouble(-1);
        if (!v.isDouble() || x < 0 || x >= double(kMaxId) || x != double(int64_t(x)))
            invalidInput(path, "token '" + token.toStdString() + "' has no valid id");
        return int32_t(x);
    };
    int32_t n = 0;
    for (auto it = vocab.begin(); it != vocab.end(); ++it)
        n = std::max(n, idOf(it.value(), it.key()) + 1);
    for (const QJsonValue& a : addedTokens)
        n = std::max(n, idOf(a.toObject().value(QStringLiteral("id")), a.toObject().value(QStringLiteral("content")).toString()) + 1);

    auto d = std::make_unique<tok::Data>();
    d->source = path;
    d->pieces.assign(size_t(n), std::string());
    d->types.assign(size_t(n), TokenType::Unused);
    std::vector<bool> filled(size_t(n), false);
    for (auto it = vocab.begin(); it != vocab.end(); ++it) {
        const int32_t id = int32_t(it.value().toDouble());
        if (filled[size_t(id)])
            invalidInput(path, "id " + std::to_string(id) + " is given to both '" + d->pieces[size_t(id)] + "' and '" +
                                   it.key().toStdString() + "'");
        filled[size_t(id)] = true;
        d->pieces[size_t(id)] = it.key().toStdString();
        d->types[size_t(id)] = TokenType::Normal;
    }
    for (const QJsonValue& v : addedTokens) {
        const QJsonObject a = v.toObject();
        tok::Added t;
        t.text = a.value(QStringLiteral("content")).toString().toStdString();
        t.id = int32_t(a.value(QStringLiteral("id")).toDouble());
        t.special = a.value(QStringLiteral("special")).toBool();
        t.lstrip = a.value(QStringLiteral("lstrip")).toBool();
        t.rstrip = a.value(QStringLiteral("rstrip")).toBool();
        if (t.text.empty())
            invalidInput(path, "added token " + std::to_string(t.id) + " is empty");
        d->pieces[size_t(t.id)] = t.text;
        filled[size_t(t.id)] = true;
        d->types[size_t(t.id)] = t.special ? TokenType::Control : TokenType::UserDefined;
        d->added.push_back(std::move(t));
    }
    for (int32_t i = 0; i < n; ++i)
        if (!filled[size_t(i)])
            d->pieces[size_t(i)] = "[PAD" + std::to_string(i) + "]";
    d->index();

    d->byteFallback = model.value(QStringLiteral("byte_fallback")).toBool();
    d->ignoreMerges = model.value(QStringLiteral("ignore_merges")).toBool();
    d->fuseUnk = model.value(QStringLiteral("fuse_unk")).toBool();
    if (const QString unk = model.value(QStringLiteral("unk_token")).toString(); !unk.isEmpty()) {
        d->unk = d->find(unk.toStdString());
        if (d->unk < 0)
            invalidInput(path, "the unknown token '" + unk.toStdString() + "' is not in the vocabulary");
        d->types[size_t(d->unk)] = TokenType::Unknown;
    }
    if (d->byteFallback)
        for (int32_t id : d->byteTokens)
            if (id >= 0)
                d->types[size_t(id)] = TokenType::Byte;

    const QJsonArray merges = model.value(QStringLiteral("merges")).toArray();
    std::vector<std::pair<std::string, std::string>> pairs;
    pairs.reserve(size_t(merges.size()));
    for (const QJsonValue& m : merges) {
        if (m.isArray() && m.toArray().size() == 2) {
            pairs.emplace_back(m.toArray().at(0).toString().toStdString(), m.toArray().at(1).toString().toStdString());
        } else if (m.isString()) {
            const std::string s = m.toString().toStdString();
            const size_t sp = s.find(' ');
            if (sp == std::string::npos || s.find(' ', sp + 1) != std::string::npos)
                invalidInput(path, "merge '" + s + "' is not two tokens separated by one space");
            pairs.emplace_back(s.substr(0, sp), s.substr(sp + 1));
        } else {
            invalidInput(path, "model.merges holds an entry that is neither \"a b\" nor [\"a\", \"b\"]");
        }
    }
    d->setMerges(pairs, /*strict=*/true);

    parse.normalizer(root.value(QStringLiteral("normalizer")), d->norm);
    parse.preTokenizer(root.value(QStringLiteral("pre_tokenizer")), d->pre);
    d->byteLevel = parse.byteLevel() ||
                   root.value(QStringLiteral("decoder")).toObject().value(QStringLiteral("type")).toString() ==
                       QLatin1String("ByteLevel");
    d->kind = d->byteLevel ? Kind::ByteLevelBpe : Kind::SentencePiece;
    for (const tok::NormStep& s : d->norm)
        d->addSpacePrefix = d->addSpacePrefix || (s.kind == tok::NormStep::Kind::Prepend && s.from == tok::kSpaceMark);
    for (const tok::PreStep& s : d->pre)
        d->addSpacePrefix = d->addSpacePrefix ||
                            (s.kind == tok::PreStep::Kind::Metaspace && s.prepend != tok::PreStep::Prepend::Never);
    d->ggufPre = tok::ggufPreForHf(*d);
    d->preName = d->ggufPre;
    if (d->byteLevel && d->preName.empty())
        for (const tok::PreStep& s : d->pre)
            if (s.kind == tok::PreStep::Kind::Split)
                d->preName = "pattern " + s.pattern;

    // Special tokens: tokenizer_config.json first, then the post-processor's template.
    auto specialId = [&](const char* key) -> int32_t {
        const QString name = tokenName(config.value(QLatin1String(key)));
        if (name.isEmpty())
            return -1;
        const int32_t id = d->find(name.toStdString());
        if (id < 0)
            invalidInput(path, std::string("tokenizer_config.json's ") + key + " '" + name.toStdString() +
                                   "' is not in the vocabulary");
        return id;
    };
    d->bos = specialId("bos_token");
    d->eos = specialId("eos_token");
    d->pad = specialId("pad_token");
    if (const int32_t u = specialId("unk_token"); u >= 0)
        d->unk = u;
    std::optional<bool> addBos, addEos;
    const QJsonObject post = root.value(QStringLiteral("post_processor")).toObject();
    std::vector<QJsonObject> processors;
    if (post.value(QStringLiteral("type")).toString() == QLatin1String("Sequence"))
        for (const QJsonValue& p : post.value(QStringLiteral("processors")).toArray())
            processors.push_back(p.toObject());
    else if (!post.isEmpty())
        processors.push_back(post);
    for (const QJsonObject& p : processors) {
        const QString t = p.value(QStringLiteral("type")).toString();
        if (t == QLatin1String("ByteLevel"))
            continue;
        if (t != QLatin1String("TemplateProcessing"))
            invalidInput(path, "post-processor '" + t.toStdString() + "' is not supported");
        const QJsonArray single = p.value(QStringLiteral("single")).toArray();
        const QJsonObject specials = p.value(QStringLiteral("special_tokens")).toObject();
        auto special = [&](const QJsonValue& item) -> int32_t {
            const QString name = item.toObject().value(QStringLiteral("SpecialToken")).toObject().value(QStringLiteral("id")).toString();
            if (name.isEmpty())
                return -1;
            const QJsonArray ids = specials.value(name).toObject().value(QStringLiteral("ids")).toArray();
            const int32_t id = ids.size() == 1 ? int32_t(ids.at(0).toDouble(-1)) : d->find(name.toStdString());
            if (id < 0 || id >= n)
                invalidInput(path, "post-processor token '" + name.toStdString() + "' is not in the vocabulary");
            return id;
        };
        if (single.isEmpty())
            continue;
        const int32_t first = special(single.first()), last = single.size() > 1 ? special(single.last()) : -1;
        addBos = first >= 0;
        addEos = last >= 0;
        if (first >= 0 && d->bos < 0)
            d->bos = first;
        if (last >= 0 && d->eos < 0)
            d->eos = last;
    }
    if (config.value(QStringLiteral("add_bos_token")).isBool())
        addBos = config.value(QStringLiteral("add_bos_token")).toBool();
    if (config.value(QStringLiteral("add_eos_token")).isBool())
        addEos = config.value(QStringLiteral("add_eos_token")).toBool();
    d->addBos = addBos.value_or(false);
    d->addEos = addEos.value_or(false);
    if (d->addBos && d->bos < 0)
        invalidInput(path, "BOS is to be added but no BOS token is named");
    if (const QJsonValue t = config.value(QStringLiteral("chat_template")); t.isString())
        d->chatTemplate = t.toString().toStdString();
    return std::make_unique<Tokenizer>(std::move(d));
}

}  // namespace qs
