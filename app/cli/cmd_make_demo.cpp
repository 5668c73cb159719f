// quantscope-cli make-demo --params N --dtype F16|F32 [--seed S] --output FILE.safetensors|FILE.gguf
#include "app/cli/cancel.h"
#include "core/util/parallel.h"
#include "app/cli/cli.h"
#include "core/export/demo_model.h"
#include "core/util/error.h"
#include "core/export/export.h"

#include <QCommandLineParser>

#include <cmath>
#include <optional>

namespace qs::cli {

namespace {
constexpr double kMaxParams = double(int64_t(1) << 40);  // as demoConfig allows (about 1.1T)

// "260000", "260K", "1.5M", "1B", "2T" -> count; nullopt with the reason if it is not one.
std::optional<int64_t> parseCount(QString s, QString* why)
{
    s = s.trimmed().toUpper();
    double mult = 1;
    if (s.endsWith(QLatin1Char('K')))
        mult = 1e3;
    else if (s.endsWith(QLatin1Char('M')))
        mult = 1e6;
    else if (s.endsWith(QLatin1Char('B')) || s.endsWith(QLatin1Char('G')))
        mult = 1e9;
    else if (s.endsWith(QLatin1Char('T')))
        mult = 1e12;
    if (mult != 1)
        s.chop(1);
    bool ok = false;
    const double v = s.toDouble(&ok);
    if (!ok || !std::isfinite(v) || !(v > 0)) {
        *why = QStringLiteral("is not a positive count (such as 260K, 15M, 1B)");
        return std::nullopt;
    }
    if (v * mult > kMaxParams) {
        *why = QStringLiteral("is too large (at most 2^40, about 1.1T, parameters)");
        return std::nullopt;
    }
    if (v * mult < 1) {
        *why = QStringLiteral("is less than one parameter");
        return std::nullopt;
    }
    return int64_t(std::llround(v * mult));
}
}  // namespace

int cmdMakeDemo(const QStringList& args)
{
    QCommandLineParser p;
    const QCommandLineOption paramsOpt(QStringLiteral("params"), QStringLiteral("About how many parameters (e.g. 260K, 15M, 1B)."),
                                       QStringLiteral("N"));
    const QCommandLineOption dtypeOpt(QStringLiteral("dtype"), QStringLiteral("F16 or F32 (default F16)."), QStringLiteral("DTYPE"),
                                      QStringLiteral("F16"));
    const QCommandLineOption seedOpt(QStringLiteral("seed"), QStringLiteral("Random seed (default 0)."), QStringLiteral("S"),
                                     QStringLiteral("0"));
    const QCommandLineOption outputOpt(QStringLiteral("output"), QStringLiteral("FILE.safetensors or FILE.gguf."),
                                       QStringLiteral("FILE"));
    p.addOptions({paramsOpt, dtypeOpt, seedOpt, outputOpt});
    if (int rc = parseArgs(p, args,
                           "Write a synthetic llama-shaped model with realistic weight statistics "
                           "(deterministic per seed), streamed tensor by tensor.",
                           0, 0);
        rc >= 0)
        return rc;
    if (!p.isSet(paramsOpt)) {
        printErr(QStringLiteral("--params N is required (a positive count such as 260K, 15M, 1B)"));
        return InvalidInput;
    }
    QString why;
    const std::optional<int64_t> count = parseCount(p.value(paramsOpt), &why);
    if (!count) {
        printErr(QStringLiteral("--params %1 %2").arg(p.value(paramsOpt), why));
        return InvalidInput;
    }
    const int64_t params = *count;
    if (!p.isSet(outputOpt) || p.value(outputOpt).isEmpty()) {
        printErr(p.isSet(outputOpt) ? QStringLiteral("--output needs a file name, got an empty one")
                                    : QStringLiteral("--output is required (see --help)"));
        return InvalidInput;
    }
    const QString dt = p.value(dtypeOpt).toUpper();
    if (dt != QLatin1String("F16") && dt != QLatin1String("F32")) {
        printErr(QStringLiteral("--dtype must be F16 or F32"));
        return InvalidInput;
    }
    bool seedOk = false;
    const uint64_t seed = p.value(seedOpt).toULongLong(&seedOk);
    if (!seedOk) {
        printErr(QStringLiteral("--seed must be a non-negative integer"));
        return InvalidInput;
    }
    const CancelScope cancelScope(&installCancelHandlers());  // Ctrl-C reaches every loop below
    return guarded([&] {
        const std::string out = p.value(outputOpt).toStdString();
        targetForPath(out);
        const ModelConfig c = demoConfig(params);
        printOut(QStringLiteral("demo model: dim %1, hidden %2, %3 layers, %4 heads (%5 KV), vocab %6, %7 embeddings\n")
                     .arg(c.dim).arg(c.hiddenDim).arg(c.nLayers).arg(c.nHeads).arg(c.nKvHeads).arg(c.vocabSize)
                     .arg(c.tiedEmbeddings ? QStringLiteral("tied") : QStringLiteral("separate output")));
        ExportOptions eo;
        const ExportResult r = writeDemoModel(params, dt == QLatin1String("F16") ? GgmlType::F16 : GgmlType::F32, seed, out, eo);
        printOut(QStringLiteral("wrote %1: %2 MB in %3 s\n")
                     .arg(shown(out))
                     .arg(double(r.bytesWritten) / 1e6, 0, 'f', 1)
                     .arg(r.seconds, 0, 'f', 2));
        return int(Ok);
    });
}

}  // namespace qs::cli
