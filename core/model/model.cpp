#include "core/model/model.h"

#include "core/util/error.h"
#include "core/formats/format.h"

#include <QJsonArray>

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

QJsonValue MetaValue::toJson() const
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
        QJsonArray a;
        for (const auto& e : array)
            a.append(e.toJson());
        return a;
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
}

std::vector<float> Model::toFloat(const TensorInfo& t) const
{
    std::vector<float> v(static_cast<size_t>(t.numel()));
    toFloat(t, v.data());
    return v;
}

QJsonObject Model::metadataJson() const
{
    QJsonObject o;
    for (const auto& e : metadata)
        o.insert(QString::fromStdString(e.key), e.value.toJson());
    if (!hfConfig.isEmpty())
        o.insert(QStringLiteral("config"), hfConfig);
    return o;
}

}  // namespace qs
