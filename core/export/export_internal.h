#pragma once
// Shared machinery of the exporters (not a public interface).
#include "core/util/atomic_file.h"
#include "core/export/export.h"

#include <cstddef>
#include <functional>
#include <vector>

namespace qs::detail {

using TensorEncoder = std::function<std::vector<std::byte>(const PlanEntry&)>;

// Encodes every plan entry (a few in flight, in parallel) and writes entry i at offsets[i].
// Honours the calling thread's qs::CancelScope and reports progress; fills res.sourceBytesRead.
void streamTensors(const Model& m, const QuantPlan& plan, AtomicFile& out, const std::vector<uint64_t>& offsets,
                   const TensorEncoder& encode, const ExportOptions& opts, ExportResult& res);

// Float values of a source tensor: opts.loadFloats, else llama.cpp layout (GGUF) or as stored.
std::vector<float> sourceFloats(const Model& m, const TensorInfo& t, bool ggufLayout, const ExportOptions& opts);

ExportResult exportGguf(const Model& m, const QuantPlan& plan, AtomicFile& out, const ExportOptions& opts);
ExportResult exportSafetensors(const Model& m, const QuantPlan& plan, AtomicFile& out, const ExportOptions& opts);

}  // namespace qs::detail
