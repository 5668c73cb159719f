// qs::openModel: detects the format by content and hands the file to its reader.
#include "core/util/error.h"
#include "core/util/mapped_file.h"
#include "core/model/readers/readers.h"

#include <QFileInfo>

#include <cstring>

namespace qs {

ByteSource ByteSource::map(const std::string& path)
{
    auto f = std::make_shared<const MappedFile>(path);
    ByteSource s;
    s.path = path;
    s.bytes = f->bytes();
    s.mapped = f.get();
    s.owner = std::move(f);
    return s;
}

void MappedModel::checkIntact() const
{
    for (const auto& f : files)
        if (f.mapped)
            f.mapped->checkIntact();
}

std::span<const std::byte> MappedModel::data(const TensorInfo& t) const
{
    if (t.file < 0 || size_t(t.file) >= files.size())
        invalidInput(path, "tensor '" + t.name + "' refers to file " + std::to_string(t.file) + ", which is not open");
    if (const MappedFile* f = files[size_t(t.file)].mapped)
        f->checkIntact();
    const auto& b = files[size_t(t.file)].bytes;
    if (t.offset > b.size() || t.nbytes > b.size() - t.offset)
        invalidInput(files[size_t(t.file)].path, "tensor '" + t.name + "' data lies past the end of the file");
    return b.subspan(size_t(t.offset), size_t(t.nbytes));
}

std::shared_ptr<const void> MappedModel::dataOwner(const TensorInfo& t) const
{
    if (t.file < 0 || size_t(t.file) >= files.size())
        return {};
    return files[size_t(t.file)].owner;
}

Sniffed sniff(std::span<const std::byte> bytes)
{
    auto at = [&](size_t i) { return i < bytes.size() ? std::to_integer<unsigned char>(bytes[i]) : 0u; };
    if (bytes.size() >= 4 && std::memcmp(bytes.data(), "GGUF", 4) == 0)
        return Sniffed::Gguf;
    if (bytes.size() >= 4 && at(0) == 'P' && at(1) == 'K' &&
        ((at(2) == 3 && at(3) == 4) || (at(2) == 5 && at(3) == 6)))
        return Sniffed::PyTorchZip;
    // safetensors: u64 header length (high half zero: headers are at most 100 MB), then '{'.
    if (bytes.size() >= 9 && at(4) == 0 && at(5) == 0 && at(6) == 0 && at(7) == 0 && at(8) == '{')
        return Sniffed::Safetensors;
    return Sniffed::Other;
}

namespace {

[[noreturn]] void refusePickle(const std::string& path)
{
    invalidInput(path, "this is a PyTorch pickle checkpoint (.bin/.pt), which can run arbitrary code when loaded; "
                       "QuantScope refuses to load it (convert it to safetensors or GGUF)");
}

// What follows "FILE: " in an error message about `path`.
std::string reason(const Error& e, const std::string& path)
{
    std::string w = e.what();
    if (w.rfind(path + ": ", 0) == 0)
        w.erase(0, path.size() + 2);
    return w;
}

std::unique_ptr<Model> openOther(ByteSource src)
{
    const std::string path = src.path;
    const auto bytes = src.bytes;  // kept alive by src.owner while the error is looked at
    try {
        return openLlama2c(src);
    } catch (const Error& e) {
        if (e.kind() != ErrorKind::InvalidInput)
            throw;
        // Old-style (non-zip) PyTorch files are a bare pickle: 0x80, protocol 2..5.
        if (bytes.size() >= 2 && std::to_integer<unsigned>(bytes[0]) == 0x80 &&
            std::to_integer<unsigned>(bytes[1]) >= 2 && std::to_integer<unsigned>(bytes[1]) <= 5)
            refusePickle(path);
        invalidInput(path, "unknown model format: not GGUF, safetensors, a Hugging Face folder or a llama2.c "
                           "checkpoint (" + reason(e, path) + ")");
    }
}

// A GGUF file the reader rejects, said in GGUF's terms first: a cut or damaged file is
// "truncated or corrupt", anything else "not a valid GGUF file"; the reader's detail follows.
std::unique_ptr<Model> openGgufExplained(ByteSource src)
{
    const std::string path = src.path;
    try {
        return openGguf(std::move(src));
    } catch (const Error& e) {
        if (e.kind() != ErrorKind::InvalidInput)
            throw;
        const std::string r = reason(e, path);
        const bool cut = r.find("truncated") != std::string::npos || r.find("cannot fit") != std::string::npos ||
                         r.find("past the end") != std::string::npos;
        invalidInput(path, std::string(cut ? "truncated or corrupt GGUF file (" : "not a valid GGUF file (") + r + ")");
    }
}

// A file named *.safetensors or *.gguf that is not one: said in that format's terms, before any
// other reader guesses at it.
void checkSuffix(const std::string& path, const QString& suffix, Sniffed sniffed)
{
    if (suffix.compare(QLatin1String("safetensors"), Qt::CaseInsensitive) == 0 && sniffed != Sniffed::Safetensors)
        invalidInput(path, "not a safetensors file: it does not start with an 8-byte header length followed by a "
                           "JSON header ('{')");
    if (suffix.compare(QLatin1String("gguf"), Qt::CaseInsensitive) == 0 && sniffed != Sniffed::Gguf)
        invalidInput(path, "not a GGUF file: it does not start with the magic bytes 'GGUF'");
}

}  // namespace

std::unique_ptr<Model> openModelBytes(ByteSource src)
{
    switch (sniff(src.bytes)) {
    case Sniffed::Gguf: return openGgufExplained(std::move(src));
    case Sniffed::Safetensors: return openSafetensorsFile(std::move(src));
    case Sniffed::PyTorchZip: refusePickle(src.path);
    case Sniffed::Other: break;
    }
    return openOther(std::move(src));
}

namespace {

std::unique_ptr<Model> openModelPath(const std::string& path)
{
    const QFileInfo fi(QString::fromStdString(path));
    if (!fi.exists())
        invalidInput(path, "no such file or folder");
    if (fi.isDir() || fi.suffix().compare(QLatin1String("json"), Qt::CaseInsensitive) == 0)
        return openSafetensorsPath(path);
    ByteSource src = ByteSource::map(path);
    const Sniffed sniffed = sniff(src.bytes);
    if (sniffed != Sniffed::PyTorchZip)
        checkSuffix(path, fi.suffix(), sniffed);
    switch (sniffed) {
    case Sniffed::Gguf: return openGgufExplained(std::move(src));
    case Sniffed::Safetensors: return openSafetensorsPath(path);  // + config.json beside it
    case Sniffed::PyTorchZip: refusePickle(path);
    case Sniffed::Other: break;
    }
    return openOther(std::move(src));
}

}  // namespace

std::unique_ptr<Model> openModel(const std::string& path)
{
    auto m = openModelPath(path);
    m->checkIntact();  // headers read from a file that shrank meanwhile are void
    return m;
}

}  // namespace qs
