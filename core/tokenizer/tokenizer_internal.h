#pragma once
// The data behind a qs::Tokenizer and the pieces of its pipeline (not a public interface):
//   text -> special tokens split out -> each other segment normalized -> pre-tokenized into
//   words -> each word (or, for SentencePiece by scores, the whole segment) into token ids.
#include "core/tokenizer/tokenizer.h"

#include <QRegularExpression>
#include <QString>

#include <array>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace qs::tok {

struct StringHash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const noexcept { return std::hash<std::string_view>{}(s); }
};
using IdMap = std::unordered_map<std::string, int32_t, StringHash, std::equal_to<>>;

// "▁" (U+2581), SentencePiece's space.
inline constexpr std::string_view kSpaceMark = "\xE2\x96\x81";

// One normalization step, applied to every segment between special tokens.
struct NormStep {
    enum class Kind { Prepend, Replace, Nfc, Nfkc, Nfd, Nfkd, Lowercase };
    Kind kind = Kind::Replace;
    std::string from;  // Replace: what; Prepend: the prefix
    std::string to;    // Replace: by what
};

// One pre-tokenization step, splitting every word further.
struct PreStep {
    enum class Kind { Split, ByteLevel, Metaspace, Digits };
    enum class Behavior { Isolated, Removed, MergedWithPrevious, MergedWithNext };
    Kind kind = Kind::Split;
    QRegularExpression re;           // Split (and ByteLevel with useRegex: the GPT-2 pattern)
    std::string pattern;             // the pattern as given, for messages and the GGUF pre name
    Behavior behavior = Behavior::Isolated;
    bool addPrefixSpace = false;     // ByteLevel
    bool useRegex = false;           // ByteLevel
    std::string replacement;         // Metaspace ("▁")
    enum class Prepend { Always, First, Never } prepend = Prepend::Always;  // Metaspace
    bool split = true;               // Metaspace
    bool individualDigits = false;   // Digits
};

// A special or added token matched in the raw text.
struct Added {
    std::string text;
    int32_t id = -1;
    bool special = true;  // control/unknown: only matched when asked to parse special tokens
    bool lstrip = false;  // swallows whitespace before it
    bool rstrip = false;  // swallows whitespace after it
};

struct Merge {
    int32_t rank = 0;
    int32_t result = 0;
};

struct Data {
    Tokenizer::Kind kind = Tokenizer::Kind::SentencePiece;
    std::string source;        // file it was read from
    bool fromGguf = false;
    std::string ggufPre;       // tokenizer.ggml.pre read, or the one llama.cpp knows this pre-tokenizer by
    std::string preName;       // how the summary names the pre-tokenizer

    // Vocabulary.
    std::vector<std::string> pieces;
    std::vector<float> scores;  // GGUF "llama" only (merge order by score)
    std::vector<TokenType> types;
    IdMap ids;
    std::array<int32_t, 256> byteTokens{};  // id of <0xXX> per byte, -1 if none

    // Model.
    bool byScores = false;  // SentencePiece merges by token score (GGUF "llama", as llama.cpp)
    std::unordered_map<uint64_t, Merge> merges;            // (left << 32 | right) -> rank, result
    std::vector<std::pair<int32_t, int32_t>> mergeList;    // in rank order (for GGUF export)
    bool byteLevel = false;     // words are mapped byte -> printable character before the model
    bool byteFallback = false;  // unknown characters become <0xXX> byte tokens
    bool ignoreMerges = false;  // a word that is a token is that token
    bool fuseUnk = false;

    // Pipeline.
    std::vector<NormStep> norm;
    std::vector<PreStep> pre;
    std::vector<Added> added;
    bool addSpacePrefix = false;  // SentencePiece: a ▁ before each segment (for decode and GGUF)

    int32_t bos = -1, eos = -1, unk = -1, pad = -1;
    bool addBos = false, addEos = false;
    std::string chatTemplate;

    // The added tokens as a byte trie, for leftmost-longest matching in the text.
    struct TrieNode {
        std::vector<std::pair<unsigned char, int32_t>> next;
        int32_t added = -1;  // index into `added` of the token ending here
    };
    std::vector<TrieNode> trie;
    std::array<int32_t, 256> trieRoot{};
    void buildTrie();

    int32_t find(std::string_view piece) const
    {
        const auto it = ids.find(piece);
        return it == ids.end() ? -1 : it->second;
    }
    // Fills ids (piece -> id, first id wins) and byteTokens from pieces.
    void index();
    // Ranks merges (left, right) in order; InvalidInput naming the file if a merge's parts or
    // result are not tokens and `strict`, else such merges are skipped.
    void setMerges(const std::vector<std::pair<std::string, std::string>>& pairs, bool strict);
};

// GPT-2's byte <-> printable character map (bytes_to_unicode): printable Latin-1 bytes map to
// themselves, the others to U+0100 onwards in byte order.
const std::array<char32_t, 256>& byteToChar();
// The byte a character stands for, -1 if it is not one of the 256.
int byteOfChar(char32_t c);
// A word's bytes as their byte-level characters (UTF-8).
std::string toByteLevel(std::string_view word);

// UTF-8 length of the character starting with byte b (1 for invalid lead bytes).
inline size_t utf8Len(unsigned char b)
{
    return b < 0x80 ? 1 : (b >> 5) == 0x6 ? 2 : (b >> 4) == 0xE ? 3 : (b >> 3) == 0x1E ? 4 : 1;
}
void appendUtf8(std::string& out, char32_t c);
// UTF-8 to QString keeping a leading U+FEFF (QString::fromUtf8 drops it as a byte order mark,
// but in a tokenizer it is a character like any other).
QString qstr(std::string_view utf8);

// Pipeline steps.
std::string normalize(const std::vector<NormStep>& steps, std::string s);
std::vector<std::string> preTokenize(const std::vector<PreStep>& steps, std::string text, bool firstSegment);

// Models: append the ids of one word / segment to out.
void bpeEncode(const Data& d, std::string_view word, std::vector<int32_t>& out);
void spmEncode(const Data& d, std::string_view text, std::vector<int32_t>& out);

// The pre-tokenizer steps llama.cpp uses for a tokenizer.ggml.pre value, and whether that
// pre-tokenizer ignores merges for words that are tokens and adds BOS by default. False if unknown.
struct GgufPre {
    std::vector<std::string> regexes;
    bool ignoreMerges = false;
    bool addBos = false;
};
bool ggufPreTokenizer(const std::string& name, GgufPre* out);
// Names of the tokenizer.ggml.pre values QuantScope runs, for messages.
std::string knownGgufPres();
// The GGUF pre name for a Hugging Face pre-tokenizer (llama.cpp's regex equivalents), empty if none.
std::string ggufPreForHf(const Data& d);

// GPT-2's pre-tokenizer pattern (Hugging Face ByteLevel with use_regex).
const char* gpt2Pattern();

// A compiled pattern as the pre-tokenizers use it (Unicode properties); InvalidInput naming
// `file` if PCRE2 rejects it.
QRegularExpression compilePattern(const std::string& pattern, const std::string& file);

}  // namespace qs::tok
