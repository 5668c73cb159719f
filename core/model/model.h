#pragma once
// The reader interface: a model opened from a file (or built in memory) is a list of tensors
// with metadata. Opening reads headers only; tensor data is touched when asked for.
#include "core/formats/ggml_types.h"

#include <QJsonObject>

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace qs {

// GGUF metadata value types (ids as in the GGUF specification).
enum class MetaType : uint32_t {
    U8 = 0, I8 = 1, U16 = 2, I16 = 3, U32 = 4, I32 = 5, F32 = 6, Bool = 7, String = 8,
    Array = 9, U64 = 10, I64 = 11, F64 = 12,
};

// "u8", "string", "array", ... as the GGUF specification names the value types.
const char* metaTypeName(MetaType t);

// Arrays decoded at once by MetaValue::elements() at most (real vocabularies are well below).
constexpr uint64_t kMaxArrayElements = uint64_t(1) << 24;

struct MetaValue {
    MetaType type = MetaType::U32;
    MetaType elementType = MetaType::U8;  // for arrays
    uint64_t u = 0;                       // U8..U64
    int64_t i = 0;                        // I8..I64
    double f = 0;                         // F32, F64
    bool b = false;
    std::string s;
    // An array's elements, in one of two forms: built in memory (`items`), or, for an array read
    // from a GGUF file, left encoded in the file (`encoded`: the GGUF encoding of its
    // `encodedCount` elements, validated when the file was opened; `owner` keeps the bytes
    // alive). Opening a file with a huge array therefore costs nothing per element; read arrays
    // through arraySize(), forEachElement() and elements(), which handle both forms.
    std::vector<MetaValue> items;
    std::span<const std::byte> encoded;
    uint64_t encodedCount = 0;
    std::shared_ptr<const void> owner;

    static MetaValue ofU32(uint32_t v) { MetaValue m; m.type = MetaType::U32; m.u = v; return m; }
    static MetaValue ofI32(int32_t v) { MetaValue m; m.type = MetaType::I32; m.i = v; return m; }
    static MetaValue ofF32(float v) { MetaValue m; m.type = MetaType::F32; m.f = v; return m; }
    static MetaValue ofBool(bool v) { MetaValue m; m.type = MetaType::Bool; m.b = v; return m; }
    static MetaValue ofString(std::string v) { MetaValue m; m.type = MetaType::String; m.s = std::move(v); return m; }
    static MetaValue ofArray(MetaType elementType, std::vector<MetaValue> items);

    std::optional<int64_t> asInt() const;   // any integer type (or bool)
    std::optional<double> asFloat() const;  // any numeric type

    // Arrays (0 / nothing for other types):
    uint64_t arraySize() const;
    // Calls f with each element in order until f returns false (decoding one at a time).
    void forEachElement(const std::function<bool(const MetaValue&)>& f) const;
    // Every element, decoded; throws qs::Error(InvalidInput) if there are more than maxElements.
    std::vector<MetaValue> elements(uint64_t maxElements = kMaxArrayElements) const;

    // Arrays longer than maxArray elements become {"type": "array", "element_type", "length",
    // "first": [the first 16]} instead of the whole list.
    QJsonValue toJson(uint64_t maxArray = kMaxArrayElements) const;
};

struct MetaEntry {
    std::string key;
    MetaValue value;
};

struct TensorInfo {
    std::string name;
    std::vector<int64_t> shape;  // row-major, outermost first (as PyTorch shows it)
    std::string dtype;           // "F32", "F16", "BF16", "Q4_K", ... or a safetensors dtype name
    std::optional<GgmlType> type;  // set when dtype is a GGUF/ggml type
    uint64_t offset = 0;         // byte offset of the data within its file
    uint64_t nbytes = 0;
    int file = 0;                // which file of a sharded model

    int64_t numel() const;
    int64_t cols() const { return shape.empty() ? 1 : shape.back(); }  // innermost dimension
    int64_t rows() const { return cols() ? numel() / cols() : 0; }
};

class Model {
public:
    virtual ~Model() = default;

    std::string path;    // what was opened (file or folder)
    std::string format;  // "gguf" | "safetensors" | "llama2c" | "memory"
    std::optional<std::string> architecture;
    std::vector<MetaEntry> metadata;  // GGUF key/values; built ones for other formats
    QJsonObject hfConfig;             // config.json of a safetensors model, when present
    std::string hfConfigPath;         // where it was read
    std::vector<TensorInfo> tensors;

    int64_t nParams() const;
    const TensorInfo* find(std::string_view name) const;
    const MetaValue* meta(std::string_view key) const;

    // Raw bytes of a tensor (bounds were checked when the model was opened).
    virtual std::span<const std::byte> data(const TensorInfo& t) const = 0;
    // Throws qs::Error(InvalidInput) naming the file if a file the model reads from shrank while
    // it was mapped (its lost part reads as zeros, see core/util/mapped_file.h): call it before
    // results computed from data() are used. toFloat() checks by itself.
    virtual void checkIntact() const {}
    // What keeps data(t) alive (e.g. the file's memory map), for views that outlive the Model;
    // null when the bytes live only as long as the Model (then a view must copy them).
    virtual std::shared_ptr<const void> dataOwner(const TensorInfo& /*t*/) const { return {}; }
    // Decodes a tensor of any supported dtype to float32 (numel() values). Throws
    // qs::Error(InvalidInput) naming the file and tensor for an unsupported dtype.
    void toFloat(const TensorInfo& t, float* out) const;
    std::vector<float> toFloat(const TensorInfo& t) const;

    // {"key": value, ...} for `info --json` and the GUI.
    QJsonObject metadataJson() const;
};

// Index of the first NaN or infinity among v[0, n), or n if all are finite.
int64_t firstNonFinite(const float* v, int64_t n);

// Opens a GGUF file, a llama2.c checkpoint, a .safetensors file or a Hugging Face folder
// (single file or sharded with model.safetensors.index.json). Detects the format by content.
// Throws qs::Error naming the file and what is wrong.
std::unique_ptr<Model> openModel(const std::string& path);

}  // namespace qs
