#pragma once
// llama.cpp's importance-matrix files (what `llama-imatrix` writes and `llama-quantize --imatrix`
// reads), so a user's existing imatrix drives QuantScope's quantizers:
//  - GGUF (general.type "imatrix"): per weight matrix NAME an F32 tensor NAME.in_sum2 (sum of
//    squared input activations per column, one row per expert) and NAME.counts (tokens seen,
//    per expert); the importance is in_sum2 / counts (1 where a count is 0);
//  - the older binary ".dat": int32 entry count, then per entry int32 name length, the name,
//    int32 ncall, int32 nval, nval float32 (the mean square times ncall), optionally followed by
//    int32 chunk count, int32 length and the dataset name; the importance is values / ncall.
// Names are llama.cpp tensor names (blk.0.attn_q.weight), the keys ActivationStats uses.
#include "core/eval/llama_forward.h"

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace qs {

struct ImatrixFile {
    std::string path;
    bool legacy = false;                // the .dat format
    ActivationStats stats;              // mean squared activation per column, per matrix
    std::vector<std::string> names;     // entries in file order
    std::vector<std::string> datasets;  // what it was computed on, as the file says
    int64_t chunks = 0;                 // chunk count the file reports (0: unknown)
};

// Reads a GGUF or .dat imatrix (told apart by content). Bad input (truncated, negative or
// non-finite values, a matrix with several experts, no entries) throws qs::Error naming the file.
ImatrixFile loadImatrixFile(const std::string& path);

// Writes `stats` as llama.cpp's GGUF imatrix (what llama-imatrix writes; llama-quantize --imatrix
// reads it): per matrix in `names` that has statistics, NAME.in_sum2 (mean square x tokens) and
// NAME.counts (tokens), with general.type "imatrix", imatrix.datasets, imatrix.chunk_count and
// imatrix.chunk_size. Atomic (core/util/atomic_file.h). Returns the entries written.
int saveImatrixGguf(const ActivationStats& stats, const std::vector<std::string>& names, const std::string& path,
                    const std::string& dataset, int64_t chunks, int64_t chunkSize);

// Checks the file against the matrices a plan or model has ((name, columns) pairs): an entry
// for a matrix must have its column count, and at least one entry must name one of them.
// Returns the number of entries that name none (llama-quantize ignores those too).
int checkImatrixFile(const ImatrixFile& f, const std::vector<std::pair<std::string, int64_t>>& matrices);

}  // namespace qs
