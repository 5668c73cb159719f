#pragma once
// A GGUF file being made by a test: metadata and tensors (raw bytes), edited freely, written
// with the engine's GgufLayout. GgufSpec::of(model) starts from an opened model.
#include "core/model/gguf_writer.h"
#include "core/model/model.h"

#include <QByteArray>
#include <QFile>
#include <QString>

#include <string>
#include <vector>

namespace qs::test {

struct GgufSpec {
    struct Tensor {
        std::string name;
        std::vector<int64_t> shape;
        GgmlType type;
        QByteArray data;
    };
    std::vector<MetaEntry> meta;
    std::vector<Tensor> tensors;

    static GgufSpec of(const Model& m)
    {
        GgufSpec s;
        s.meta = m.metadata;
        for (const auto& t : m.tensors) {
            const auto b = m.data(t);
            s.tensors.push_back({t.name, t.shape, *t.type,
                                 QByteArray(reinterpret_cast<const char*>(b.data()), qsizetype(b.size()))});
        }
        return s;
    }
    void set(const std::string& key, const MetaValue& v)
    {
        for (auto& e : meta)
            if (e.key == key) {
                e.value = v;
                return;
            }
        meta.push_back({key, v});
    }
    void drop(const std::string& prefix)
    {
        std::erase_if(meta, [&](const MetaEntry& e) { return e.key.rfind(prefix, 0) == 0; });
    }
    Tensor& tensor(const std::string& name)
    {
        for (auto& t : tensors)
            if (t.name == name)
                return t;
        qFatal("no tensor %s", name.c_str());
    }
    QString write(const QString& path) const
    {
        GgufLayout l;
        for (const auto& e : meta)
            l.setMeta(e.key, e.value);
        for (const auto& t : tensors)
            l.addTensor(t.name, t.shape, t.type);
        const auto header = l.header();
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly))
            qFatal("cannot write %s", qPrintable(path));
        f.write(reinterpret_cast<const char*>(header.data()), qsizetype(header.size()));
        for (size_t i = 0; i < tensors.size(); ++i) {
            f.seek(qint64(l.tensorOffset(i)));
            f.write(tensors[i].data);
        }
        f.resize(qint64(l.fileSize()));
        return path;
    }
};

}  // namespace qs::test
