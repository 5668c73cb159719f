#pragma once
// A synthetic llama-shaped model with realistic weight statistics: heavy-tailed (Laplace)
// bulk, a few outlier input channels per layer, norms near 1. Deterministic per seed; every
// tensor is generated on its own (independent of threads and order), so a model of any size
// can be written tensor by tensor without holding it in memory.
#include "core/formats/ggml_types.h"
#include "core/model/architecture.h"
#include "core/model/model.h"

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace qs {

// The shape make-demo picks for about `params` parameters (dims multiples of 64 from 64 up).
ModelConfig demoConfig(int64_t params);

// An in-memory Model (format "memory", metadata labelled synthetic, llama.cpp tensor names).
// Tensor data is generated when first asked for (and then kept); for streaming writes use
// demoTensorFloats. dtype: F32 or F16 (else qs::Error InvalidInput).
std::unique_ptr<Model> makeDemoModel(int64_t params, GgmlType dtype, uint64_t seed);
// The same generator for a shape of the caller's (tests: a small model with GQA and 256-wide
// rows); InvalidInput for sizes that do not make a llama.
std::unique_ptr<Model> makeDemoModel(const ModelConfig& shape, GgmlType dtype, uint64_t seed);

// The float values of one tensor of a demo model (already rounded to the model's dtype).
// m must come from makeDemoModel.
std::vector<float> demoTensorFloats(const Model& m, const TensorInfo& t);

// Writes a demo model to .safetensors or .gguf, streaming (atomic; cancelled through the calling
// thread's qs::CancelScope).
struct ExportOptions;
struct ExportResult;
ExportResult writeDemoModel(int64_t params, GgmlType dtype, uint64_t seed, const std::string& outPath,
                            const ExportOptions& opts);
ExportResult writeDemoModel(const ModelConfig& shape, GgmlType dtype, uint64_t seed, const std::string& outPath,
                            const ExportOptions& opts);

}  // namespace qs
