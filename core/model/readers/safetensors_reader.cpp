// safetensors reader: an 8-byte little-endian header length, a JSON header (Qt's QJsonDocument),
// then the data section. Single files and sharded Hugging Face folders
// (model.safetensors.index.json), with config.json beside them read into Model::hfConfig.
#include "core/model/readers/byte_cursor.h"
#include "core/model/readers/readers.h"
#include "core/util/json_keys.h"
#include "core/util/read_file.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <set>
#include <unordered_set>

namespace qs {
namespace {

constexpr uint64_t kMaxHeaderBytes = 100ull * 1000 * 1000;  // 100 MB, as the safetensors spec limits it
constexpr uint64_t kMaxJsonFileBytes = 100ull * 1000 * 1000;

struct DtypeInfo {
    const char* name;
    uint32_t bytes;
    std::optional<GgmlType> type;  // decodable by the engine
};

constexpr DtypeInfo kDtypes[] = {
    {"F32", 4, GgmlType::F32}, {"F16", 2, GgmlType::F16}, {"BF16", 2, GgmlType::BF16},
    {"F64", 8, std::nullopt},  {"I64", 8, std::nullopt},  {"U64", 8, std::nullopt},
    {"I32", 4, std::nullopt},  {"U32", 4, std::nullopt},  {"I16", 2, std::nullopt},
    {"U16", 2, std::nullopt},  {"I8", 1, std::nullopt},   {"U8", 1, std::nullopt},
    {"BOOL", 1, std::nullopt}, {"F8_E4M3", 1, std::nullopt}, {"F8_E5M2", 1, std::nullopt},
    {"F8_E8M0", 1, std::nullopt},
};

const DtypeInfo* findDtype(const QString& name)
{
    for (const auto& d : kDtypes)
        if (name == QLatin1String(d.name))
            return &d;
    return nullptr;
}

// A non-negative integer from JSON (exact up to 2^53).
uint64_t jsonUInt(const ByteCursor& c, const QJsonValue& v, const std::string& what)
{
    if (!v.isDouble())
        c.fail(what + " is not a number");
    const double d = v.toDouble();
    if (!(d >= 0) || d > 9007199254740992.0 || std::floor(d) != d)
        c.fail(what + " is not a non-negative integer");
    return uint64_t(d);
}

std::string str(const QString& s) { return s.toStdString(); }

// Parses one safetensors file's header into m (tensors get `fileIndex`), checking every entry
// against the data section. Appends __metadata__ entries as string metadata.
void parseFile(MappedModel& m, ByteSource src, int fileIndex)
{
    ByteCursor c(src.path, src.bytes);
    if (c.size() < 8)
        c.fail("not a safetensors file: " + std::to_string(c.size()) + " bytes, shorter than the 8-byte header length");
    const uint64_t n = c.read<uint64_t>("header length");
    if (n > kMaxHeaderBytes)
        c.fail("safetensors header length " + std::to_string(n) + " is over the 100 MB limit");
    if (n > c.left())
        c.fail("truncated: safetensors header length " + std::to_string(n) + " lies past the end of the file (" +
               std::to_string(c.size()) + " bytes)");
    const std::string_view header = c.readBytes(n, "header");
    if (header.empty() || header.front() != '{')
        c.fail("safetensors header does not start with '{'");
    QJsonParseError err{};
    const QJsonDocument doc =
        QJsonDocument::fromJson(QByteArray::fromRawData(header.data(), qsizetype(header.size())), &err);
    if (err.error != QJsonParseError::NoError)
        c.fail("invalid JSON in the safetensors header at offset " + std::to_string(err.offset) + ": " +
               str(err.errorString()));
    if (!doc.isObject())
        c.fail("the safetensors header is not a JSON object");
    if (const auto dup = findDuplicateJsonKey(header))
        c.fail("the safetensors header has two entries named '" + *dup + "'");
    const QJsonObject root = doc.object();
    const uint64_t dataStart = 8 + n;
    const uint64_t dataBytes = c.size() - dataStart;

    struct Entry {
        TensorInfo t;
        uint64_t begin, end;
    };
    std::vector<Entry> entries;
    for (auto it = root.begin(); it != root.end(); ++it) {
        const std::string name = str(it.key());
        if (name == "__metadata__") {
            if (!it.value().isObject())
                c.fail("__metadata__ is not a JSON object");
            const QJsonObject md = it.value().toObject();
            for (auto mi = md.begin(); mi != md.end(); ++mi) {
                if (!mi.value().isString())
                    c.fail("__metadata__ entry '" + str(mi.key()) + "' is not a string");
                m.metadata.push_back({str(mi.key()), MetaValue::ofString(str(mi.value().toString()))});
            }
            continue;
        }
        const std::string what = "tensor '" + name + "'";
        if (!it.value().isObject())
            c.fail(what + ": its header entry is not a JSON object");
        const QJsonObject o = it.value().toObject();
        const QJsonValue dtypeV = o.value(QLatin1String("dtype"));
        if (!dtypeV.isString())
            c.fail(what + " has no dtype string");
        const DtypeInfo* dt = findDtype(dtypeV.toString());
        if (!dt)
            c.fail(what + " has unknown dtype '" + str(dtypeV.toString()) + "'");
        const QJsonValue shapeV = o.value(QLatin1String("shape"));
        if (!shapeV.isArray())
            c.fail(what + " has no shape array");
        const QJsonArray shape = shapeV.toArray();
        Entry e;
        e.t.name = name;
        e.t.dtype = dt->name;
        e.t.type = dt->type;
        e.t.file = fileIndex;
        int64_t nonZeroProduct = 1;
        bool zero = false;
        for (const auto& d : shape) {
            const uint64_t v = jsonUInt(c, d, what + " shape entry");
            if (v == 0)
                zero = true;
            else if (__builtin_mul_overflow(nonZeroProduct, int64_t(v), &nonZeroProduct))
                c.fail(what + ": the product of its dimensions overflows 64 bits");
            e.t.shape.push_back(int64_t(v));
        }
        const uint64_t numel = zero ? 0 : uint64_t(nonZeroProduct);
        uint64_t nbytes = 0;
        if (__builtin_mul_overflow(numel, uint64_t(dt->bytes), &nbytes))
            c.fail(what + ": its byte size overflows 64 bits");
        const QJsonValue offV = o.value(QLatin1String("data_offsets"));
        if (!offV.isArray() || offV.toArray().size() != 2)
            c.fail(what + " has no data_offsets [begin, end] pair");
        e.begin = jsonUInt(c, offV.toArray().at(0), what + " data_offsets begin");
        e.end = jsonUInt(c, offV.toArray().at(1), what + " data_offsets end");
        if (e.end < e.begin)
            c.fail(what + ": data_offsets end " + std::to_string(e.end) + " is before begin " + std::to_string(e.begin));
        if (e.end > dataBytes)
            c.fail("truncated: " + what + " data ends at " + std::to_string(e.end) + ", past the end of the " +
                   std::to_string(dataBytes) + "-byte data section");
        if (e.end - e.begin != nbytes)
            c.fail(what + ": " + std::to_string(e.end - e.begin) + " bytes of data, but shape and dtype " + e.t.dtype +
                   " need " + std::to_string(nbytes));
        e.t.offset = dataStart + e.begin;
        e.t.nbytes = nbytes;
        entries.push_back(std::move(e));
    }
    std::stable_sort(entries.begin(), entries.end(), [](const Entry& a, const Entry& b) { return a.begin < b.begin; });
    const Entry* prev = nullptr;
    for (const auto& e : entries) {
        if (e.end == e.begin)
            continue;
        if (prev && e.begin < prev->end)
            c.fail("tensor '" + e.t.name + "' data [" + std::to_string(e.begin) + ", " + std::to_string(e.end) +
                   ") overlaps '" + prev->t.name + "' [" + std::to_string(prev->begin) + ", " +
                   std::to_string(prev->end) + ")");
        prev = &e;
    }
    for (auto& e : entries)
        m.tensors.push_back(std::move(e.t));
    m.files.push_back(std::move(src));
}

QJsonObject readJsonObject(const QString& file, bool refuseDuplicateKeys)
{
    const std::string path = file.toStdString();
    const QByteArray bytes = readRegularFile(path, kMaxJsonFileBytes, "JSON file");
    QJsonParseError err{};
    const QJsonDocument doc = QJsonDocument::fromJson(bytes, &err);
    if (err.error != QJsonParseError::NoError)
        invalidInput(path, "invalid JSON at offset " + std::to_string(err.offset) + ": " + str(err.errorString()));
    if (!doc.isObject())
        invalidInput(path, "not a JSON object");
    if (refuseDuplicateKeys)
        if (const auto dup = findDuplicateJsonKey(std::string_view(bytes.constData(), size_t(bytes.size()))))
            invalidInput(path, "the key '" + *dup + "' appears twice in one object");
    return doc.object();
}

// `name` in `dir`, resolved through symlinks; refused if it lands outside the folder, so a model
// folder cannot make QuantScope read (or show bytes of) an unrelated file. A Hugging Face cache
// snapshot (REPO/snapshots/REV/name -> ../../blobs/HASH) may point into its REPO/blobs.
QString fileInFolder(const QDir& dir, const QString& name, const std::string& shownBy)
{
    const QString path = dir.filePath(name);
    const QFileInfo fi(path);
    if (!fi.exists() && !fi.isSymLink())
        return path;  // opening it says "no such file"
    const QString real = fi.canonicalFilePath();
    const QString folder = QFileInfo(dir.absolutePath()).canonicalFilePath();
    if (real.isEmpty())
        invalidInput(path.toStdString(), "is a broken symbolic link");
    auto inside = [](const QString& p, const QString& d) { return !d.isEmpty() && p.startsWith(d + QLatin1Char('/')); };
    if (inside(real, folder))
        return path;
    QDir snap(folder);
    if (snap.cdUp() && snap.dirName() == QLatin1String("snapshots") && snap.cdUp() &&
        inside(real, snap.absoluteFilePath(QStringLiteral("blobs"))))
        return path;
    invalidInput(shownBy, "'" + name.toStdString() + "' is a link to a file outside the model's folder; refused");
}

void applyConfig(MappedModel& m, const QString& dir)
{
    const QString cfg = QDir(dir).filePath(QStringLiteral("config.json"));
    const QFileInfo cfi(cfg);
    if (!cfi.exists() && !cfi.isSymLink())
        return;
    m.hfConfig = readJsonObject(fileInFolder(QDir(dir), QStringLiteral("config.json"), cfg.toStdString()), false);
    m.hfConfigPath = cfg.toStdString();
    const QJsonValue mt = m.hfConfig.value(QLatin1String("model_type"));
    const QJsonArray archs = m.hfConfig.value(QLatin1String("architectures")).toArray();
    if (mt.isString() && !mt.toString().isEmpty())
        m.architecture = str(mt.toString());
    else if (!archs.isEmpty() && archs.first().isString())
        m.architecture = str(archs.first().toString());
}

std::unique_ptr<Model> openIndex(const QString& indexFile, const std::string& shownPath)
{
    const std::string ipath = indexFile.toStdString();
    const QJsonObject index = readJsonObject(indexFile, true);
    const QJsonValue wmV = index.value(QLatin1String("weight_map"));
    if (!wmV.isObject())
        invalidInput(ipath, "no weight_map object in the safetensors index");
    const QJsonObject wm = wmV.toObject();
    std::map<std::string, std::string> wanted;  // tensor -> shard file name
    std::set<std::string> shardSet;
    for (auto it = wm.begin(); it != wm.end(); ++it) {
        if (!it.value().isString())
            invalidInput(ipath, "weight_map entry '" + str(it.key()) + "' is not a file name");
        const std::string shard = str(it.value().toString());
        if (shard.empty() || shard == "." || shard == ".." || shard.find('/') != std::string::npos ||
            shard.find('\\') != std::string::npos)
            invalidInput(ipath, "weight_map names '" + shard + "', which is not a file in the index's folder");
        wanted[str(it.key())] = shard;
        shardSet.insert(shard);
    }
    if (shardSet.empty())
        invalidInput(ipath, "the safetensors index lists no tensors");
    const std::vector<std::string> shards(shardSet.begin(), shardSet.end());  // sorted

    auto m = std::make_unique<MappedModel>();
    m->path = shownPath;
    m->format = "safetensors";
    const QDir dir = QFileInfo(indexFile).absoluteDir();
    for (size_t s = 0; s < shards.size(); ++s) {
        const size_t before = m->tensors.size();
        const QString shard = fileInFolder(dir, QString::fromStdString(shards[s]), ipath);
        parseFile(*m, ByteSource::map(shard.toStdString()), int(s));
        for (size_t k = before; k < m->tensors.size(); ++k) {
            const auto w = wanted.find(m->tensors[k].name);
            if (w == wanted.end())
                invalidInput(m->files[s].path, "tensor '" + m->tensors[k].name + "' is not in the index's weight_map");
            if (w->second != shards[s])
                invalidInput(m->files[s].path, "tensor '" + m->tensors[k].name + "' is also in shard " + w->second);
            wanted.erase(w);
        }
    }
    if (!wanted.empty())
        invalidInput(ipath, "tensor '" + wanted.begin()->first + "' is in the weight_map but not in shard " +
                                wanted.begin()->second);
    applyConfig(*m, dir.path());
    return m;
}

}  // namespace

std::unique_ptr<Model> openSafetensorsFile(ByteSource src)
{
    auto m = std::make_unique<MappedModel>();
    m->path = src.path;
    m->format = "safetensors";
    parseFile(*m, std::move(src), 0);
    return m;
}

std::unique_ptr<Model> openSafetensorsPath(const std::string& path)
{
    const QString qpath = QString::fromStdString(path);
    const QFileInfo fi(qpath);
    if (fi.isDir()) {
        const QDir dir(qpath);
        const QString index = dir.filePath(QStringLiteral("model.safetensors.index.json"));
        if (QFileInfo(index).exists() || QFileInfo(index).isSymLink())
            return openIndex(index, path);
        QString single = dir.filePath(QStringLiteral("model.safetensors"));
        if (!QFileInfo(single).exists()) {
            const QStringList all = dir.entryList({QStringLiteral("*.safetensors")}, QDir::Files, QDir::Name);
            if (all.size() != 1)
                invalidInput(path, all.isEmpty() ? "folder has no model.safetensors or model.safetensors.index.json"
                                                  : "folder has several .safetensors files but no "
                                                    "model.safetensors.index.json");
            single = dir.filePath(all.first());
        }
        single = fileInFolder(dir, QFileInfo(single).fileName(), path);
        auto m = openSafetensorsFile(ByteSource::map(single.toStdString()));
        m->path = path;
        applyConfig(static_cast<MappedModel&>(*m), qpath);
        return m;
    }
    if (qpath.endsWith(QLatin1String(".json")))
        return openIndex(qpath, path);
    auto m = openSafetensorsFile(ByteSource::map(path));
    applyConfig(static_cast<MappedModel&>(*m), fi.absolutePath());
    return m;
}

}  // namespace qs
