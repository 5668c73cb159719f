// GGUF v2/v3 reader: header, metadata key/values (all value types, nested arrays), tensor infos.
// Layout from the GGUF specification; every count, length and offset is checked against the
// bytes that are actually there before anything is allocated for it.
#include "core/model/readers/byte_cursor.h"
#include "core/model/readers/readers.h"

#include <algorithm>
#include <limits>
#include <tuple>
#include <unordered_set>

namespace qs {
namespace {

constexpr uint32_t kGgufMagic = 0x46554747u;  // "GGUF" little-endian
constexpr int kMaxArrayDepth = 8;

// Smallest number of bytes one value of this type takes in the file.
uint64_t minValueBytes(MetaType t)
{
    switch (t) {
    case MetaType::U8: case MetaType::I8: case MetaType::Bool: return 1;
    case MetaType::U16: case MetaType::I16: return 2;
    case MetaType::U32: case MetaType::I32: case MetaType::F32: return 4;
    case MetaType::U64: case MetaType::I64: case MetaType::F64: return 8;
    case MetaType::String: return 8;
    case MetaType::Array: return 12;
    }
    return 1;
}

class GgufParser {
public:
    GgufParser(const ByteSource& src) : c_(src.path, src.bytes), bytes_(src.bytes), owner_(src.owner) {}

    std::string readString(const char* what)
    {
        const uint64_t n = c_.read<uint64_t>(what);
        if (n > c_.left())
            c_.fail(std::string(what) + " at byte " + std::to_string(c_.pos() - 8) + " claims " + std::to_string(n) +
                    " bytes, only " + std::to_string(c_.left()) + " left in the file");
        return std::string(c_.readBytes(n, what));
    }

    MetaType readType(const char* what)
    {
        const uint32_t t = c_.read<uint32_t>(what);
        if (t > uint32_t(MetaType::F64))
            c_.fail(std::string("unknown metadata value type ") + std::to_string(t) + " for " + what);
        return MetaType(t);
    }

    // Walks over one value (validating it) without keeping it: how arrays are checked.
    void skipValue(MetaType type, const std::string& key, int depth)
    {
        switch (type) {
        case MetaType::U8: case MetaType::I8: c_.skip(1, "u8 value"); break;
        case MetaType::U16: case MetaType::I16: c_.skip(2, "u16 value"); break;
        case MetaType::U32: case MetaType::I32: case MetaType::F32: c_.skip(4, "u32 value"); break;
        case MetaType::U64: case MetaType::I64: case MetaType::F64: c_.skip(8, "u64 value"); break;
        case MetaType::Bool: checkBool(c_.read<uint8_t>("bool value"), key); break;
        case MetaType::String: {
            const uint64_t n = c_.read<uint64_t>("string length");
            if (n > c_.left())
                c_.fail("metadata '" + key + "': string at byte " + std::to_string(c_.pos() - 8) + " claims " +
                        std::to_string(n) + " bytes, only " + std::to_string(c_.left()) + " left in the file");
            c_.skip(n, "string value");
            break;
        }
        case MetaType::Array: skipArray(key, depth); break;
        }
    }

    void checkBool(uint8_t b, const std::string& key)
    {
        if (b > 1)
            c_.fail("metadata '" + key + "': bool value " + std::to_string(b) + " is neither 0 nor 1");
    }

    // Reads an array's header and validates its elements; returns (element type, count, start of
    // the elements). The cursor ends after the array.
    std::tuple<MetaType, uint64_t, uint64_t> skipArray(const std::string& key, int depth)
    {
        if (depth >= kMaxArrayDepth)
            c_.fail("metadata '" + key + "': arrays nested deeper than " + std::to_string(kMaxArrayDepth) + " levels");
        const MetaType et = readType("array element type");
        const uint64_t n = c_.read<uint64_t>("array length");
        const uint64_t minBytes = minValueBytes(et);
        if (n > c_.left() / minBytes)
            c_.fail("metadata '" + key + "': array of " + std::to_string(n) + " " + metaTypeName(et) +
                    " values cannot fit in the " + std::to_string(c_.left()) + " bytes left");
        const uint64_t start = c_.pos();
        if (et == MetaType::Bool) {
            const std::string_view bytes = c_.readBytes(n, "bool values");
            for (char ch : bytes)
                checkBool(uint8_t(ch), key);
        } else if (et != MetaType::String && et != MetaType::Array) {
            c_.skip(n * minBytes, "array values");
        } else {
            for (uint64_t k = 0; k < n; ++k)
                skipValue(et, key, depth + 1);
        }
        return {et, n, start};
    }

    MetaValue readValue(MetaType type, const std::string& key)
    {
        MetaValue v;
        v.type = type;
        switch (type) {
        case MetaType::U8: v.u = c_.read<uint8_t>("u8 value"); break;
        case MetaType::I8: v.i = c_.read<int8_t>("i8 value"); break;
        case MetaType::U16: v.u = c_.read<uint16_t>("u16 value"); break;
        case MetaType::I16: v.i = c_.read<int16_t>("i16 value"); break;
        case MetaType::U32: v.u = c_.read<uint32_t>("u32 value"); break;
        case MetaType::I32: v.i = c_.read<int32_t>("i32 value"); break;
        case MetaType::U64: v.u = c_.read<uint64_t>("u64 value"); break;
        case MetaType::I64: v.i = c_.read<int64_t>("i64 value"); break;
        case MetaType::F32: v.f = c_.read<float>("f32 value"); break;
        case MetaType::F64: v.f = c_.read<double>("f64 value"); break;
        case MetaType::Bool: {
            const uint8_t b = c_.read<uint8_t>("bool value");
            checkBool(b, key);
            v.b = b != 0;
            break;
        }
        case MetaType::String: v.s = readString("string value"); break;
        case MetaType::Array: {
            // Left in the file: validated here, decoded when someone asks (MetaValue::forEachElement).
            const auto [et, n, start] = skipArray(key, 0);
            v.elementType = et;
            v.encodedCount = n;
            v.encoded = bytes_.subspan(size_t(start), size_t(c_.pos() - start));
            v.owner = owner_;
            break;
        }
        }
        return v;
    }

    std::unique_ptr<Model> parse(ByteSource src)
    {
        const std::string& path = src.path;
        auto m = std::make_unique<GgufModel>();
        m->path = path;
        m->format = "gguf";

        if (c_.size() < 4 || c_.read<uint32_t>("magic") != kGgufMagic)
            c_.fail("not a GGUF file (bad magic)");
        m->version = c_.read<uint32_t>("version");
        if (m->version != 2 && m->version != 3)
            c_.fail("unsupported GGUF version " + std::to_string(m->version) + " (QuantScope reads versions 2 and 3)");
        const uint64_t nTensors = c_.read<uint64_t>("tensor count");
        const uint64_t nKv = c_.read<uint64_t>("metadata count");
        // Each key/value takes at least 13 bytes (key length, type, one byte); each tensor info 24.
        if (nKv > c_.left() / 13)
            c_.fail("metadata count " + std::to_string(nKv) + " cannot fit in the " + std::to_string(c_.left()) +
                    " bytes left");
        if (nTensors > c_.left() / 24)
            c_.fail("tensor count " + std::to_string(nTensors) + " cannot fit in the " + std::to_string(c_.left()) +
                    " bytes left");

        m->metadata.reserve(size_t(nKv));
        std::unordered_set<std::string> keys;
        for (uint64_t k = 0; k < nKv; ++k) {
            MetaEntry e;
            e.key = readString("metadata key");
            if (!keys.insert(e.key).second)
                c_.fail("metadata key '" + e.key + "' appears twice");
            const MetaType t = readType("metadata value type");
            e.value = readValue(t, e.key);
            m->metadata.push_back(std::move(e));
        }

        if (const MetaValue* a = m->meta("general.alignment")) {
            const auto v = a->asInt();
            if (a->type == MetaType::Bool || !v || *v <= 0 || *v > (int64_t(1) << 30) || (*v & (*v - 1)) != 0)
                c_.fail("general.alignment must be a power of two, got " +
                        (v ? std::to_string(*v) : std::string("a ") + metaTypeName(a->type)));
            m->alignment = uint32_t(*v);
        }
        if (const MetaValue* a = m->meta("general.architecture")) {
            if (a->type != MetaType::String)
                c_.fail("general.architecture is a " + std::string(metaTypeName(a->type)) + ", not a string");
            m->architecture = a->s;
        }

        m->tensors.reserve(size_t(nTensors));
        std::unordered_set<std::string> names;
        for (uint64_t k = 0; k < nTensors; ++k) {
            TensorInfo t;
            t.name = readString("tensor name");
            if (!names.insert(t.name).second)
                c_.fail("tensor '" + t.name + "' appears twice");
            const uint32_t nDims = c_.read<uint32_t>("tensor dimension count");
            if (nDims == 0 || nDims > 4)
                c_.fail("tensor '" + t.name + "' has " + std::to_string(nDims) + " dimensions (1 to 4 allowed)");
            uint64_t ne[4] = {1, 1, 1, 1};
            int64_t numel = 1;
            for (uint32_t d = 0; d < nDims; ++d) {
                ne[d] = c_.read<uint64_t>("tensor dimension");
                if (ne[d] == 0 || ne[d] > uint64_t(std::numeric_limits<int64_t>::max()))
                    c_.fail("tensor '" + t.name + "' has an invalid dimension " + std::to_string(ne[d]));
                if (__builtin_mul_overflow(numel, int64_t(ne[d]), &numel))
                    c_.fail("tensor '" + t.name + "': the product of its dimensions overflows 64 bits");
            }
            const uint32_t typeId = c_.read<uint32_t>("tensor type");
            const auto ti = ggmlTypeInfo(typeId);
            if (!ti)
                c_.fail("tensor '" + t.name + "' has unknown type id " + std::to_string(typeId));
            t.type = ti->type;
            t.dtype = std::string(ti->name);
            if (ne[0] % ti->blockSize != 0)
                c_.fail("tensor '" + t.name + "': row length " + std::to_string(ne[0]) + " is not a multiple of the " +
                        t.dtype + " block size " + std::to_string(ti->blockSize));
            uint64_t nbytes = 0;
            if (__builtin_mul_overflow(uint64_t(numel) / ti->blockSize, uint64_t(ti->typeSize), &nbytes))
                c_.fail("tensor '" + t.name + "': its byte size overflows 64 bits");
            t.nbytes = nbytes;
            t.offset = c_.read<uint64_t>("tensor data offset");
            if (t.offset % m->alignment != 0)
                c_.fail("tensor '" + t.name + "': data offset " + std::to_string(t.offset) +
                        " is not a multiple of the alignment " + std::to_string(m->alignment));
            for (uint32_t d = nDims; d-- > 0;)
                t.shape.push_back(int64_t(ne[d]));
            m->tensors.push_back(std::move(t));
        }

        const uint64_t endOfInfos = c_.pos();
        const uint64_t dataOffset = (endOfInfos + m->alignment - 1) / m->alignment * m->alignment;
        m->dataOffset = dataOffset;
        const uint64_t size = c_.size();
        if (!m->tensors.empty() && dataOffset > size)
            c_.fail("truncated: the tensor data section would start at byte " + std::to_string(dataOffset) +
                    ", past the end of the file (" + std::to_string(size) + " bytes)");
        const uint64_t dataBytes = dataOffset <= size ? size - dataOffset : 0;
        for (const auto& t : m->tensors)
            if (t.offset > dataBytes || t.nbytes > dataBytes - t.offset)
                c_.fail("truncated: tensor '" + t.name + "' data [" + std::to_string(t.offset) + ", +" +
                        std::to_string(t.nbytes) + ") lies past the end of the data section (" +
                        std::to_string(dataBytes) + " bytes)");
        // The specification does not require the data in tensor order; it must not overlap.
        std::vector<size_t> byOffset(m->tensors.size());
        for (size_t k = 0; k < byOffset.size(); ++k)
            byOffset[k] = k;
        std::sort(byOffset.begin(), byOffset.end(),
                  [&](size_t a, size_t b) { return m->tensors[a].offset < m->tensors[b].offset; });
        for (size_t k = 1; k < byOffset.size(); ++k) {
            const TensorInfo& prev = m->tensors[byOffset[k - 1]];
            const TensorInfo& t = m->tensors[byOffset[k]];
            if (t.offset < prev.offset + prev.nbytes)
                c_.fail("tensor '" + t.name + "' data at offset " + std::to_string(t.offset) + " overlaps '" +
                        prev.name + "' [" + std::to_string(prev.offset) + ", " +
                        std::to_string(prev.offset + prev.nbytes) + ")");
        }
        for (auto& t : m->tensors)
            t.offset += dataOffset;
        m->files.push_back(std::move(src));
        return m;
    }

private:
    ByteCursor c_;
    std::span<const std::byte> bytes_;
    std::shared_ptr<const void> owner_;
};

}  // namespace

std::unique_ptr<Model> openGguf(ByteSource src)
{
    GgufParser p(src);
    return p.parse(std::move(src));
}

}  // namespace qs
