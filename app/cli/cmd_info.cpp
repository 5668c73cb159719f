// quantscope-cli info MODEL [--json]: format, architecture, parameter count, metadata and tensors.
#include "app/cli/cli.h"
#include "core/model/architecture.h"
#include "core/model/model.h"

#include <QCommandLineParser>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace qs::cli {

namespace {

QString humanBytes(uint64_t b)
{
    if (b < 1024)
        return QStringLiteral("%1 B").arg(b);
    const char* units[] = {"KiB", "MiB", "GiB", "TiB"};
    double v = double(b);
    int u = -1;
    while (v >= 1024 && u < 3) {
        v /= 1024;
        ++u;
    }
    return QStringLiteral("%1 %2").arg(v, 0, 'f', 2).arg(QLatin1String(units[u]));
}

QString shapeText(const std::vector<int64_t>& s)
{
    QStringList parts;
    for (int64_t d : s)
        parts << QString::number(d);
    return QLatin1Char('[') + parts.join(QLatin1String(", ")) + QLatin1Char(']');
}

QString metaText(const MetaValue& v)
{
    if (v.type == MetaType::Array)
        return QStringLiteral("[%1 x %2]").arg(v.arraySize()).arg(QLatin1String(metaTypeName(v.elementType)));
    if (v.type == MetaType::String) {
        QString s = shown(v.s);
        if (s.size() > 60)
            s = s.left(57) + QStringLiteral("...");
        return s;
    }
    const QJsonValue j = v.toJson();
    if (j.isBool())
        return j.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    if (v.type == MetaType::F32 || v.type == MetaType::F64)
        return QString::number(j.toDouble(), 'g', 8);
    return QString::number(j.toInteger());
}

}  // namespace

int cmdInfo(const QStringList& args)
{
    QCommandLineParser p;
    const QCommandLineOption jsonOpt(QStringLiteral("json"), QStringLiteral("Print one JSON object."));
    p.addOption(jsonOpt);
    p.addPositionalArgument(QStringLiteral("MODEL"),
                            QStringLiteral("A GGUF file, llama2.c checkpoint, .safetensors file or Hugging Face folder."));
    if (int rc = parseArgs(p, args, "Show a model's format, architecture, parameter count and tensors.", 1, 1); rc >= 0)
        return rc;
    return guarded([&] {
        noteInput(p.positionalArguments().first());
        const auto m = openModel(p.positionalArguments().first().toStdString());
        if (p.isSet(jsonOpt)) {
            QJsonArray tensors;
            for (const auto& t : m->tensors) {
                QJsonArray shape;
                for (int64_t d : t.shape)
                    shape.append(qint64(d));
                tensors.append(QJsonObject{{"name", QString::fromStdString(t.name)},
                                           {"shape", shape},
                                           {"dtype", QString::fromStdString(t.dtype)},
                                           {"bytes", qint64(t.nbytes)}});
            }
            QJsonObject o{{"format", QString::fromStdString(m->format)},
                          {"architecture", m->architecture ? QJsonValue(QString::fromStdString(*m->architecture))
                                                           : QJsonValue(QJsonValue::Null)},
                          {"n_params", qint64(m->nParams())},
                          {"metadata", m->metadataJson()},
                          {"tensors", tensors}};
            printOut(QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact)) + QLatin1Char('\n'));
            return Ok;
        }
        uint64_t total = 0;
        int nameWidth = 4, shapeWidth = 5;
        for (const auto& t : m->tensors) {
            total += t.nbytes;
            nameWidth = std::max(nameWidth, int(shown(t.name).size()));
            shapeWidth = std::max(shapeWidth, int(shapeText(t.shape).size()));
        }
        QString s;
        s += QStringLiteral("file:          %1\n").arg(shown(m->path));
        s += QStringLiteral("format:        %1\n").arg(shown(m->format));
        s += QStringLiteral("architecture:  %1\n").arg(m->architecture ? shown(*m->architecture) : QStringLiteral("(unknown)"));
        s += QStringLiteral("parameters:    %1\n").arg(QLocale::c().toString(qlonglong(m->nParams())));
        s += QStringLiteral("tensors:       %1 (%2 of data)\n").arg(m->tensors.size()).arg(humanBytes(total));
        const ModelArchitecture arch = modelArchitecture(*m);
        if (const auto& c = arch.config)
            s += QStringLiteral("hyper-params:  %9: dim %1, hidden %2, layers %3, heads %4 (%5 KV) of %10, vocab %6, "
                                "context %7, %8\n")
                     .arg(c->dim)
                     .arg(c->hiddenDim)
                     .arg(c->nLayers)
                     .arg(c->nHeads)
                     .arg(c->nKvHeads)
                     .arg(c->vocabSize)
                     .arg(c->contextLength)
                     .arg(c->tiedEmbeddings ? QStringLiteral("tied output") : QStringLiteral("separate output"))
                     .arg(QString::fromUtf8(c->arch->name.data(), qsizetype(c->arch->name.size())))
                     .arg(c->headDim());
        else
            s += QStringLiteral("hyper-params:  unavailable (%1)\n").arg(QString::fromStdString(arch.error));
        if (!m->metadata.empty()) {
            s += QStringLiteral("\nmetadata:\n");
            for (const auto& e : m->metadata)
                s += QStringLiteral("  %1 = %2\n").arg(shown(e.key), metaText(e.value));
        }
        if (!m->hfConfig.isEmpty())
            s += QStringLiteral("\nconfig.json: %1 keys\n").arg(m->hfConfig.size());
        s += QStringLiteral("\n%1  %2  %3  %4\n")
                 .arg(QStringLiteral("name"), -nameWidth)
                 .arg(QStringLiteral("shape"), -shapeWidth)
                 .arg(QStringLiteral("dtype"), -7)
                 .arg(QStringLiteral("size"), 10);
        for (const auto& t : m->tensors)
            s += QStringLiteral("%1  %2  %3  %4\n")
                     .arg(shown(t.name), -nameWidth)
                     .arg(shapeText(t.shape), -shapeWidth)
                     .arg(shown(t.dtype), -7)
                     .arg(humanBytes(t.nbytes), 10);
        printOut(s);
        return Ok;
    });
}

}  // namespace qs::cli
