// quantscope-cli compare MODEL --types T1,T2,... [--pure] [--json|--csv]
#include "app/cli/cancel.h"
#include "core/util/parallel.h"
#include "app/cli/cli.h"
#include "app/cli/eval_cli.h"
#include "core/analysis/compare.h"
#include "core/util/csv.h"
#include "core/util/error.h"
#include "core/model/model.h"

#include <QCommandLineParser>
#include <QJsonArray>
#include <QJsonDocument>

#include <cmath>

namespace qs::cli {

namespace {
// The columns of the text and CSV output, in order (JSON has these and more); the window's
// table export uses the same names (ui/tradeoff_table_model.cpp).
const char* const kColumns[] = {"type", "bits_per_weight", "size_bytes", "rmse", "sqnr_db", "max_abs_error",
                                "p99_abs_error", "cosine", "seconds"};
// With --eval; with --imatrix and --error-feedback also their three columns.
const char* const kEvalColumns[] = {"kld_mean", "kld_p99", "top1_agreement", "ppl", "ppl_reference"};
const char* const kImatrixColumns[] = {"imatrix_kld_mean", "imatrix_top1_agreement", "imatrix_ppl"};
// output_error / ef_output_error: the layers' relative output error on the evaluation stream's inputs.
const char* const kEfColumns[] = {"ef_kld_mean", "ef_top1_agreement", "ef_ppl", "output_error", "ef_output_error"};

QString cell(const QJsonValue& v, bool csv)
{
    if (v.isString())
        return v.toString();
    if (v.isUndefined())  // e.g. ef_* for a type error feedback cannot write
        return csv ? QString() : QStringLiteral("-");
    if (v.isNull())
        return csv ? QString() : QStringLiteral("inf");
    const double d = v.toDouble();
    if (d == std::floor(d) && std::fabs(d) < 1e15)
        return QString::number(qint64(d));
    return QString::number(d, 'g', csv ? 9 : 5);
}
}  // namespace

int cmdCompare(const QStringList& args)
{
    QCommandLineParser p;
    const QCommandLineOption typesOpt(QStringLiteral("types"),
                                      QStringLiteral("Comma-separated formats and presets, e.g. Q8_0,Q4_K_M,INT4_SYM_G32,NF4."),
                                      QStringLiteral("T1,T2,..."));
    const QCommandLineOption pureOpt(QStringLiteral("pure"), QStringLiteral("Presets apply one type to every eligible tensor."));
    const QCommandLineOption overrideOpt(QStringLiteral("override"), QStringLiteral("REGEX=TYPE for matching tensors (repeatable)."),
                                         QStringLiteral("REGEX=TYPE"));
    const QCommandLineOption jsonOpt(QStringLiteral("json"), QStringLiteral("Print one JSON object."));
    const QCommandLineOption csvOpt(QStringLiteral("csv"), QStringLiteral("Print CSV."));
    p.addOptions({typesOpt, pureOpt, overrideOpt, jsonOpt, csvOpt});
    const QCommandLineOption evalOpt(QStringLiteral("eval"),
                                     QStringLiteral("Also run the model: KL divergence, top-1 agreement and perplexity per type."));
    const QCommandLineOption sensOpt(QStringLiteral("sensitivity"),
                                     QStringLiteral("With --eval: KL per tensor when only that tensor is quantized, ranked."));
    p.addOptions({evalOpt, sensOpt});
    const EvalOptions eo;
    eo.addTo(p);
    p.addPositionalArgument(QStringLiteral("MODEL"), QStringLiteral("GGUF, llama2.c .bin, .safetensors or Hugging Face folder."));
    if (int rc = parseArgs(p, args, "Model-wide quantization error per type over the eligible (2-D weight) tensors.", 1, 1);
        rc >= 0)
        return rc;
    if (!p.isSet(typesOpt)) {
        printErr(QStringLiteral("--types is required (see --help)"));
        return InvalidInput;
    }
    if (p.isSet(jsonOpt) && p.isSet(csvOpt)) {
        printErr(QStringLiteral("--json and --csv exclude each other"));
        return InvalidInput;
    }
    const CancelScope cancelScope(&installCancelHandlers());  // Ctrl-C reaches every loop below
    return guarded([&] {
        std::vector<std::string> types;
        for (const QString& t : p.value(typesOpt).split(QLatin1Char(','), Qt::SkipEmptyParts))
            types.push_back(t.trimmed().toStdString());
        CompareOptions co;
        co.plan.pure = p.isSet(pureOpt);
        for (const QString& o : p.values(overrideOpt))
            co.plan.overrides.push_back(o.toStdString());
        noteInput(p.positionalArguments().at(0));
        const auto model = openModel(p.positionalArguments().at(0).toStdString());
        CompareResult r = compareModel(*model, types, co);
        const bool eval = p.isSet(evalOpt) || p.isSet(sensOpt);
        if (eval)
            addEvaluation(r, *model, types, co.plan, *prepareEval(*model, p, eo, /*outputError=*/true), p.isSet(sensOpt));
        const QJsonObject j = toJson(r);
        if (p.isSet(jsonOpt)) {
            printOut(QString::fromUtf8(QJsonDocument(j).toJson(QJsonDocument::Compact)) + QLatin1Char('\n'));
            return int(Ok);
        }
        const bool csv = p.isSet(csvOpt);
        QStringList lines;
        QStringList head;
        std::vector<const char*> columns(std::begin(kColumns), std::end(kColumns));
        if (eval) {
            columns.insert(columns.end(), std::begin(kEvalColumns), std::end(kEvalColumns));
            if (p.isSet(eo.imatrix) || p.isSet(eo.imatrixFile))
                columns.insert(columns.end(), std::begin(kImatrixColumns), std::end(kImatrixColumns));
            if (p.isSet(eo.errorFeedback))
                columns.insert(columns.end(), std::begin(kEfColumns), std::end(kEfColumns));
        }
        for (const char* c : columns)
            head << QString::fromLatin1(c);
        std::vector<QStringList> table{head};
        for (const QJsonValue& row : j.value(QStringLiteral("results")).toArray()) {
            QStringList cells;
            for (const char* c : columns)
                cells << cell(row.toObject().value(QLatin1String(c)), csv);
            table.push_back(cells);
        }
        QString out;
        if (csv) {
            for (const auto& row : table)
                out += csvLine(row);
        } else {
            std::vector<int> width(columns.size(), 0);
            for (const auto& row : table)
                for (size_t i = 0; i < width.size(); ++i)
                    width[i] = std::max(width[i], int(row[int(i)].size()));
            out += QStringLiteral("model: %1\n").arg(shown(r.model));
            for (const auto& row : table) {
                QString line;
                for (size_t i = 0; i < width.size(); ++i)
                    line += (i ? row[int(i)].rightJustified(width[i] + 2) : row[int(i)].leftJustified(width[i]));
                out += line + QLatin1Char('\n');
            }
        }
        if (!csv)
            out += sensitivityText(r, 10);
        printOut(out);
        return int(Ok);
    });
}

}  // namespace qs::cli
