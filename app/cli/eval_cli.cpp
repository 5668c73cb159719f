#include "app/cli/eval_cli.h"

#include "app/cli/cli.h"

#include "core/util/error.h"
#include "core/plan/plan.h"

namespace qs::cli {

namespace {

int64_t intOption(const QCommandLineParser& p, const QCommandLineOption& o, int64_t lo, int64_t hi)
{
    bool ok = false;
    const QString v = p.value(o);
    const qlonglong n = v.toLongLong(&ok);
    if (!ok || n < lo || n > hi)
        invalidInput({}, "--" + o.names().front().toStdString() + " expects an integer in [" + std::to_string(lo) +
                             ", " + std::to_string(hi) + "], got '" + v.toStdString() + "'");
    return n;
}

}  // namespace

std::unique_ptr<EvalSetup> prepareEval(const Model& m, const QCommandLineParser& p, const EvalOptions& o, bool outputError)
{
    // Option syntax and combinations here (messages name the options); the stream, the
    // reference logits and the importance matrix in core (prepareEvaluation, shared with the GUI).
    EvalStreamOptions so;
    const auto mode = activationModeFromName(p.value(o.activations).toStdString());
    if (!mode)
        invalidInput({}, "--activations expects llama or float, got '" + p.value(o.activations).toStdString() + "'");
    so.activations = *mode;
    so.window = int(intOption(p, o.window, 0, 1 << 20));
    if (so.window == 1)
        invalidInput({}, "--window must be at least 2");
    if (int(p.isSet(o.tokens)) + int(p.isSet(o.text)) + int(p.isSet(o.sample)) > 1)
        invalidInput({}, "--tokens, --text and --sample exclude each other");
    if (p.isSet(o.text)) {
        so.textFile = p.value(o.text).toStdString();
    } else if (p.isSet(o.tokens)) {
        so.tokensFile = p.value(o.tokens).toStdString();
    } else {
        so.sample = int(intOption(p, o.sample, 1, 1 << 20));
        so.seed = uint64_t(intOption(p, o.seed, 0, INT64_MAX));
    }
    if (p.isSet(o.imatrixFile)) {
        if (p.isSet(o.imatrix))
            invalidInput({}, "--imatrix and --imatrix-file exclude each other (calibrate one, or read one)");
        so.imatrixFile = p.value(o.imatrixFile).toStdString();
        so.imatrix = true;
    }
    // The calibration stream: for --imatrix / --error-feedback, and for presets llama.cpp refuses
    // without an importance matrix (calibrated when one is evaluated).
    if (p.isSet(o.calibTokens) && p.isSet(o.calibText))
        invalidInput({}, "--calib-tokens and --calib-text exclude each other");
    const bool sampledCalibration = !p.isSet(o.calibTokens) && !p.isSet(o.calibText);
    if (p.isSet(o.calibTokens))
        so.calibTokensFile = p.value(o.calibTokens).toStdString();
    else if (p.isSet(o.calibText))
        so.calibTextFile = p.value(o.calibText).toStdString();
    else {
        so.calibSample = int(intOption(p, o.calibSample, 1, 1 << 20));
        so.calibSeed = uint64_t(intOption(p, o.calibSeed, 0, INT64_MAX));
    }
    if (p.isSet(o.imatrix) || p.isSet(o.errorFeedback)) {
        so.imatrix = p.isSet(o.imatrix) || p.isSet(o.imatrixFile);
        so.errorFeedback = p.isSet(o.errorFeedback);
        so.outputError = outputError;
        if (sampledCalibration && !p.isSet(o.tokens) && !p.isSet(o.text) &&
            so.calibSeed == uint64_t(intOption(p, o.seed, 0, INT64_MAX)))
            invalidInput({}, "--calib-seed must differ from --seed (calibrate on another stream)");
    }
    auto s = prepareEvaluation(m, so);
    for (const auto& w : s->warnings)
        printErr(QStringLiteral("note: ") + QString::fromStdString(w));
    return s;
}

void addMetrics(QJsonObject& o, const AccuracyMetrics& m, const QString& prefix)
{
    o.insert(prefix + "kld_mean", m.kldMean);
    o.insert(prefix + "kld_p99", m.kldP99);
    o.insert(prefix + "kld_max", m.kldMax);
    o.insert(prefix + "top1_agreement", m.top1Agreement);
    o.insert(prefix + "ppl", m.ppl);
    o.insert(prefix + "ppl_reference", m.pplReference);
    o.insert(prefix + "ppl_delta", m.pplDelta());
    o.insert(prefix + "ppl_ratio", m.pplRatio());
}

QJsonArray sensitivityJson(const std::vector<Sensitivity>& s)
{
    QJsonArray a;
    for (const auto& e : s)
        a.append(QJsonObject{{"name", QString::fromStdString(e.name)},
                             {"kld_mean", e.kldMean},
                             {"top1_agreement", e.top1Agreement},
                             {"bytes_saved", qint64(e.bytesSaved)}});
    return a;
}

std::vector<const Format*> parseFormatList(const QString& list)
{
    std::vector<const Format*> out;
    for (const QString& n : list.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        const Format* f = findFormat(n.trimmed().toStdString());
        if (!f)
            invalidInput({}, "unknown format '" + n.trimmed().toStdString() + "' (see quantscope-cli formats)");
        out.push_back(f);
    }
    if (out.empty())
        invalidInput({}, "no formats given");
    return out;
}

void addEvaluation(CompareResult& r, const Model& m, const std::vector<std::string>& types, const PlanSpec& plan,
                   const EvalSetup& s, bool withSensitivity)
{
    const ActivationStats* im = s.imatrix ? &*s.imatrix : nullptr;
    for (size_t i = 0; i < r.rows.size() && i < types.size(); ++i) {
        PlanSpec typePlan = plan;
        typePlan.type = types[i];
        const TypeAccuracy a = evaluateType(m, s, typePlan);
        QJsonObject& x = r.rows[i].extra;
        addMetrics(x, a.plain);
        if (a.plainWithImportance)  // a preset llama.cpp refuses without one: evaluated as exported
            x.insert(QStringLiteral("importance"),
                     s.imatrix ? QStringLiteral("given") : QStringLiteral("calibrated"));
        if (a.imatrix)
            addMetrics(x, *a.imatrix, QStringLiteral("imatrix_"));
        if (a.errorFeedback)
            addMetrics(x, *a.errorFeedback, QStringLiteral("ef_"));
        if (a.plainOutputError && a.errorFeedbackOutputError) {
            x.insert(QStringLiteral("output_error"), *a.plainOutputError);
            x.insert(QStringLiteral("ef_output_error"), *a.errorFeedbackOutputError);
        }
        x.insert(QStringLiteral("eval_positions"), qint64(s.evaluator->positions()));
        if (withSensitivity)
            x.insert(QStringLiteral("sensitivity"),
                     sensitivityJson(sensitivity(*s.evaluator, precisionForPlan(m, *s.weights, typePlan), false, im)));
    }
}

QString sensitivityText(const CompareResult& r, int n)
{
    QString out;
    for (const auto& row : r.rows) {
        const QJsonArray a = row.extra.value(QStringLiteral("sensitivity")).toArray();
        if (a.isEmpty())
            continue;
        out += QStringLiteral("sensitivity at %1 (KL with only this tensor quantized):\n")
                   .arg(QString::fromStdString(row.type));
        for (qsizetype k = 0; k < a.size() && k < n; ++k)
            out += QStringLiteral("  %1 %2\n")
                       .arg(a.at(k).toObject().value(QStringLiteral("name")).toString(), -28)
                       .arg(a.at(k).toObject().value(QStringLiteral("kld_mean")).toDouble(), 0, 'g', 4);
    }
    return out;
}

}  // namespace qs::cli
