#pragma once
// Model-wide quantization and export, streamed tensor by tensor from the (memory-mapped)
// source: a few tensors in flight, so peak memory is bounded by a few tensors, not the model.
//   .gguf        real quantized tensors llama.cpp loads (llama.cpp names, metadata, vocabulary)
//   .safetensors fake-quant: every eligible tensor replaced by its dequantized values in the
//                source dtype (how the INT/NF4 family exports)
// Output is atomic (temporary file + fsync + rename); the input is never touched and may never
// be the output.
#include "core/formats/format.h"
#include "core/model/model.h"
#include "core/plan/plan.h"

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace qs {

struct ExportProgress {
    int done = 0;              // tensors finished
    int total = 0;
    uint64_t bytesRead = 0;    // source tensor bytes consumed so far
    uint64_t bytesTotal = 0;
    std::string tensor;        // the tensor just finished
};

struct ExportOptions {
    // Called (serialised, from worker threads) after each tensor.
    std::function<void(const ExportProgress&)> progress;
    int tensorsInFlight = 2;
    // Optional source of float values (llama.cpp layout) instead of the model's data; used to
    // stream generated models (make-demo) without holding them in memory.
    std::function<std::vector<float>(const TensorInfo&)> loadFloats;
    // Optional importance per column (cols values) of an eligible tensor, empty for none: the
    // format then minimises the importance-weighted error (an importance matrix, see evaluation.h).
    std::function<std::vector<float>(const PlanEntry&)> importance;
    // Optional writer of a tensor of a GGUF output, instead of the format's own rounding (error
    // feedback, core/eval/error_feedback.h: its rounded matrices and the norms it rescaled); called
    // for every tensor, eligible or not: writes f.storageBytes(rows, cols) bytes for `values`
    // (llama.cpp layout) to dst and returns true, or returns false to leave it to the format.
    std::function<bool(const PlanEntry&, const Format& f, const float* values, void* dst)> quantizeTensor;
    // The same for a fake-quant safetensors output: a tensor's values (the source's layout and
    // shape) instead of the source's rounded by the plan's format, or empty to leave it to the
    // format (eligible) or to the source's own bytes (kept tensors).
    std::function<std::vector<float>(const PlanEntry&)> replaceFloats;
};

struct ExportResult {
    uint64_t bytesWritten = 0;
    uint64_t sourceBytesRead = 0;
    double seconds = 0;
    std::vector<std::string> warnings;
};

// .gguf -> Gguf, .safetensors -> Safetensors (case-insensitive); InvalidInput otherwise.
PlanTarget targetForPath(const std::string& outPath);

// Throws InvalidInput if outPath is (or is a hard link to) the model's file or one of the files
// of its folder.
void checkOutputIsNotInput(const Model& m, const std::string& outPath);

// Writes the model as the plan says. plan.target must match the output's extension.
ExportResult exportModel(const Model& m, const QuantPlan& plan, const std::string& outPath,
                         const ExportOptions& opts = {});

// The GGUF metadata a plan's output gets (copied from a GGUF source, built for llama models
// from other formats, placeholder vocabulary if none); warnings appended. Used by exportModel.
std::vector<MetaEntry> ggufMetadataFor(const Model& m, const QuantPlan& plan, std::vector<std::string>* warnings);

}  // namespace qs
