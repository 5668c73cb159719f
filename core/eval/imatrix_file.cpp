#include "core/eval/imatrix_file.h"

#include "core/model/gguf_writer.h"
#include "core/model/model.h"
#include "core/model/readers/byte_cursor.h"
#include "core/util/atomic_file.h"
#include "core/util/error.h"

#include <QFile>

#include <algorithm>
#include <cstdint>
#include <cmath>
#include <cstring>
#include <map>
#include <set>
#include <span>

namespace qs {

namespace {

// A string of the .dat layout: int32 length (sane), then the bytes.
std::string datString(ByteCursor& r, const char* what)
{
    const int32_t len = r.read<int32_t>(what);
    if (len < 0 || len > (1 << 20))
        r.fail(std::string(what) + ": length " + std::to_string(len) + " at byte " + std::to_string(r.pos() - 4) +
               " is not a string length");
    return std::string(r.readBytes(uint64_t(len), what));
}

void checkValues(const std::string& path, const std::string& name, const std::vector<float>& v)
{
    for (size_t i = 0; i < v.size(); ++i)
        if (!std::isfinite(v[i]) || v[i] < 0)
            invalidInput(path, "entry " + name + ": value " + std::to_string(i) + " is " + std::to_string(v[i]) +
                                   " (an importance is a finite mean square, not negative)");
}

ImatrixFile loadDat(const std::string& path, const QByteArray& bytes)
{
    ImatrixFile f;
    f.path = path;
    f.legacy = true;
    ByteCursor r(path, std::as_bytes(std::span<const char>(bytes.constData(), size_t(bytes.size()))));
    const int32_t n = r.read<int32_t>("entry count");
    if (n < 1 || int64_t(n) * 16 > int64_t(bytes.size()))  // an entry takes at least 16 bytes
        invalidInput(path, "not an importance matrix: it starts with a count of " + std::to_string(n) + " entries in " +
                               std::to_string(bytes.size()) + " bytes (neither a GGUF imatrix nor llama.cpp's .dat layout)");
    std::set<std::string> seen;
    for (int32_t e = 0; e < n; ++e) {
        const std::string name = datString(r, "entry name");
        const int32_t ncall = r.read<int32_t>("call count");
        const int32_t nval = r.read<int32_t>("value count");
        if (nval < 1 || nval > (1 << 26))
            invalidInput(path, "entry " + name + ": " + std::to_string(nval) + " values");
        if (ncall < 0)
            invalidInput(path, "entry " + name + ": negative call count " + std::to_string(ncall));
        if (!seen.insert(name).second)
            invalidInput(path, "entry " + name + " appears twice");
        std::vector<float> v(static_cast<size_t>(nval));
        std::memcpy(v.data(), r.readBytes(uint64_t(nval) * 4, "entry values").data(), size_t(nval) * 4);
        if (ncall > 0)
            for (float& x : v)
                x /= float(ncall);
        checkValues(path, name, v);
        f.stats.setMeanSquares(name, v, ncall);
        f.names.push_back(name);
    }
    if (r.left() > 0) {  // optional: chunk count and dataset name
        f.chunks = r.read<int32_t>("chunk count");
        if (r.left() > 0) {
            const std::string ds = datString(r, "dataset name");
            if (!ds.empty())
                f.datasets.push_back(ds);
        }
    }
    return f;
}

ImatrixFile loadGgufImatrix(const std::string& path)
{
    const std::unique_ptr<Model> m = openModel(path);
    ImatrixFile f;
    f.path = path;
    if (const MetaValue* v = m->meta("imatrix.chunk_count"))
        f.chunks = v->asInt().value_or(0);
    if (const MetaValue* v = m->meta("imatrix.datasets"))
        v->forEachElement([&](const MetaValue& e) {
            if (e.type == MetaType::String)
                f.datasets.push_back(e.s);
            return f.datasets.size() < 64;
        });
    std::map<std::string, std::pair<const TensorInfo*, const TensorInfo*>> parts;
    for (const TensorInfo& t : m->tensors) {
        auto strip = [&](const char* suffix) {
            const size_t n = std::strlen(suffix);
            return t.name.size() > n && t.name.compare(t.name.size() - n, n, suffix) == 0 ? t.name.substr(0, t.name.size() - n)
                                                                                          : std::string();
        };
        if (std::string b = strip(".in_sum2"); !b.empty())
            parts[b].first = &t;
        else if (std::string c = strip(".counts"); !c.empty())
            parts[c].second = &t;
    }
    if (parts.empty())
        invalidInput(path, "a GGUF without importance entries (no NAME.in_sum2 / NAME.counts tensors): not an imatrix file");
    for (const auto& [name, p] : parts) {
        if (!p.first || !p.second)
            invalidInput(path, "entry " + name + " has " + (p.first ? "in_sum2 but no counts" : "counts but no in_sum2"));
        const TensorInfo& sums = *p.first;
        const TensorInfo& counts = *p.second;
        if (sums.dtype != "F32" || counts.dtype != "F32")
            invalidInput(path, "entry " + name + ": in_sum2 and counts must be F32, not " + sums.dtype + " / " + counts.dtype);
        const int64_t experts = counts.numel();
        if (experts != 1 || sums.rows() != 1)
            invalidInput(path, "entry " + name + " holds " + std::to_string(std::max(experts, sums.rows())) +
                                   " experts; QuantScope quantizes models without experts");
        std::vector<float> v = m->toFloat(sums);
        const float count = m->toFloat(counts)[0];
        if (!std::isfinite(count) || count < 0)
            invalidInput(path, "entry " + name + ": token count " + std::to_string(count));
        if (count > 0)
            for (float& x : v)
                x /= count;
        else
            std::fill(v.begin(), v.end(), 1.0f);
        checkValues(path, name, v);
        f.stats.setMeanSquares(name, v, int64_t(std::llround(count)));
        f.names.push_back(name);
    }
    return f;
}

}  // namespace

ImatrixFile loadImatrixFile(const std::string& path)
{
    QFile file(QString::fromStdString(path));
    if (!file.open(QIODevice::ReadOnly))
        invalidInput(path, "cannot read the importance matrix: " + file.errorString().toStdString());
    const QByteArray head = file.peek(4);
    if (head == QByteArrayLiteral("GGUF")) {
        file.close();
        return loadGgufImatrix(path);
    }
    if (file.size() > (int64_t(1) << 32))
        invalidInput(path, "an importance matrix of " + std::to_string(file.size()) + " bytes: too large for the .dat layout");
    return loadDat(path, file.readAll());
}

int saveImatrixGguf(const ActivationStats& stats, const std::vector<std::string>& names, const std::string& path,
                    const std::string& dataset, int64_t chunks, int64_t chunkSize)
{
    checkOutputPath(path);
    GgufLayout g;
    g.setMeta("general.type", MetaValue::ofString("imatrix"));
    g.setMeta("imatrix.datasets", MetaValue::ofArray(MetaType::String, {MetaValue::ofString(dataset)}));
    g.setMeta("imatrix.chunk_count", MetaValue::ofU32(uint32_t(std::clamp<int64_t>(chunks, 0, UINT32_MAX))));
    g.setMeta("imatrix.chunk_size", MetaValue::ofU32(uint32_t(std::clamp<int64_t>(chunkSize, 0, UINT32_MAX))));
    std::vector<std::vector<float>> data;
    for (const std::string& n : names) {
        std::vector<float> v = stats.importance(n);
        if (v.empty())
            continue;
        const float count = float(stats.tokens(n));
        for (float& x : v)
            x *= count;
        g.addTensor(n + ".in_sum2", {1, int64_t(v.size())}, GgmlType::F32);  // ggml dims [cols, 1 expert]
        g.addTensor(n + ".counts", {1, 1}, GgmlType::F32);
        data.push_back(std::move(v));
        data.push_back({count});
    }
    if (data.empty())
        invalidInput(path, "no matrix has activation statistics to write");
    AtomicFile out(path);
    const std::vector<std::byte> head = g.header();
    out.writeAt(head.data(), head.size(), 0);
    for (size_t i = 0; i < data.size(); ++i)
        out.writeAt(data[i].data(), data[i].size() * sizeof(float), g.tensorOffset(i));
    out.resize(g.fileSize());
    out.commit();
    return int(data.size() / 2);
}

int checkImatrixFile(const ImatrixFile& f, const std::vector<std::pair<std::string, int64_t>>& matrices)
{
    std::map<std::string, int64_t> cols(matrices.begin(), matrices.end());
    int unknown = 0;
    for (const std::string& name : f.names) {
        const auto it = cols.find(name);
        if (it == cols.end()) {
            ++unknown;
            continue;
        }
        const size_t n = f.stats.importance(name).size();
        if (int64_t(n) != it->second)
            invalidInput(f.path, "entry " + name + " has " + std::to_string(n) + " values but the matrix has " +
                                     std::to_string(it->second) + " columns (an imatrix of another model?)");
    }
    if (unknown == int(f.names.size()))
        invalidInput(f.path, "none of its " + std::to_string(f.names.size()) +
                                 " entries names a matrix of this model (an imatrix of another model?)");
    return unknown;
}

}  // namespace qs
