#pragma once
// The tensor type ids of the GGUF specification (ggml_type), with each type's block geometry.
// Every id the spec lists is known here by name, whether or not the engine can decode it.
#include <cstdint>
#include <optional>
#include <string_view>

namespace qs {

enum class GgmlType : uint32_t {
    F32 = 0, F16 = 1, Q4_0 = 2, Q4_1 = 3,
    Q5_0 = 6, Q5_1 = 7, Q8_0 = 8, Q8_1 = 9,
    Q2_K = 10, Q3_K = 11, Q4_K = 12, Q5_K = 13, Q6_K = 14, Q8_K = 15,
    IQ2_XXS = 16, IQ2_XS = 17, IQ3_XXS = 18, IQ1_S = 19, IQ4_NL = 20, IQ3_S = 21, IQ2_S = 22,
    IQ4_XS = 23, I8 = 24, I16 = 25, I32 = 26, I64 = 27, F64 = 28, IQ1_M = 29, BF16 = 30,
    TQ1_0 = 34, TQ2_0 = 35, MXFP4 = 39,
};

struct GgmlTypeInfo {
    GgmlType type;
    std::string_view name;  // as llama.cpp spells it: "F32", "Q4_K", "IQ4_NL", ...
    uint32_t blockSize;     // weights per block
    uint32_t typeSize;      // bytes per block
};

// nullopt for ids the spec does not list (including retired ones such as 4, 5, 31-33, 36-38).
std::optional<GgmlTypeInfo> ggmlTypeInfo(uint32_t id);
const GgmlTypeInfo& ggmlTypeInfo(GgmlType t);
std::optional<GgmlType> ggmlTypeFromName(std::string_view name);  // case-insensitive

}  // namespace qs
