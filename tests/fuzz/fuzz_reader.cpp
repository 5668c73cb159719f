// libFuzzer entry point for one model reader (chosen at compile time): opens the input from
// memory (libFuzzer's exact-size buffer, so ASan sees any read past its end) and decodes every
// tensor (GGUF: and runs the tokenizer its metadata describes). qs::Error(InvalidInput) is the
// expected way to reject; anything else is a bug.
#include "core/util/error.h"
#include "core/util/parallel.h"
#include "core/model/readers/readers.h"
#include "core/tokenizer/tokenizer.h"

#include <cstdio>
#include <cstdlib>

extern "C" int LLVMFuzzerInitialize(int*, char***)
{
    qs::setMaxThreads(1);  // deterministic, and the machine's cores are shared
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    qs::ByteSource src{"fuzz-input", {reinterpret_cast<const std::byte*>(data), size}, nullptr};
    try {
#if defined(QS_FUZZ_READER_gguf)
        auto m = qs::openGguf(src);
#elif defined(QS_FUZZ_READER_safetensors)
        auto m = qs::openSafetensorsFile(src);
#else
        auto m = qs::openLlama2c(src);
#endif
        for (const auto& t : m->tensors) {
            try {
                const auto v = m->toFloat(t);
                if (v.size() != size_t(t.numel()))
                    std::abort();
            } catch (const qs::Error& e) {
                if (e.kind() != qs::ErrorKind::InvalidInput)
                    throw;
            }
        }
        (void)m->metadataJson();
        (void)m->nParams();
#if defined(QS_FUZZ_READER_gguf)
        // The tokenizer in the metadata, and a text through it (special tokens parsed too).
        try {
            const auto tok = qs::Tokenizer::fromGgufMetadata(m->metadata, m->path);
            const auto ids = tok->encode("Hello w\xC3\xB6rld <s>12345  \xE4\xBD\xA0\n", true, true);
            (void)tok->decode(ids);
        } catch (const qs::Error& e) {
            if (e.kind() != qs::ErrorKind::InvalidInput)
                throw;
        }
#endif
    } catch (const qs::Error& e) {
        if (e.kind() != qs::ErrorKind::InvalidInput) {
            std::fprintf(stderr, "unexpected error kind: %s\n", e.what());
            std::abort();
        }
    }
    return 0;
}
