#include "core/eval/imatrix_file.h"

#include "core/model/gguf_writer.h"
#include "core/model/model.h"
#include "core/util/atomic_file.h"
#include "core/util/error.h"

#include <QFile>

#include <algorithm>
#include <cstdint>
#include <cmath>
#include <cstring>
#include <map>
#include <set>

namespace qs {

namespace {

// A bounds-checked reader of the .dat layout (little-endian int32 / float32).
class DatReader {
public:
    DatReader(const std::string& path, const QByteArray& bytes) : path_(path), b_(bytes) {}
    bool atEnd() const { return pos_ >= b_.size(); }
    int32_t i32(const char* what)
    {
        int32_t v = 0;
        std::memcpy(&v, take(4, what), 4);
        return v;
    }
    std::string str(int32_t len, const char* what)
    {
        if (len < 0 || len > (1 << 20))
            invalidInput(path_, std::string(what) + ": length " + std::to_string(len) + " at byte " +
                                    std::to_string(pos_ - 4) + " is not a string length");
        return std::string(take(len, what), size_t(len));
    }
    void floats(float* out, int64_t n, const char* what) { std::memcpy(out, take(n * 4, what), size_t(n) * 4); }

private:
    const char* take(int64_t n, const char* what)
    {
        if (n > int64_t(b_.size()) - pos_)
            invalidInput(path_, std::string("truncated: ") + what + " at byte " + std::to_string(pos_) + " needs " +
                                    std::to_string(n) + " bytes, " + std::to_string(int64_t(b_.size()) - pos_) + " left");
        const char* p = b_.constData() + pos_;
        pos_ += n;
        return p;
    }
    std::string path_;
    const QByteArray& b_;
    int64_t pos_ = 0;
};

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
    DatReader r(path, bytes);
    const int32_t n = r.i32("entry count");
    if (n < 1 || int64_t(n) * 16 > int64_t(bytes.size()))  // an entry takes at least 16 bytes
        invalidInput(path, "not an importance matrix: it starts with a count of " + std::to_string(n) + " entries in " +
                               std::to_string(bytes.size()) + " bytes (neither a GGUF imatrix nor llama.cpp's .dat layout)");
    std::set<std::string> seen;
    for (int32_t e = 0; e < n; ++e) {
        const std::string name = r.str(r.i32("name length"), "entry name");
        const int32_t ncall = r.i32("call count");
        const int32_t nval = r.i32("value count");
        if (nval < 1 || nval > (1 << 26))
            invalidInput(path, "entry " + name + ": " + std::to_string(nval) + " values");
        if (ncall < 0)
            invalidInput(path, "entry " + name + ": negative call count " + std::to_string(ncall));
        if (!seen.insert(name).second)
            invalidInput(path, "entry " + name + " appears twice");
        std::vector<float> v(static_cast<size_t>(nval));
        r.floats(v.data(), nval, "entry values");
        if (ncall > 0)
            for (float& x : v)
                x /= float(ncall);
        checkValues(path, name, v);
        f.stats.setMeanSquares(name, v, ncall);
        f.names.push_back(name);
    }
    if (!r.atEnd()) {  // optional: chunk count and dataset name
        f.chunks = r.i32("chunk count");
        if (!r.atEnd()) {
            const std::string ds = r.str(r.i32("dataset name length"), "dataset name");
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
