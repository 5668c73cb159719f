#pragma once
// Test-only access to llama.cpp's next-token distributions: runs tests/interop/llama_probs.mjs
// under node (node-llama-cpp, in tests/interop/node_modules) on a GGUF file, for the interop
// tests that compare QuantScope's exports and forward pass with llama.cpp.
#include "core/eval/llama_forward.h"

#include <QString>

#include <vector>

namespace qs::test {

using Dists = std::vector<std::vector<double>>;  // per position, probabilities over the vocabulary

// llama.cpp's full distribution after each token of stories260K/eval-tokens.json, for the model
// `gguf`. qFatal if node or the script fails.
Dists llamaCppDistributions(const QString& gguf);
// The same for the tokens of a {"tokens": [...]} file.
Dists llamaCppDistributions(const QString& gguf, const QString& tokensFile);

// QuantScope's distribution after each of `tokens` (softmax of llamaLogits, in double).
Dists ourDistributions(const LlamaWeights& w, const std::vector<int32_t>& tokens, ActMode mode = ActMode::Float);

// Mean over positions of KL(p || q); also the fraction of positions with the same most likely token.
double meanKl(const Dists& p, const Dists& q, double* top1 = nullptr);

}  // namespace qs::test
