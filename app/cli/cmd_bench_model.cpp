// quantscope-cli bench-model MODEL [--types T1,T2,...] [--threads N] [--activations llama|float]
//                             [--repetitions N] [--json]
// Speed of the forward pass on the model's stored weights (the source in its own dtype) and on
// each type's quantized bytes, as llama-bench measures it: decode tokens/s (tg: 128 tokens after
// a 16-token prompt) and prompt tokens/s (pp: one 512-token batch); the machine's memory read
// bandwidth, measured once, and the fraction of the memory-bound decode ceiling each reaches.
#include "app/cli/cancel.h"
#include "app/cli/cli.h"
#include "core/eval/eval_setup.h"
#include "core/eval/evaluation.h"
#include "core/eval/speed.h"
#include "core/model/model.h"
#include "core/plan/plan.h"
#include "core/util/error.h"
#include "core/util/parallel.h"

#include <QCommandLineParser>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>


namespace qs::cli {

int cmdBenchModel(const QStringList& args)
{
    QCommandLineParser p;
    const QCommandLineOption typesOpt(QStringLiteral("types"),
                                      QStringLiteral("Comma-separated formats and presets to measure besides the source, "
                                                     "e.g. Q8_0,Q4_0,Q4_K_M."),
                                      QStringLiteral("T1,T2,..."));
    const QCommandLineOption actOpt(QStringLiteral("activations"),
                                    QStringLiteral("llama (default: activations in each format's vec-dot type, as "
                                                   "llama.cpp runs) or float."),
                                    QStringLiteral("MODE"), QStringLiteral("llama"));
    const QCommandLineOption repsOpt(QStringLiteral("repetitions"),
                                     QStringLiteral("Best of N runs of each measurement (default 1)."), QStringLiteral("N"),
                                     QStringLiteral("1"));
    const QCommandLineOption jsonOpt(QStringLiteral("json"), QStringLiteral("Print one JSON object."));
    p.addOptions({typesOpt, actOpt, repsOpt, jsonOpt});  // --threads: every command has it (parseArgs)
    p.addPositionalArgument(QStringLiteral("MODEL"), QStringLiteral("GGUF, llama2.c .bin, .safetensors or Hugging Face folder."));
    if (int rc = parseArgs(p, args,
                           "Decode (tg128 after a 16-token prompt) and prompt (pp512) tokens/s of the model in its own "
                           "dtype and at each type, the memory read bandwidth and the fraction of the memory-bound "
                           "decode ceiling reached.",
                           1, 1);
        rc >= 0)
        return rc;
    const CancelScope cancelScope(&installCancelHandlers());  // Ctrl-C reaches every loop below
    return guarded([&] {
        std::vector<std::string> types;
        for (const QString& t : p.value(typesOpt).split(QLatin1Char(','), Qt::SkipEmptyParts))
            types.push_back(t.trimmed().toStdString());
        const auto mode = activationModeFromName(p.value(actOpt).toStdString());
        if (!mode)
            invalidInput("", "--activations expects llama or float, got '" + p.value(actOpt).toStdString() + "'");
        for (const std::string& t : types)
            if (!isKnownType(t))
                invalidInput("", "unknown type '" + t + "' (see quantscope-cli formats)");
        bool repsOk = false;
        const int reps = p.value(repsOpt).toInt(&repsOk);
        if (!repsOk || reps < 1 || reps > 100)
            invalidInput("", "--repetitions: expected a number from 1 to 100, got '" + p.value(repsOpt).toStdString() + "'");
        const bool json = p.isSet(jsonOpt);

        const auto model = openModel(p.positionalArguments().at(0).toStdString());
        const LlamaWeights source = LlamaWeights::fromModel(*model);
        const double bandwidth = measureReadBandwidth(0);  // once, before the models
        SpeedOptions so;
        so.mode = *mode;
        so.repetitions = reps;

        struct Row {
            std::string type;
            uint64_t bytes;
            SpeedResult s;
        };
        std::vector<Row> rows;
        auto report = [&](const Row& r) {
            if (json)
                return;
            if (rows.size() == 1)
                printOut(QStringLiteral("model: %1\nthreads: %2, memory read bandwidth %3 GB/s, activations %4\n%5 %6 %7 %8 %9 %10\n")
                             .arg(QString::fromStdString(model->path))
                             .arg(maxThreads())
                             .arg(bandwidth, 0, 'f', 1)
                             .arg(QString::fromLatin1(activationModeName(*mode)))
                             .arg("type", -10).arg("size MB", 10).arg("tg t/s", 9).arg("pp t/s", 9)
                             .arg("speed x", 8).arg("ceiling", 8));
            printOut(QStringLiteral("%1 %2 %3 %4 %5 %6\n")
                         .arg(QString::fromStdString(r.type), -10)
                         .arg(double(r.bytes) / 1e6, 10, 'f', 1)
                         .arg(r.s.tgTokensPerS, 9, 'f', 2)
                         .arg(r.s.ppTokensPerS, 9, 'f', 2)
                         .arg(r.s.tgTokensPerS / rows.front().s.tgTokensPerS, 8, 'f', 2)
                         .arg(ceilingFraction(r.s.tgTokensPerS, r.s.bytesPerToken, bandwidth), 8, 'f', 2));
        };
        rows.push_back({storedType(source), source.sourceBytes(), measureSpeed(source, so)});
        report(rows.back());
        for (const std::string& t : types) {
            // One precision's bytes at a time: the quantized copy is freed before the next.
            const PlanSpec prec = precisionForPlan(*model, source, PlanSpec(t));
            const LlamaWeights q = applyPrecision(source, prec);
            rows.push_back({t, precisionBytes(source, prec), measureSpeed(q, so)});
            report(rows.back());
        }
        if (json) {
            QJsonArray results;
            for (const Row& r : rows)
                results.append(QJsonObject{
                    {"type", QString::fromStdString(r.type)},
                    {"size_bytes", qint64(r.bytes)},
                    {"tg_tokens_per_s", r.s.tgTokensPerS},
                    {"pp_tokens_per_s", r.s.ppTokensPerS},
                    {"speedup_vs_source", r.s.tgTokensPerS / rows.front().s.tgTokensPerS},
                    {"ceiling_fraction", ceilingFraction(r.s.tgTokensPerS, r.s.bytesPerToken, bandwidth)},
                });
            const QJsonObject o{{"model", QString::fromStdString(model->path)},
                                {"threads", maxThreads()},
                                {"bandwidth_gb_per_s", bandwidth},
                                {"results", results}};
            printOut(QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact)) + QLatin1Char('\n'));
        }
        return int(Ok);
    });
}

}  // namespace qs::cli
