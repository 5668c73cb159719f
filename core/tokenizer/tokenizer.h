#pragma once
// Text to token ids the way the model's own tokenizer does it, from the two places a model
// keeps its tokenizer:
//   GGUF metadata (tokenizer.ggml.*): "llama" = SentencePiece (merges by token score, byte
//     fallback <0xXX>), "gpt2" = byte-level BPE with the pre-tokenizer named by
//     tokenizer.ggml.pre; tokenized as llama.cpp tokenizes.
//   A Hugging Face folder's tokenizer.json (+ tokenizer_config.json): BPE models, byte-level
//     (Llama 3, Qwen) or SentencePiece-style with byte fallback (Llama 2, Mistral, Gemma);
//     tokenized as the Hugging Face tokenizer does.
// Special (added) tokens are matched in the text before anything else; BOS/EOS are added as the
// model says (tokenizer.ggml.add_bos_token, tokenizer_config.json, the post-processor).
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace qs {

class Model;
struct MetaEntry;

// GGUF token types (tokenizer.ggml.token_type), numbered as llama.cpp numbers them.
enum class TokenType : int32_t {
    Undefined = 0,
    Normal = 1,
    Unknown = 2,
    Control = 3,
    UserDefined = 4,
    Unused = 5,
    Byte = 6,
};

namespace tok {
struct Data;  // the vocabulary and the pipeline (tokenizer_internal.h)
}

class Tokenizer {
public:
    // How words become tokens (and what tokenizer.ggml.model a GGUF gets).
    enum class Kind {
        SentencePiece,  // "llama": pieces with ▁ for spaces, byte fallback <0xXX>
        ByteLevelBpe,   // "gpt2": every byte mapped to a printable character, BPE merges
    };

    explicit Tokenizer(std::unique_ptr<tok::Data> d);
    ~Tokenizer();
    Tokenizer(const Tokenizer&) = delete;
    Tokenizer& operator=(const Tokenizer&) = delete;

    // GGUF metadata of a model (tokenizer.ggml.*). Throws qs::Error(InvalidInput) naming the
    // file if there is no tokenizer, only a placeholder vocabulary, or one QuantScope cannot run.
    static std::unique_ptr<Tokenizer> fromGgufMetadata(const std::vector<MetaEntry>& meta, const std::string& path);
    // tokenizer.json (and tokenizer_config.json beside it, if present).
    static std::unique_ptr<Tokenizer> fromHuggingFace(const std::string& tokenizerJson);

    // Token ids of UTF-8 text. addSpecial: BOS/EOS as the model adds them. parseSpecial: control
    // tokens written in the text ("<|im_start|>", "<s>") become those tokens; user-defined added
    // tokens are always matched (as llama.cpp and the Hugging Face tokenizers do).
    std::vector<int32_t> encode(std::string_view text, bool addSpecial = true, bool parseSpecial = false) const;
    // The text of the tokens (control tokens as their text unless skipSpecial).
    std::string decode(std::span<const int32_t> ids, bool skipSpecial = false) const;

    Kind kind() const;
    int32_t size() const;                      // number of token ids
    const std::string& piece(int32_t id) const;  // the token as stored ("▁the", "Ġthe", "<s>")
    TokenType type(int32_t id) const;
    int32_t find(std::string_view piece) const;  // id of a piece, -1 if none
    int32_t bos() const;  // -1 when the model has none
    int32_t eos() const;
    int32_t unk() const;
    int32_t pad() const;
    bool addBos() const;
    bool addEos() const;
    const std::string& source() const;  // the file it was read from
    std::string summary() const;        // "byte-level BPE (qwen2), 151669 tokens, no BOS"

    // The tokenizer.ggml.* metadata llama.cpp reads for this tokenizer, the vocabulary padded
    // with unused "[PAD<i>]" tokens up to vocabSize. InvalidInput if the tokenizer has more
    // tokens than vocabSize or is one llama.cpp could not run (a pre-tokenizer it does not know).
    std::vector<MetaEntry> ggufMetadata(int vocabSize) const;

    const tok::Data& data() const { return *d_; }

private:
    std::unique_ptr<tok::Data> d_;
};

// tokenizer.json beside a Hugging Face model (its folder, or the folder of its .safetensors
// file); empty if there is none.
std::string hfTokenizerPath(const Model& m);

// The model's own tokenizer: its GGUF metadata, or the tokenizer.json beside it. Throws
// qs::Error(InvalidInput) naming the file when the model has none, only a placeholder vocabulary
// (stories260K), one QuantScope cannot run, or one whose size disagrees with the model's
// vocabulary.
std::unique_ptr<Tokenizer> loadTokenizer(const Model& m);

// A UTF-8 text file to tokenize. Throws qs::Error(InvalidInput) naming the file if it cannot be
// read, is empty, or is binary (NUL bytes, not UTF-8).
std::string readTextFile(const std::string& path);

}  // namespace qs
