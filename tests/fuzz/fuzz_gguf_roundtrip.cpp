// libFuzzer target for the GGUF writer: a GGUF file the reader accepts is written again with
// GgufLayout (its metadata, arrays still in the reader's encoding, and its tensors) and read
// back; every key, value and tensor (name, shape, type, bytes) must come back the same. Inputs
// the reader refuses (qs::Error InvalidInput) are skipped; anything else is a bug.
#include "core/model/gguf_writer.h"
#include "core/model/readers/readers.h"
#include "core/util/error.h"
#include "core/util/parallel.h"

#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace {

[[noreturn]] void mismatch(const std::string& what)
{
    std::fprintf(stderr, "round trip changed %s\n", what.c_str());
    std::abort();
}

std::vector<std::byte> encoded(const qs::MetaValue& v)
{
    std::vector<std::byte> out;
    qs::appendGgufValue(out, v);
    return out;
}

// Element by element (decoding), so the array readers are compared, not only the bytes.
void compareValues(const qs::MetaValue& a, const qs::MetaValue& b, const std::string& key)
{
    if (a.type != b.type || encoded(a) != encoded(b))
        mismatch("metadata '" + key + "'");
    if (a.type != qs::MetaType::Array)
        return;
    if (a.arraySize() != b.arraySize() || a.elementType != b.elementType)
        mismatch("array '" + key + "'");
    std::vector<qs::MetaValue> as, bs;
    a.forEachElement([&](const qs::MetaValue& e) {
        as.push_back(e);
        return as.size() < 4096;
    });
    b.forEachElement([&](const qs::MetaValue& e) {
        bs.push_back(e);
        return bs.size() < 4096;
    });
    if (as.size() != bs.size())
        mismatch("array '" + key + "' elements");
    for (size_t i = 0; i < as.size(); ++i)
        compareValues(as[i], bs[i], key);
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***)
{
    qs::setMaxThreads(1);
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    std::unique_ptr<qs::Model> m;
    try {
        m = qs::openGguf({"fuzz-input", {reinterpret_cast<const std::byte*>(data), size}, nullptr});
    } catch (const qs::Error& e) {
        if (e.kind() != qs::ErrorKind::InvalidInput) {
            std::fprintf(stderr, "unexpected error kind: %s\n", e.what());
            std::abort();
        }
        return 0;
    }
    qs::GgufLayout layout;
    for (const auto& e : m->metadata)
        layout.setMeta(e.key, e.value);
    for (const auto& t : m->tensors)
        layout.addTensor(t.name, t.shape, *t.type);
    const std::vector<std::byte> header = layout.header();
    if (layout.fileSize() > (uint64_t(64) << 20))
        return 0;  // cannot be, the tensors come from the input; guards the fuzzer's memory anyway
    auto out = std::make_shared<std::vector<std::byte>>(size_t(layout.fileSize()));
    std::memcpy(out->data(), header.data(), header.size());
    for (size_t i = 0; i < m->tensors.size(); ++i) {
        const auto bytes = m->data(m->tensors[i]);
        if (bytes.size() != layout.tensorBytes(i))
            mismatch("the size of tensor '" + m->tensors[i].name + "'");
        if (!bytes.empty())
            std::memcpy(out->data() + layout.tensorOffset(i), bytes.data(), bytes.size());
    }
    std::unique_ptr<qs::Model> r;
    try {
        r = qs::openGguf({"round-trip", {out->data(), out->size()}, out});
    } catch (const qs::Error& e) {
        std::fprintf(stderr, "the written file does not open: %s\n", e.what());
        std::abort();
    }
    if (r->metadata.size() != m->metadata.size() || r->tensors.size() != m->tensors.size())
        mismatch("the number of keys or tensors");
    for (size_t i = 0; i < m->metadata.size(); ++i) {
        if (r->metadata[i].key != m->metadata[i].key)
            mismatch("key " + std::to_string(i));
        compareValues(m->metadata[i].value, r->metadata[i].value, m->metadata[i].key);
    }
    for (size_t i = 0; i < m->tensors.size(); ++i) {
        const auto& a = m->tensors[i];
        const auto& b = r->tensors[i];
        if (a.name != b.name || a.shape != b.shape || a.type != b.type || a.nbytes != b.nbytes)
            mismatch("tensor '" + a.name + "'");
        const auto da = m->data(a), db = r->data(b);
        if (da.size() != db.size() || (!da.empty() && std::memcmp(da.data(), db.data(), da.size()) != 0))
            mismatch("the data of tensor '" + a.name + "'");
    }
    return 0;
}
