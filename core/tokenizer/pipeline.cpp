// The text side of a tokenizer: the byte-level character map, normalization, pre-tokenization
// (regular expressions with Unicode properties through QRegularExpression / PCRE2), and the
// pre-tokenizers llama.cpp knows by tokenizer.ggml.pre.
#include "core/util/error.h"
#include "core/tokenizer/tokenizer_internal.h"

#include <QString>
#include <QStringDecoder>

#include <map>

namespace qs::tok {

namespace {

// The published pre-tokenizer patterns (Hugging Face tokenizer.json / OpenAI tiktoken).
const char* const kGpt2Pattern = "'s|'t|'re|'ve|'m|'ll|'d| ?\\p{L}+| ?\\p{N}+| ?[^\\s\\p{L}\\p{N}]+|\\s+(?!\\S)|\\s+";
const char* const kLlama3Pattern =
    "(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\\r\\n\\p{L}\\p{N}]?\\p{L}+|\\p{N}{1,3}| ?[^\\s\\p{L}\\p{N}]+[\\r\\n]*|"
    "\\s*[\\r\\n]+|\\s+(?!\\S)|\\s+";
const char* const kQwen2Pattern =
    "(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\\r\\n\\p{L}\\p{N}]?\\p{L}+|\\p{N}| ?[^\\s\\p{L}\\p{N}]+[\\r\\n]*|"
    "\\s*[\\r\\n]+|\\s+(?!\\S)|\\s+";

struct PreFamily {
    std::vector<const char*> names;
    GgufPre pre;
};

const std::vector<PreFamily>& preFamilies()
{
    static const std::vector<PreFamily> families{
        // llama.cpp's fallback for byte-level BPE without a known pre-tokenizer.
        {{"default"}, {{"[\\p{P}\\$\\+<=>\\^~\\|]+", kGpt2Pattern, "\\p{N}+", "[0-9][0-9][0-9]"}, false, false}},
        {{"gpt-2", "phi-2", "mpt", "olmo", "jais", "exaone4", "trillion"}, {{kGpt2Pattern}, false, false}},
        {{"llama-bpe", "llama3", "llama-v3", "falcon3", "pixtral", "lfm2"}, {{kLlama3Pattern}, true, true}},
        {{"smaug-bpe", "dbrx"}, {{kLlama3Pattern}, false, false}},
        {{"qwen2", "deepseek-r1-qwen", "megrez", "stablelm2", "hunyuan"}, {{kQwen2Pattern}, false, false}},
        {{"starcoder", "refact", "command-r", "smollm", "codeshell", "exaone", "minerva-7b"},
         {{"\\p{N}", kGpt2Pattern}, false, false}},
    };
    return families;
}

void splitPiece(const PreStep& st, const std::string& word, std::vector<std::string>& out)
{
    const QString s = qstr(word);
    // The word as pieces that matched the pattern and pieces between matches, in order.
    std::vector<std::pair<std::string, bool>> items;
    qsizetype prev = 0;
    for (auto it = st.re.globalMatch(s); it.hasNext();) {
        const QRegularExpressionMatch m = it.next();
        if (m.capturedLength() == 0)
            continue;
        if (m.capturedStart() > prev)
            items.emplace_back(s.mid(prev, m.capturedStart() - prev).toStdString(), false);
        items.emplace_back(m.captured().toStdString(), true);
        prev = m.capturedEnd();
    }
    if (items.empty()) {
        out.push_back(word);
        return;
    }
    if (prev < s.size())
        items.emplace_back(s.mid(prev).toStdString(), false);
    switch (st.behavior) {
    case PreStep::Behavior::Isolated:
        for (auto& [text, match] : items)
            out.push_back(std::move(text));
        break;
    case PreStep::Behavior::Removed:
        for (auto& [text, match] : items)
            if (!match)
                out.push_back(std::move(text));
        break;
    case PreStep::Behavior::MergedWithPrevious: {
        // A match joins the piece before it, unless that piece is itself a match.
        const size_t first = out.size();
        bool prevMatch = false;
        for (auto& [text, match] : items) {
            if (match && !prevMatch && out.size() > first)
                out.back() += text;
            else
                out.push_back(std::move(text));
            prevMatch = match;
        }
        break;
    }
    case PreStep::Behavior::MergedWithNext: {
        // A match joins the piece after it, unless that piece is itself a match.
        std::vector<std::string> rev;
        bool nextMatch = false;
        for (auto it = items.rbegin(); it != items.rend(); ++it) {
            if (it->second && !nextMatch && !rev.empty())
                rev.back() = it->first + rev.back();
            else
                rev.push_back(std::move(it->first));
            nextMatch = it->second;
        }
        for (auto it = rev.rbegin(); it != rev.rend(); ++it)
            out.push_back(std::move(*it));
        break;
    }
    }
}

void replaceAll(std::string& s, std::string_view from, std::string_view to)
{
    if (from.empty())
        return;
    std::string out;
    out.reserve(s.size());
    size_t pos = 0;
    for (size_t hit; (hit = s.find(from, pos)) != std::string::npos; pos = hit + from.size())
        out.append(s, pos, hit - pos).append(to);
    out.append(s, pos, std::string::npos);
    s = std::move(out);
}

}  // namespace

const std::array<char32_t, 256>& byteToChar()
{
    static const std::array<char32_t, 256> map = [] {
        std::array<char32_t, 256> m{};
        char32_t next = 256;
        for (int b = 0; b < 256; ++b) {
            const bool printable = (b >= '!' && b <= '~') || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE && b <= 0xFF);
            m[size_t(b)] = printable ? char32_t(b) : next++;
        }
        return m;
    }();
    return map;
}

int byteOfChar(char32_t c)
{
    static const std::vector<int> inverse = [] {
        std::vector<int> v(512, -1);
        const auto& m = byteToChar();
        for (int b = 0; b < 256; ++b)
            v[size_t(m[size_t(b)])] = b;
        return v;
    }();
    return c < inverse.size() ? inverse[c] : -1;
}

void appendUtf8(std::string& out, char32_t c)
{
    if (c < 0x80) {
        out += char(c);
    } else if (c < 0x800) {
        out += char(0xC0 | (c >> 6));
        out += char(0x80 | (c & 0x3F));
    } else if (c < 0x10000) {
        out += char(0xE0 | (c >> 12));
        out += char(0x80 | ((c >> 6) & 0x3F));
        out += char(0x80 | (c & 0x3F));
    } else {
        out += char(0xF0 | (c >> 18));
        out += char(0x80 | ((c >> 12) & 0x3F));
        out += char(0x80 | ((c >> 6) & 0x3F));
        out += char(0x80 | (c & 0x3F));
    }
}

QString qstr(std::string_view utf8)
{
    QStringDecoder dec(QStringConverter::Utf8,
                       QStringConverter::Flag::ConvertInitialBom | QStringConverter::Flag::Stateless);
    return dec(QByteArrayView(utf8.data(), qsizetype(utf8.size())));
}

std::string toByteLevel(std::string_view word)
{
    const auto& m = byteToChar();
    std::string out;
    out.reserve(word.size() * 2);
    for (unsigned char b : word)
        appendUtf8(out, m[b]);
    return out;
}

std::string normalize(const std::vector<NormStep>& steps, std::string s)
{
    for (const NormStep& st : steps) {
        switch (st.kind) {
        case NormStep::Kind::Prepend:
            if (!s.empty())
                s.insert(0, st.from);
            break;
        case NormStep::Kind::Replace:
            replaceAll(s, st.from, st.to);
            break;
        case NormStep::Kind::Nfc:
            s = qstr(s).normalized(QString::NormalizationForm_C).toStdString();
            break;
        case NormStep::Kind::Nfkc:
            s = qstr(s).normalized(QString::NormalizationForm_KC).toStdString();
            break;
        case NormStep::Kind::Nfd:
            s = qstr(s).normalized(QString::NormalizationForm_D).toStdString();
            break;
        case NormStep::Kind::Nfkd:
            s = qstr(s).normalized(QString::NormalizationForm_KD).toStdString();
            break;
        case NormStep::Kind::Lowercase:
            s = qstr(s).toLower().toStdString();
            break;
        }
    }
    return s;
}

std::vector<std::string> preTokenize(const std::vector<PreStep>& steps, std::string text, bool firstSegment)
{
    std::vector<std::string> words;
    if (text.empty())
        return words;
    words.push_back(std::move(text));
    for (const PreStep& st : steps) {
        std::vector<std::string> next;
        next.reserve(words.size());
        for (size_t w = 0; w < words.size(); ++w) {
            std::string& word = words[w];
            switch (st.kind) {
            case PreStep::Kind::Split:
                splitPiece(st, word, next);
                break;
            case PreStep::Kind::ByteLevel:
                if (st.addPrefixSpace && !word.starts_with(' '))
                    word.insert(0, 1, ' ');
                if (st.useRegex)
                    splitPiece(st, word, next);
                else
                    next.push_back(std::move(word));
                break;
            case PreStep::Kind::Metaspace: {
                replaceAll(word, " ", st.replacement);
                const bool prepend = st.prepend == PreStep::Prepend::Always ||
                                     (st.prepend == PreStep::Prepend::First && firstSegment && w == 0);
                if (prepend && !word.starts_with(st.replacement))
                    word.insert(0, st.replacement);
                if (st.split)
                    splitPiece(st, word, next);
                else
                    next.push_back(std::move(word));
                break;
            }
            case PreStep::Kind::Digits:
                splitPiece(st, word, next);
                break;
            }
        }
        words = std::move(next);
    }
    return words;
}

QRegularExpression compilePattern(const std::string& pattern, const std::string& file)
{
    QRegularExpression re(qstr(pattern), QRegularExpression::UseUnicodePropertiesOption);
    if (!re.isValid())
        invalidInput(file, "pre-tokenizer pattern '" + pattern + "' does not compile: " +
                               re.errorString().toStdString());
    re.optimize();
    return re;
}

const char* gpt2Pattern() { return kGpt2Pattern; }

bool ggufPreTokenizer(const std::string& name, GgufPre* out)
{
    for (const PreFamily& f : preFamilies())
        for (const char* n : f.names)
            if (name == n || (name.empty() && std::string_view(n) == "default")) {
                *out = f.pre;
                return true;
            }
    return false;
}

std::string knownGgufPres()
{
    std::string s;
    for (const PreFamily& f : preFamilies())
        for (const char* n : f.names)
            s += (s.empty() ? "" : ", ") + std::string(n);
    return s;
}

std::string ggufPreForHf(const Data& d)
{
    // The Hugging Face pipelines llama.cpp has a pre-tokenizer for: one Split with a known
    // pattern then ByteLevel without regex, or ByteLevel with its own (GPT-2) regex.
    if (!d.byteLevel)
        return {};
    for (const NormStep& n : d.norm)
        if (n.kind != NormStep::Kind::Nfc)
            return {};
    std::vector<std::string> patterns;
    for (const PreStep& p : d.pre) {
        if (p.kind == PreStep::Kind::Split && p.behavior == PreStep::Behavior::Isolated) {
            patterns.push_back(p.pattern);
        } else if (p.kind == PreStep::Kind::ByteLevel && !p.addPrefixSpace) {
            if (p.useRegex)
                patterns.push_back(kGpt2Pattern);
        } else {
            return {};
        }
    }
    if (patterns.size() != 1)
        return {};
    if (patterns[0] == kLlama3Pattern)
        return d.ignoreMerges ? "llama-bpe" : "smaug-bpe";
    if (d.ignoreMerges)
        return {};
    if (patterns[0] == kQwen2Pattern)
        return "qwen2";
    if (patterns[0] == kGpt2Pattern)
        return "gpt-2";
    return {};
}

}  // namespace qs::tok
