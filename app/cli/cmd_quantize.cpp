// quantscope-cli quantize MODEL --type TYPE|PRESET [--pure] [--override REGEX=TYPE]... --output OUT
//                         [--error-feedback [--calib-sample N] [--calib-seed S] [--calib-tokens FILE]]
//                         [--imatrix-file FILE]
// Presets llama.cpp refuses without an importance matrix (IQ1_*, IQ2_*, IQ3_XXS/XS, Q2_K_S) get one
// calibrated on a sampled stream (--calib-sample/--calib-seed/--calib-tokens) when no file is given.
#include "app/cli/cancel.h"
#include "app/cli/cli.h"
#include "core/eval/eval_setup.h"
#include "core/eval/evaluation.h"
#include "core/eval/imatrix_file.h"
#include "core/util/atomic_file.h"
#include "core/util/error.h"
#include "core/util/strings.h"
#include "core/util/parallel.h"
#include "core/export/export.h"
#include "core/formats/format.h"
#include "core/model/model.h"
#include "core/plan/plan.h"

#include <QCommandLineParser>
#include <QElapsedTimer>

#include <atomic>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <optional>

namespace qs::cli {

int cmdQuantize(const QStringList& args)
{
    QCommandLineParser p;
    QString presets;
    for (const auto& name : presetNames())
        presets += (presets.isEmpty() ? QString() : QStringLiteral(", ")) + QString::fromStdString(name);
    const QCommandLineOption typeOpt(QStringLiteral("type"),
                                     QStringLiteral("A format (Q4_K, Q8_0, NF4, INT4_SYM_G32, ...) or a llama.cpp preset "
                                                    "(%1).").arg(presets),
                                     QStringLiteral("TYPE"));
    const QCommandLineOption pureOpt(QStringLiteral("pure"), QStringLiteral("One type for every eligible tensor (no preset mixture)."));
    const QCommandLineOption overrideOpt(QStringLiteral("override"),
                                         QStringLiteral("Type for tensors whose name matches REGEX (repeatable; first match wins)."),
                                         QStringLiteral("REGEX=TYPE"));
    const QCommandLineOption outputOpt(QStringLiteral("output"),
                                       QStringLiteral("OUT.gguf (quantized, llama.cpp loads it) or OUT.safetensors "
                                                      "(fake-quant: dequantized values)."),
                                       QStringLiteral("FILE"));
    const QCommandLineOption dryOpt(QStringLiteral("dry-run"), QStringLiteral("Print the plan, write nothing."));
    const QCommandLineOption efOpt(QStringLiteral("error-feedback"),
                                   QStringLiteral("Error-feedback rounding (GPTQ-style): each weight matrix is quantized so "
                                                  "its output on a calibration stream changes least (llama-family models; GGUF "
                                                  "block formats, as ordinary llama.cpp blocks, or the INT/NF4 family, as "
                                                  "fake-quant safetensors)."));
    const QCommandLineOption calibTokensOpt(QStringLiteral("calib-tokens"),
                                            QStringLiteral("Calibration token ids for --error-feedback or a calibrated "
                                                           "importance matrix (default: sampled)."),
                                            QStringLiteral("FILE"));
    const QCommandLineOption calibTextOpt(QStringLiteral("calib-text"),
                                          QStringLiteral("Calibrate on a UTF-8 text file instead (the model's own tokenizer)."),
                                          QStringLiteral("FILE"));
    const QCommandLineOption calibSampleOpt(QStringLiteral("calib-sample"),
                                            QStringLiteral("Calibration tokens to sample, as 8 sequences decoded together (default %1).")
                                                .arg(kDefaultCalibSample),
                                            QStringLiteral("N"), QString::number(kDefaultCalibSample));
    const QCommandLineOption calibSeedOpt(QStringLiteral("calib-seed"),
                                          QStringLiteral("Seed of the sampled calibration stream (default %1).").arg(kDefaultCalibSeed),
                                          QStringLiteral("S"), QString::number(kDefaultCalibSeed));
    const QCommandLineOption imatrixFileOpt(QStringLiteral("imatrix-file"),
                                            QStringLiteral("Weight each column's rounding error by a llama.cpp importance matrix "
                                                           "(llama-imatrix's GGUF or .dat), as llama-quantize --imatrix does."),
                                            QStringLiteral("FILE"));
    p.addOptions({typeOpt, pureOpt, overrideOpt, outputOpt, dryOpt, efOpt, calibTokensOpt, calibTextOpt, calibSampleOpt,
                  calibSeedOpt, imatrixFileOpt});
    p.addPositionalArgument(QStringLiteral("MODEL"), QStringLiteral("GGUF, llama2.c .bin, .safetensors or Hugging Face folder."));
    if (int rc = parseArgs(p, args, "Quantize a whole model and export it (atomic write).", 1, 1); rc >= 0)
        return rc;
    if (!p.isSet(typeOpt)) {
        printErr(QStringLiteral("--type is required (see --help)"));
        return InvalidInput;
    }
    if (!p.isSet(outputOpt) && !p.isSet(dryOpt)) {
        printErr(QStringLiteral("--output is required (see --help)"));
        return InvalidInput;
    }
    if (p.isSet(outputOpt) && p.value(outputOpt).isEmpty()) {
        printErr(QStringLiteral("--output needs a file name (.gguf or .safetensors), got an empty one"));
        return InvalidInput;
    }
    const CancelScope cancelScope(&installCancelHandlers());  // Ctrl-C reaches every loop below
    return guarded([&] {
        const std::string out = p.value(outputOpt).toStdString();
        PlanSpec po;
        po.type = p.value(typeOpt).toStdString();
        po.pure = p.isSet(pureOpt);
        for (const QString& o : p.values(overrideOpt))
            po.overrides.push_back(o.toStdString());
        po.target = out.empty() ? PlanTarget::Gguf : targetForPath(out);
        po.importance = p.isSet(imatrixFileOpt);
        noteInput(p.positionalArguments().at(0));
        const auto model = openModel(p.positionalArguments().at(0).toStdString());
        if (!out.empty()) {
            checkOutputIsNotInput(*model, out);
            checkOutputPath(out);
        }
        const QuantPlan plan = buildPlan(*model, po);

        QString head = QStringLiteral("model: %1 (%2, %3 tensors, %4 parameters)\n")
                           .arg(shown(model->path), shown(model->format))
                           .arg(model->tensors.size())
                           .arg(model->nParams());
        head += QStringLiteral("plan: %1%2 -> %3, %4 of %5 tensors quantized, %6 fallback(s), %7 bits/weight\n")
                    .arg(QString::fromStdString(plan.type))
                    .arg(plan.preset ? QStringLiteral(" (llama.cpp preset)") : plan.pure ? QStringLiteral(" (pure)") : QString())
                    .arg(po.target == PlanTarget::Gguf ? QStringLiteral("GGUF") : QStringLiteral("fake-quant safetensors"))
                    .arg(plan.eligibleCount())
                    .arg(plan.entries.size())
                    .arg(plan.fallbacks())
                    .arg(plan.eligibleParams() ? 8.0 * double(plan.eligibleBytes()) / double(plan.eligibleParams()) : 0.0,
                         0, 'f', 3);
        // Where the importance matrix comes from (some preset rules depend on having one).
        bool okN = false, okS = false;
        const int calibSample = p.value(calibSampleOpt).toInt(&okN);
        const qulonglong calibSeed = p.value(calibSeedOpt).toULongLong(&okS);
        if (!okN || calibSample < 1 || calibSample > (1 << 20) || !okS)
            invalidInput({}, "--calib-sample expects 1 .. 1048576 tokens and --calib-seed an unsigned integer");
        if (p.isSet(calibTokensOpt) && p.isSet(calibTextOpt))
            invalidInput({}, "--calib-tokens and --calib-text exclude each other");
        const QString calibSource =
            p.isSet(calibTokensOpt) ? QStringLiteral("the tokens of %1").arg(shown(p.value(calibTokensOpt).toStdString()))
            : p.isSet(calibTextOpt) ? QStringLiteral("the text of %1").arg(shown(p.value(calibTextOpt).toStdString()))
                                    : QStringLiteral("%1 sampled tokens (seed %2)").arg(calibSample).arg(calibSeed);
        if (p.isSet(imatrixFileOpt))
            head += QStringLiteral("importance: from %1\n").arg(shown(p.value(imatrixFileOpt).toStdString()));
        else if (plan.importanceCalibrated)
            head += QStringLiteral("importance: calibrated from %1 (llama.cpp requires an importance matrix for this plan; "
                                   "--imatrix-file to give one)\n")
                        .arg(calibSource);
        printOut(head + QString::fromStdString(plan.table()));
        for (const auto& w : plan.warnings)
            printErr(QStringLiteral("warning: ") + QString::fromStdString(w));
        for (const PlanEntry& e : plan.entries)
            if (e.eligible && !findFormat(e.format)) {
                const QString msg = QStringLiteral("%1 (tensor %2) is not available in this build: the plan cannot be written")
                                        .arg(QString::fromStdString(e.format), shown(e.outputName));
                if (p.isSet(outputOpt))
                    invalidInput({}, msg.toStdString());
                printErr(QStringLiteral("warning: ") + msg);
                break;
            }
        if (!p.isSet(outputOpt))
            return int(Ok);

        ExportOptions eo;
        std::optional<ImatrixFile> imatrixFile;
        if (p.isSet(imatrixFileOpt)) {
            if (p.isSet(efOpt))
                invalidInput({}, "--imatrix-file and --error-feedback exclude each other (error feedback calibrates its own)");
            imatrixFile = loadImatrixFile(p.value(imatrixFileOpt).toStdString());
            std::vector<std::pair<std::string, int64_t>> matrices;
            int covered = 0, eligible = 0;
            for (const PlanEntry& e : plan.entries)
                if (e.eligible && !e.ggufName.empty()) {
                    matrices.emplace_back(e.ggufName, e.cols());
                    ++eligible;
                    covered += imatrixFile->stats.importance(e.ggufName).empty() ? 0 : 1;
                }
            const int unknown = checkImatrixFile(*imatrixFile, matrices);
            printErr(QStringLiteral("imatrix: %1 entries from %2 (%3 chunks%4); %5 of %6 quantized tensors covered%7\n")
                         .arg(imatrixFile->names.size())
                         .arg(shown(p.value(imatrixFileOpt).toStdString()))
                         .arg(imatrixFile->chunks)
                         .arg(imatrixFile->datasets.empty() ? QString()
                                                            : QStringLiteral(", dataset %1").arg(QString::fromStdString(imatrixFile->datasets.front())))
                         .arg(covered)
                         .arg(eligible)
                         .arg(unknown ? QStringLiteral("; %1 entries name no tensor of the model (ignored)").arg(unknown) : QString()));
            eo.importance = [&f = *imatrixFile](const PlanEntry& e) { return f.stats.importance(e.ggufName); };
        }
        std::optional<ActivationStats> calibration;
        std::optional<LlamaWeights> efWeights;  // the model as error feedback rounds it (kept for the export)
        if (p.isSet(efOpt) || plan.importanceCalibrated) {
            std::optional<LlamaWeights> w;
            try {
                w = LlamaWeights::fromModel(*model);
            } catch (const Error& e) {
                if (p.isSet(efOpt))
                    throw;
                invalidInput({}, std::string("llama.cpp requires an importance matrix for this plan and none can be "
                                             "calibrated here (") + e.what() + "); give one with --imatrix-file");
            }
            const char* what = p.isSet(efOpt) ? "error feedback" : "importance";
            // As the window's export calibrates (a text file as compare --calib-text tokenizes it;
            // the sampled sequences' statistics collected while they are decoded).
            const CalibrationChoice choice{p.value(calibTokensOpt).toStdString(), p.value(calibTextOpt).toStdString(),
                                           calibSample, calibSeed};
            if (choice.tokensFile.empty() && choice.textFile.empty())
                std::fprintf(stderr, "%s: calibrating on %d tokens sampled as %d sequences\n", what, calibSample,
                             calibrationSequenceCount(*w, calibSample));
            else
                std::fprintf(stderr, "%s: calibrating on %s\n", what, qPrintable(calibSource));
            calibration = calibrationStats(*model, *w, choice);
            if (p.isSet(efOpt)) {
                efWeights = applyErrorFeedback(*w, precisionFromPlan(*w, plan), *calibration, [](int done, int layers) {
                    std::fprintf(stderr, "error feedback: layer %d/%d rounded\n", done, layers);
                    std::fflush(stderr);
                });
                if (po.target == PlanTarget::Gguf)
                    eo.quantizeTensor = errorFeedbackExporter(*efWeights);
                else  // fake-quant safetensors: the values it evaluated, in the source's layout
                    eo.replaceFloats = errorFeedbackFakeQuant(*model, *efWeights);
            }
            if (plan.importanceCalibrated)
                eo.importance = [&c = *calibration](const PlanEntry& e) { return c.importance(e.ggufName); };
        }
        QElapsedTimer lastPrint;  // the first tensor is reported at once, then at most twice a second
        eo.progress = [&](const ExportProgress& pr) {
            if (pr.done != pr.total && lastPrint.isValid() && lastPrint.elapsed() < 500)
                return;
            lastPrint.start();
            std::fprintf(stderr, "progress: %d/%d tensors, %.1f%% of %.1f MB read, %s\n", pr.done, pr.total,
                         pr.bytesTotal ? 100.0 * double(pr.bytesRead) / double(pr.bytesTotal) : 100.0,
                         double(pr.bytesTotal) / 1e6, printable(pr.tensor).c_str());
            std::fflush(stderr);
            // A test hook (tests/app/cli/test_cli_hostile.cpp): stop after the first line, so a
            // test can kill the run or change its input mid-export however fast the machine is.
            static std::atomic<bool> paused{false};
            if (std::getenv("QS_TEST_STOP_AFTER_FIRST_PROGRESS") && !paused.exchange(true))
                std::raise(SIGSTOP);
        };
        const ExportResult r = exportModel(*model, plan, out, eo);
        for (const auto& w : r.warnings)
            printErr(QStringLiteral("warning: ") + QString::fromStdString(w));
        printOut(QStringLiteral("wrote %1: %2 MB in %3 s (%4 MB/s of source read)\n")
                     .arg(shown(out))
                     .arg(double(r.bytesWritten) / 1e6, 0, 'f', 1)
                     .arg(r.seconds, 0, 'f', 2)
                     .arg(r.seconds > 0 ? double(r.sourceBytesRead) / 1e6 / r.seconds : 0.0, 0, 'f', 1));
        return int(Ok);
    });
}

}  // namespace qs::cli
