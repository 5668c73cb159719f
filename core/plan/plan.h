#pragma once
// A quantization plan: for every tensor of a model, which format it is stored in and why.
//
// The one plan model of core, CLI and GUI is PlanSpec: a per-tensor map of exact names (what
// the GUI's plan column and plan-for-size choose), the user's REGEX=TYPE patterns (kept as
// patterns) and a type (a format or preset) for every other eligible tensor. buildPlan()
// resolves it against a model into a QuantPlan: one entry per tensor, with the reason.
//
// For a GGUF target, a model of a known architecture (core/model/architecture.h) gets llama.cpp's
// tensor names, and tensors llama.cpp does not read for it are left out (with a warning).
// Eligible tensors (2-D or larger, name ending in "weight", not a norm) get the requested
// type; everything else stays F32 (GGUF) or keeps its dtype (safetensors). A preset
// (Q4_K_M, ...) mixes types per tensor as llama.cpp's llama-quantize does; --pure applies
// one type everywhere; patterns (REGEX=TYPE) win over both, and exact tensor entries win over
// everything. A row length the chosen block does not divide falls back the way the format says
// (Format::fallback(): llama.cpp's Q2_K/Q3_K/TQ1_0/TQ2_0 -> Q4_0, the 256-weight IQ types -> IQ4_NL,
// Q4_K -> Q5_0, Q5_K -> Q5_1, Q6_K -> Q8_0),
// anything that still does not fit -> F16, and the entry says so.
#include "core/model/model.h"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace qs {

class Format;

enum class PlanTarget {
    Gguf,         // real quantized tensors, llama.cpp names and layout
    Safetensors,  // fake-quant: dequantized values in the source dtype, source names
};

// Which format each tensor gets.
struct PlanSpec {
    PlanSpec() = default;
    explicit PlanSpec(std::string type) : type(std::move(type)) {}

    std::string type;                    // a format name ("Q4_K", "NF4", ...) or a preset ("Q4_K_M")
    bool pure = false;                   // no preset mixture: `type` for every eligible tensor
    // Exact tensor names (source or llama.cpp name) -> format (not null); they win over the
    // patterns and the type. Evaluation (core/eval) applies these alone, by llama.cpp name.
    std::map<std::string, const Format*> tensors;
    std::vector<std::string> overrides;  // user patterns "REGEX=TYPE", first match wins (matched on both names)
    PlanTarget target = PlanTarget::Gguf;
    // An importance matrix weights the rounding (a file, or calibrated): llama.cpp's has_imatrix,
    // on which some preset rules depend (IQ3_XXS, IQ4_NL/IQ4_XS, Q4_0/Q5_0).
    bool importance = false;

    bool empty() const { return type.empty() && tensors.empty() && overrides.empty(); }
};

struct PlanEntry {
    int sourceIndex = -1;       // index into Model::tensors
    std::string sourceName;
    std::string outputName;     // llama.cpp name for GGUF, source name for safetensors
    std::string ggufName;       // llama.cpp's name for the tensor whatever the target (empty: none)
    std::vector<int64_t> shape; // row-major, as in the source
    std::string sourceDtype;
    bool eligible = false;      // quantized (true) or kept as is (false)
    std::string format;         // what the values go through: "Q4_K", "NF4", "F32", ...
    std::string outputDtype;    // what is stored: GGUF type name, or safetensors dtype
    std::string reason;         // "preset Q4_K_M: ...", "override ...", "fallback ...", "1-D: kept"
    bool fallback = false;
    bool overridden = false;

    int64_t numel() const;
    int64_t cols() const { return shape.empty() ? 1 : shape.back(); }
    int64_t rows() const { return cols() ? numel() / cols() : 0; }
};

struct QuantPlan {
    std::string type;                   // as requested
    std::optional<std::string> preset;  // set when a preset mixture was applied
    bool pure = false;
    PlanTarget target = PlanTarget::Gguf;
    uint32_t fileType = 0;              // llama.cpp's LLAMA_FTYPE for general.file_type
    // Importance matrix: the rules assumed one (PlanSpec::importance); llama.cpp refuses this plan
    // without one (tensors at IQ1_*/IQ2_*/IQ3_XXS, Q2_K in a Q2_K_S file); the spec gave none
    // though one is required, so the plan assumes one the export calibrates.
    bool importance = false;
    bool importanceRequired = false;
    bool importanceCalibrated = false;
    std::vector<PlanEntry> entries;
    std::vector<std::string> warnings;

    int fallbacks() const;
    int eligibleCount() const;
    // Bytes of tensor data as the plan stores it (all tensors), and over eligible tensors only.
    uint64_t outputBytes() const;
    uint64_t eligibleBytes() const;
    int64_t eligibleParams() const;
    // Human-readable table (one line per tensor) for the CLI.
    std::string table() const;
};

// The llama.cpp presets this engine knows, in display order.
const std::vector<std::string>& presetNames();
bool isPreset(std::string_view name);
// Everything `--type` accepts: presets plus every registered format name.
bool isKnownType(std::string_view name);

// True for tensors a quantization plan quantizes.
bool isEligible(const std::string& name, const std::vector<int64_t>& shape);

// The output name of a tensor for a GGUF target (llama.cpp name, or the source name if unknown).
std::string ggufTensorName(const Model& m, const std::string& sourceName);

// Builds the plan; throws qs::Error(InvalidInput) for an unknown type, a bad override, or an
// INT/NF4 type with a GGUF target (those only export as fake-quant .safetensors).
QuantPlan buildPlan(const Model& m, const PlanSpec& spec);

// llama.cpp's use_more_bits(i, n): the first and last eighth of layers and every third between.
bool useMoreBits(int layer, int nLayers);

// The format a plan entry names (registered formats only); throws qs::Error(Failure) if the
// format is not available in this build.
const Format& planFormat(const PlanEntry& e);

}  // namespace qs
