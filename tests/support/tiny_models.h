#pragma once
// Tiny random-weight Hugging Face checkpoints (config.json + model.safetensors) of the
// architectures QuantScope knows, written by the tests as Transformers would lay them out:
// Hugging Face tensor names, rotate-half q/k rows, Gemma's (1 + w) norms, Phi-3's fused
// projections. Small enough to run in milliseconds, with weights scaled so the next-token
// distributions are far from uniform (a wrong layer shows up as a large KL).
#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <cstdint>
#include <string>
#include <vector>

namespace qs::test {

// The architectures tinyHfModel knows: llama (with Llama 3 rope scaling), mistral (explicit
// head_dim), qwen2 (q/k/v biases, tied embeddings), qwen3 (q/k norms, head_dim != dim/heads),
// gemma2 (soft-capping, sliding window of 8), gemma3 (6 layers: 5 sliding + 1 global, local rope
// base, linear rope scaling), phi3 (fused qkv and gate_up, partial rotary).
QStringList tinyArchitectures();

// The config.json of the tiny model of `modelType` (vocabulary 512: stories260K's eval tokens fit).
QJsonObject tinyConfig(const QString& modelType);

// One tensor as Transformers names and shapes it.
struct HfTensor {
    std::string name;
    std::vector<int64_t> shape;
};
std::vector<HfTensor> tinyTensors(const QString& modelType, const QJsonObject& config);

// Writes config.json (with `configChanges` merged in; a null value removes the key) and
// model.safetensors in `dtype` ("F16", "BF16" or "F32") into `dir`; returns dir.
QString writeTinyHfModel(const QString& dir, const QString& modelType, const QString& dtype = QStringLiteral("F16"),
                         uint64_t seed = 1, const QJsonObject& configChanges = {});

// Writes a safetensors file of float tensors in dtype.
void writeSafetensors(const QString& path, const std::vector<HfTensor>& tensors,
                      const std::vector<std::vector<float>>& values, const QString& dtype);

}  // namespace qs::test
