#pragma once
// Options shared by the subcommands that evaluate a model's accuracy (compare --eval,
// plan-for-size): which token stream, which calibration stream for the importance matrix.
#include "core/analysis/compare.h"
#include "core/eval/eval_setup.h"
#include "core/eval/evaluation.h"
#include "core/model/model.h"

#include <QCommandLineOption>
#include <QCommandLineParser>
#include <QJsonArray>
#include <QJsonObject>

#include <memory>
#include <optional>

namespace qs::cli {

struct EvalOptions {
    QCommandLineOption tokens{QStringLiteral("tokens"),
                              QStringLiteral("Evaluate on the token ids of FILE ({\"tokens\": [...]})."),
                              QStringLiteral("FILE")};
    QCommandLineOption text{QStringLiteral("text"),
                            QStringLiteral("Evaluate on a UTF-8 text file, tokenized with the model's own tokenizer, in windows "
                                           "as llama-perplexity scores them (second half of each window)."),
                            QStringLiteral("FILE")};
    QCommandLineOption sample{QStringLiteral("sample"),
                              QStringLiteral("Evaluate on N tokens sampled from the model (default %1).").arg(kDefaultEvalSample),
                              QStringLiteral("N"), QString::number(kDefaultEvalSample)};
    QCommandLineOption seed{QStringLiteral("seed"), QStringLiteral("Seed of the sampled evaluation stream (default %1).").arg(kDefaultEvalSeed),
                            QStringLiteral("S"), QString::number(kDefaultEvalSeed)};
    QCommandLineOption window{QStringLiteral("window"),
                              QStringLiteral("Window length in tokens (default: the model's context length)."),
                              QStringLiteral("N"), QStringLiteral("0")};
    QCommandLineOption imatrix{QStringLiteral("imatrix"),
                               QStringLiteral("Also quantize with an importance matrix from a calibration stream.")};
    QCommandLineOption imatrixFile{QStringLiteral("imatrix-file"),
                                   QStringLiteral("Also quantize with the importance matrix of a llama.cpp imatrix file "
                                                  "(llama-imatrix's GGUF or .dat) instead of calibrating one."),
                                   QStringLiteral("FILE")};
    QCommandLineOption errorFeedback{QStringLiteral("error-feedback"),
                                     QStringLiteral("Also quantize with error-feedback rounding (GPTQ-style) calibrated on a "
                                                    "calibration stream: rows' ef_* columns.")};
    QCommandLineOption calibTokens{QStringLiteral("calib-tokens"),
                                   QStringLiteral("Calibration token ids for --imatrix / --error-feedback (default: sampled)."),
                                   QStringLiteral("FILE")};
    QCommandLineOption calibText{QStringLiteral("calib-text"),
                                 QStringLiteral("Calibrate on a UTF-8 text file instead (the model's own tokenizer; "
                                                "another file than --text)."),
                                 QStringLiteral("FILE")};
    QCommandLineOption calibSample{QStringLiteral("calib-sample"),
                                   QStringLiteral("Calibration tokens to sample for --imatrix / --error-feedback, as 8 "
                                                  "sequences decoded together (default %1).")
                                       .arg(kDefaultCalibSample),
                                   QStringLiteral("N"), QString::number(kDefaultCalibSample)};
    QCommandLineOption calibSeed{QStringLiteral("calib-seed"),
                                 QStringLiteral("Seed of the sampled calibration stream (default %1; must differ from --seed).").arg(kDefaultCalibSeed),
                                 QStringLiteral("S"), QString::number(kDefaultCalibSeed)};

    QCommandLineOption activations{
        QStringLiteral("activations"),
        QStringLiteral("How activations meet the weights: llama (default: quantized to each format's vec-dot type, "
                       "as llama.cpp runs the exported file) or float (weights-only error)."),
        QStringLiteral("MODE"), QStringLiteral("llama")};

    void addTo(QCommandLineParser& p) const
    {
        p.addOptions({tokens, text, sample, seed, window, imatrix, imatrixFile, errorFeedback, calibTokens, calibText, calibSample, calibSeed,
                      activations});
    }
};

// The reference model, its evaluation stream and cached logits, and the importance matrix when
// asked for (core/eval_setup.h, shared with the GUI). Throws qs::Error for bad options or input.
using qs::EvalSetup;

// The calling thread's qs::CancelScope (the command's, on SIGINT/SIGTERM) stops it with
// qs::Error(Cancelled). Notes about the stream (a window capped below the context length) go to
// stderr.
// outputError: with --error-feedback also the layers' output error per type (compare).
std::unique_ptr<EvalSetup> prepareEval(const Model& m, const QCommandLineParser& p, const EvalOptions& o,
                                       bool outputError = false);

// compare --eval: adds the accuracy of every type (as its plan quantizes the model: presets,
// fallbacks, --pure, overrides) to each row's extra columns: kld_mean, kld_p99, top1_agreement,
// ppl, ppl_reference (and imatrix_* with an importance matrix, ef_* with error feedback;
// "sensitivity" when asked).
// `plan`: --pure and the overrides; its type is each of `types` in turn.
void addEvaluation(CompareResult& r, const Model& m, const std::vector<std::string>& types, const PlanSpec& plan,
                   const EvalSetup& s, bool withSensitivity);
// Text lines for the sensitivity rankings of compare's rows (top `n` per type).
QString sensitivityText(const CompareResult& r, int n);

// {"kld_mean", "kld_p99", "top1_agreement", "ppl", "ppl_reference", ...} added to a result.
void addMetrics(QJsonObject& o, const AccuracyMetrics& m, const QString& prefix = {});
QJsonArray sensitivityJson(const std::vector<Sensitivity>& s);
// Parses a comma-separated list of format names; throws InvalidInput naming an unknown one.
std::vector<const Format*> parseFormatList(const QString& list);

}  // namespace qs::cli
