// quantscope-cli formats [--json]: every registered format with its family and bits per weight.
#include "app/cli/cli.h"
#include "core/formats/format.h"

#include <QCommandLineParser>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace qs::cli {

static const char* familyName(FormatFamily f)
{
    switch (f) {
    case FormatFamily::Float: return "float";
    case FormatFamily::Gguf: return "gguf";
    case FormatFamily::Int: return "int";
    }
    return "?";
}

int cmdFormats(const QStringList& args)
{
    QCommandLineParser p;
    const QCommandLineOption jsonOpt(QStringLiteral("json"), QStringLiteral("Print one JSON object."));
    p.addOption(jsonOpt);
    if (int rc = parseArgs(p, args, "List the quantization formats QuantScope knows.", 0, 0); rc >= 0)
        return rc;
    return guarded([&] {
        // Bits per weight on a 4096x4096 matrix: per-tensor/per-channel scales amortised as in a real model.
        constexpr int64_t R = 4096, C = 4096;
        if (p.isSet(jsonOpt)) {
            QJsonArray arr;
            for (const Format* f : allFormats()) {
                QJsonObject o{{"name", QString::fromStdString(f->name())},
                              {"family", familyName(f->family())},
                              {"block_size", qint64(f->blockSize())},
                              {"bits_per_weight", f->bitsPerWeight(R, C)},
                              {"gguf", f->ggmlType().has_value()},
                              {"description", QString::fromStdString(f->description())}};
                arr.append(o);
            }
            printOut(QString::fromUtf8(QJsonDocument(QJsonObject{{"formats", arr}}).toJson(QJsonDocument::Compact)) + "\n");
        } else {
            QString s = QStringLiteral("%1 %2 %3 %4  %5\n")
                            .arg("name", -16).arg("family", -7).arg("block", 6).arg("bits/w", 7).arg("description");
            for (const Format* f : allFormats())
                s += QStringLiteral("%1 %2 %3 %4  %5\n")
                         .arg(QString::fromStdString(f->name()), -16)
                         .arg(familyName(f->family()), -7)
                         .arg(f->blockSize(), 6)
                         .arg(f->bitsPerWeight(R, C), 7, 'f', 3)
                         .arg(QString::fromStdString(f->description()));
            printOut(s);
        }
        return Ok;
    });
}

}  // namespace qs::cli
