#pragma once
// quantscope-cli bench --kernels (see bench_kernels.cpp).
#include "core/formats/ggml_types.h"

#include <vector>

namespace qs::cli {

// The types with kernels, in display order.
std::vector<GgmlType> defaultKernelTypes();
// Prints the table (or one JSON object); returns the exit code. Threads: qs::maxThreads().
int benchKernels(const std::vector<GgmlType>& types, int runs, bool json);

}  // namespace qs::cli
