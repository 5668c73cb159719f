#include "core/model/model.h"

#include "core/util/error.h"
#include "core/formats/format.h"

#include <QJsonArray>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>

namespace qs {

std::optional<int64_t> MetaValue::asInt() const
{
    switch (type) {
    case MetaType::U8: case MetaType::U16: case MetaType::U32: case MetaType::U64:
        if (u > uint64_t(std::numeric_limits<int64_t>::max()))
            return std::nullopt;
        return int64_t(u);
    case MetaType::I8: case MetaType::I16: case MetaType::I32: case MetaType::I64:
        return i;
    case MetaType::Bool:
        return b ? 1 : 0;
    default:
        return std::nullopt;
    }
}

std::optional<double> MetaValue::asFloat() const
{
    if (type == MetaType::F32 || type == MetaType::F64)
        return f;
    if (auto v = asInt())
        return double(*v);
    return std::nullopt;
}

const char* metaTypeName(MetaType t)
{
    switch (t) {
    case MetaType::U8: return "u8";
    case MetaType::I8: return "i8";
    case MetaType::U16: return "u16";
    case MetaType::I16: return "i16";
    case MetaType::U32: return "u32";
    case MetaType::I32: return "i32";
    case MetaType::F32: return "f32";
    case MetaType::Bool: return "bool";
    case MetaType::String: return "string";
    case MetaType::Array: return "array";
    case MetaType::U64: return "u64";
    case MetaType::I64: return "i64";
    case MetaType::F64: return "f64";
    }
    return "?";
}

namespace {

// Decodes one GGUF-encoded value of type t at p (< end), advancing p. The bytes were validated
// when the file was opened; a value that does not fit is still refused, never read past.
MetaValue decodeValue(const std::byte*& p, const std::byte* end, MetaType t, const std::shared_ptr<const void>& owner)
{
    auto take = [&](void* dst, size_t n) {
        if (size_t(end - p) < n)
            failure({}, "GGUF array element lies past the end of its array");
        std::memcpy(dst, p, n);
        p += n;
    };
    auto num = [&]<typename T>(T v) {
        take(&v, sizeof v);
        return v;
    };
    MetaValue v;
    v.type = t;
    switch (t) {
    case MetaType::U8: v.u = num(uint8_t{}); break;
    case MetaType::I8: v.i = num(int8_t{}); break;
    case MetaType::U16: v.u = num(uint16_t{}); break;
    case MetaType::I16: v.i = num(int16_t{}); break;
    case MetaType::U32: v.u = num(uint32_t{}); break;
    case MetaType::I32: v.i = num(int32_t{}); break;
    case MetaType::U64: v.u = num(uint64_t{}); break;
    case MetaType::I64: v.i = num(int64_t{}); break;
    case MetaType::F32: v.f = num(float{}); break;
    case MetaType::F64: v.f = num(double{}); break;
    case MetaType::Bool: v.b = num(uint8_t{}) != 0; break;
    case MetaType::String: {
        const uint64_t n = num(uint64_t{});
        if (uint64_t(end - p) < n)
            failure({}, "GGUF string lies past the end of its array");
        v.s.assign(reinterpret_cast<const char*>(p), size_t(n));
        p += n;
        break;
    }
    case MetaType::Array: {
        const uint32_t et = num(uint32_t{});
        if (et > uint32_t(MetaType::F64))
            failure({}, "GGUF nested array of an unknown type");
        v.elementType = MetaType(et);
        v.encodedCount = num(uint64_t{});
        v.owner = owner;
        const std::byte* start = p;
        for (uint64_t k = 0; k < v.encodedCount; ++k)
            (void)decodeValue(p, end, v.elementType, owner);  // finds the end of the nested array
        v.encoded = {start, size_t(p - start)};
        break;
    }
    }
    return v;
}

}  // namespace

MetaValue MetaValue::ofArray(MetaType elementType, std::vector<MetaValue> items)
{
    MetaValue m;
    m.type = MetaType::Array;
    m.elementType = elementType;
    m.items = std::move(items);
    return m;
}

uint64_t MetaValue::arraySize() const
{
    if (type != MetaType::Array)
        return 0;
    return encoded.data() || encodedCount ? encodedCount : items.size();
}

void MetaValue::forEachElement(const std::function<bool(const MetaValue&)>& f) const
{
    if (type != MetaType::Array)
        return;
    if (!encoded.data() && encodedCount == 0) {
        for (const auto& e : items)
            if (!f(e))
                return;
        return;
    }
    const std::byte* p = encoded.data();
    const std::byte* end = p + encoded.size();
    for (uint64_t k = 0; k < encodedCount; ++k)
        if (!f(decodeValue(p, end, elementType, owner)))
            return;
}

std::vector<MetaValue> MetaValue::elements(uint64_t maxElements) const
{
    const uint64_t n = arraySize();
    if (n > maxElements)
        invalidInput({}, "a metadata array of " + std::to_string(n) + " " + metaTypeName(elementType) +
                             " values is too large to load (at most " + std::to_string(maxElements) + ")");
    std::vector<MetaValue> out;
    out.reserve(size_t(n));
    forEachElement([&](const MetaValue& e) {
        out.push_back(e);
        return true;
    });
    return out;
}

QJsonValue MetaValue::toJson(uint64_t maxArray) const
{
    switch (type) {
    case MetaType::U8: case MetaType::U16: case MetaType::U32: case MetaType::U64:
        return QJsonValue(qint64(u));
    case MetaType::I8: case MetaType::I16: case MetaType::I32: case MetaType::I64:
        return QJsonValue(qint64(i));
    case MetaType::F32: case MetaType::F64:
        return QJsonValue(f);
    case MetaType::Bool:
        return QJsonValue(b);
    case MetaType::String:
        return QJsonValue(QString::fromStdString(s));
    case MetaType::Array: {
        const uint64_t n = arraySize();
        const uint64_t shown = n > maxArray ? std::min<uint64_t>(n, 16) : n;
        QJsonArray a;
        uint64_t k = 0;
        forEachElement([&](const MetaValue& e) {
            if (k++ >= shown)
                return false;
            a.append(e.toJson(maxArray));
            return true;
        });
        if (shown == n)
            return a;
        return QJsonObject{{"type", "array"},
                           {"element_type", QString::fromLatin1(metaTypeName(elementType))},
                           {"length", qint64(n)},
                           {"first", a}};
    }
    }
    return {};
}

int64_t TensorInfo::numel() const
{
    int64_t n = 1;
    for (int64_t d : shape)
        n *= d;
    return n;
}

int64_t Model::nParams() const
{
    int64_t n = 0;
    for (const auto& t : tensors)
        n += t.numel();
    return n;
}

const TensorInfo* Model::find(std::string_view name) const
{
    for (const auto& t : tensors)
        if (t.name == name)
            return &t;
    return nullptr;
}

const MetaValue* Model::meta(std::string_view key) const
{
    for (const auto& e : metadata)
        if (e.key == key)
            return &e.value;
    return nullptr;
}

void Model::toFloat(const TensorInfo& t, float* out) const
{
    const Format* f = t.type ? formatForGgml(*t.type) : nullptr;
    if (!f)
        invalidInput(path, "tensor '" + t.name + "' has dtype " + t.dtype + ", which QuantScope cannot decode");
    if (!f->supports(t.rows(), t.cols()))
        invalidInput(path, "tensor '" + t.name + "': row length " + std::to_string(t.cols()) +
                               " is not a multiple of the " + t.dtype + " block size");
    const auto bytes = data(t);
    if (bytes.size() != f->storageBytes(t.rows(), t.cols()))
        invalidInput(path, "tensor '" + t.name + "': " + std::to_string(bytes.size()) + " bytes of data, " +
                               t.dtype + " of this shape needs " +
                               std::to_string(f->storageBytes(t.rows(), t.cols())));
    f->dequantize(bytes.data(), t.rows(), t.cols(), out);
    checkIntact();  // the file may have shrunk while the bytes were read: then they were zeros
    const int64_t n = t.numel();
    if (const int64_t bad = firstNonFinite(out, n); bad < n)
        invalidInput(path, "tensor '" + t.name + "' holds " + (std::isnan(out[bad]) ? "NaN" : "an infinite value") +
                               " (element " + std::to_string(bad) + " of " + std::to_string(n) +
                               "): the weights are corrupt");
}

int64_t firstNonFinite(const float* v, int64_t n)
{
    // x * 0 is NaN exactly for NaN and infinities; the sum stays NaN once one is seen (vectorises).
    constexpr int64_t kChunk = 4096;
    for (int64_t b = 0; b < n; b += kChunk) {
        const int64_t e = std::min(n, b + kChunk);
        float acc = 0.0f;
        for (int64_t k = b; k < e; ++k)
            acc += v[k] * 0.0f;
        if (acc != acc)
            for (int64_t k = b; k < e; ++k)
                if (!std::isfinite(v[k]))
                    return k;
    }
    return n;
}

std::vector<float> Model::toFloat(const TensorInfo& t) const
{
    std::vector<float> v(static_cast<size_t>(t.numel()));
    toFloat(t, v.data());
    return v;
}

QJsonObject Model::metadataJson() const
{
    // Arrays in full while they add up to at most 2 M values (a large vocabulary with its scores,
    // types and merges); past that, each further large array is abbreviated, so the JSON stays
    // proportionate to what a model needs, whatever a file claims.
    constexpr uint64_t kSmallArray = 1024;
    uint64_t budget = uint64_t(1) << 21;
    QJsonObject o;
    for (const auto& e : metadata) {
        const uint64_t n = e.value.arraySize();
        const uint64_t limit = n <= budget ? n : kSmallArray;
        budget -= std::min(budget, n);
        o.insert(QString::fromStdString(e.key), e.value.toJson(limit));
    }
    if (!hfConfig.isEmpty())
        o.insert(QStringLiteral("config"), hfConfig);
    return o;
}

}  // namespace qs
