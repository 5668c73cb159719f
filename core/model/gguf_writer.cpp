#include "core/model/gguf_writer.h"

#include "core/util/error.h"

#include <cstring>

namespace qs {

namespace {
template <typename T>
void put(std::vector<std::byte>& out, T v)
{
    const size_t n = out.size();
    out.resize(n + sizeof(T));
    std::memcpy(out.data() + n, &v, sizeof(T));  // GGUF is little-endian, like every target we build for
}

void putString(std::vector<std::byte>& out, const std::string& s)
{
    put<uint64_t>(out, s.size());
    const size_t n = out.size();
    out.resize(n + s.size());
    if (!s.empty())
        std::memcpy(out.data() + n, s.data(), s.size());
}

uint64_t alignUp(uint64_t v, uint64_t a) { return a ? (v + a - 1) / a * a : v; }
}  // namespace

void appendGgufValue(std::vector<std::byte>& out, const MetaValue& v)
{
    switch (v.type) {
    case MetaType::U8: put<uint8_t>(out, uint8_t(v.u)); break;
    case MetaType::I8: put<int8_t>(out, int8_t(v.i)); break;
    case MetaType::U16: put<uint16_t>(out, uint16_t(v.u)); break;
    case MetaType::I16: put<int16_t>(out, int16_t(v.i)); break;
    case MetaType::U32: put<uint32_t>(out, uint32_t(v.u)); break;
    case MetaType::I32: put<int32_t>(out, int32_t(v.i)); break;
    case MetaType::F32: put<float>(out, float(v.f)); break;
    case MetaType::Bool: put<uint8_t>(out, v.b ? 1 : 0); break;
    case MetaType::String: putString(out, v.s); break;
    case MetaType::U64: put<uint64_t>(out, v.u); break;
    case MetaType::I64: put<int64_t>(out, v.i); break;
    case MetaType::F64: put<double>(out, v.f); break;
    case MetaType::Array:
        put<uint32_t>(out, uint32_t(v.elementType));
        put<uint64_t>(out, v.arraySize());
        if (v.encoded.data() || v.encodedCount) {  // read from a GGUF file: already in GGUF encoding
            const size_t n = out.size();
            out.resize(n + v.encoded.size());
            if (!v.encoded.empty())
                std::memcpy(out.data() + n, v.encoded.data(), v.encoded.size());
            break;
        }
        for (const auto& e : v.items) {
            if (e.type != v.elementType)
                failure("", "GGUF array element of the wrong type");
            appendGgufValue(out, e);
        }
        break;
    }
}

void GgufLayout::setMeta(const std::string& key, const MetaValue& value)
{
    dirty_ = true;
    const auto [it, added] = metaIndex_.try_emplace(key, meta_.size());
    if (!added) {
        meta_[it->second].value = value;
        return;
    }
    meta_.push_back({key, value});
}

const MetaValue* GgufLayout::meta(const std::string& key) const
{
    const auto it = metaIndex_.find(key);
    return it == metaIndex_.end() ? nullptr : &meta_[it->second].value;
}

size_t GgufLayout::addTensor(const std::string& name, const std::vector<int64_t>& shape, GgmlType type)
{
    const auto& info = ggmlTypeInfo(type);
    Tensor t{name, shape, type, 0, 0};
    int64_t n = 1;
    for (int64_t d : shape)
        n *= d;
    const int64_t cols = shape.empty() ? 1 : shape.back();
    if (cols % info.blockSize != 0)
        failure("", "tensor '" + name + "': row length " + std::to_string(cols) + " does not fit " + std::string(info.name));
    t.bytes = uint64_t(n / info.blockSize) * info.typeSize;
    tensors_.push_back(std::move(t));
    dirty_ = true;
    return tensors_.size() - 1;
}

uint32_t GgufLayout::alignment() const
{
    if (const MetaValue* a = meta("general.alignment"))
        if (auto v = a->asInt(); v && *v > 0 && (*v & (*v - 1)) == 0)
            return uint32_t(*v);
    return 32;
}

void GgufLayout::layout() const
{
    if (!dirty_)
        return;
    header();  // computes the offsets and the data start
}

std::vector<std::byte> GgufLayout::header() const
{
    const uint64_t align = alignment();
    std::vector<std::byte> out;
    put<uint32_t>(out, 0x46554747u);  // "GGUF"
    put<uint32_t>(out, 3);
    put<uint64_t>(out, tensors_.size());
    put<uint64_t>(out, meta_.size());
    for (const auto& e : meta_) {
        putString(out, e.key);
        put<uint32_t>(out, uint32_t(e.value.type));
        appendGgufValue(out, e.value);
    }
    uint64_t offset = 0;
    for (auto& t : tensors_) {
        putString(out, t.name);
        put<uint32_t>(out, uint32_t(t.shape.size()));
        for (auto it = t.shape.rbegin(); it != t.shape.rend(); ++it)
            put<uint64_t>(out, uint64_t(*it));
        put<uint32_t>(out, uint32_t(t.type));
        offset = alignUp(offset, align);
        t.offset = offset;
        put<uint64_t>(out, offset);
        offset += t.bytes;
    }
    dataSize_ = offset;
    out.resize(alignUp(out.size(), align), std::byte{0});
    dataStart_ = out.size();
    dirty_ = false;
    return out;
}

uint64_t GgufLayout::dataStart() const
{
    layout();
    return dataStart_;
}

uint64_t GgufLayout::tensorOffset(size_t i) const
{
    layout();
    return dataStart_ + tensors_.at(i).offset;
}

uint64_t GgufLayout::tensorBytes(size_t i) const { return tensors_.at(i).bytes; }

uint64_t GgufLayout::fileSize() const
{
    layout();
    return dataStart_ + dataSize_;
}

}  // namespace qs
