// quantscope-cli imatrix MODEL --output FILE.gguf [--text FILE | --tokens FILE | --sample N --seed S]
//                        [--window N]: the importance matrix of a calibration stream (the mean squared
// input of every weight matrix per column, as compare --imatrix computes it) written as llama.cpp's
// GGUF imatrix, for llama-quantize --imatrix or quantscope-cli quantize --imatrix-file.
#include "app/cli/cancel.h"
#include "app/cli/cli.h"
#include "core/eval/eval_setup.h"
#include "core/eval/evaluation.h"
#include "core/eval/imatrix_file.h"
#include "core/model/model.h"
#include "core/tokenizer/tokenizer.h"
#include "core/util/error.h"
#include "core/util/parallel.h"

#include <QCommandLineParser>
#include <QFileInfo>

namespace qs::cli {

int cmdImatrix(const QStringList& args)
{
    QCommandLineParser p;
    const QCommandLineOption outputOpt(QStringLiteral("output"), QStringLiteral("The imatrix file to write (GGUF)."),
                                       QStringLiteral("FILE"));
    const QCommandLineOption textOpt(QStringLiteral("text"),
                                     QStringLiteral("Calibrate on a UTF-8 text file (the model's own tokenizer)."),
                                     QStringLiteral("FILE"));
    const QCommandLineOption tokensOpt(QStringLiteral("tokens"), QStringLiteral("Calibrate on token ids ({\"tokens\": [...]})."),
                                       QStringLiteral("FILE"));
    const QCommandLineOption sampleOpt(QStringLiteral("sample"),
                                       QStringLiteral("Calibrate on N tokens sampled from the model (default %1).").arg(kDefaultCalibSample),
                                       QStringLiteral("N"), QString::number(kDefaultCalibSample));
    const QCommandLineOption seedOpt(QStringLiteral("seed"), QStringLiteral("Seed of the sampled stream (default %1).").arg(kDefaultCalibSeed),
                                     QStringLiteral("S"), QString::number(kDefaultCalibSeed));
    const QCommandLineOption windowOpt(QStringLiteral("window"),
                                       QStringLiteral("Tokens per window (default: the context length, at most 4096)."),
                                       QStringLiteral("N"), QStringLiteral("0"));
    p.addOptions({outputOpt, textOpt, tokensOpt, sampleOpt, seedOpt, windowOpt});
    p.addPositionalArgument(QStringLiteral("MODEL"), QStringLiteral("A llama-family model (GGUF, safetensors folder, llama2.c)."));
    if (int rc = parseArgs(p, args, "Importance matrix of a calibration stream, as llama.cpp's GGUF imatrix.", 1, 1); rc >= 0)
        return rc;
    if (!p.isSet(outputOpt)) {
        printErr(QStringLiteral("--output is required (see --help)"));
        return InvalidInput;
    }
    const CancelScope cancelScope(&installCancelHandlers());  // Ctrl-C reaches the forward passes
    return guarded([&] {
        if (int(p.isSet(textOpt)) + int(p.isSet(tokensOpt)) + int(p.isSet(sampleOpt)) > 1)
            invalidInput({}, "--text, --tokens and --sample exclude each other");
        bool okW = false;
        const int requested = p.value(windowOpt).toInt(&okW);
        if (!okW || requested < 0 || requested == 1)
            invalidInput({}, "--window expects 0 (the context length) or at least 2 tokens");
        const std::string out = p.value(outputOpt).toStdString();
        const auto model = openModel(p.positionalArguments().at(0).toStdString());
        const LlamaWeights w = LlamaWeights::fromModel(*model);
        const int window = evaluationWindow(w, requested);
        std::vector<int32_t> tokens;
        std::string dataset;
        if (p.isSet(textOpt)) {
            const auto tok = loadTokenizer(*model);
            tokens = tok->encode(readTextFile(p.value(textOpt).toStdString()), tok->addBos());
            dataset = QFileInfo(p.value(textOpt)).fileName().toStdString();
        } else if (p.isSet(tokensOpt)) {
            tokens = loadTokenFile(p.value(tokensOpt).toStdString(), w.config.vocabSize);
            dataset = QFileInfo(p.value(tokensOpt)).fileName().toStdString();
        } else {
            bool okN = false, okS = false;
            const int n = p.value(sampleOpt).toInt(&okN);
            const qulonglong seed = p.value(seedOpt).toULongLong(&okS);
            if (!okN || n < 1 || n > (1 << 20) || !okS)
                invalidInput({}, "--sample expects 1 .. 1048576 tokens and --seed an unsigned integer");
            tokens = sampleTokens(w, n, seed, window, 1);
            dataset = "sampled: " + std::to_string(n) + " tokens, seed " + std::to_string(seed);
        }
        for (int32_t t : tokens)
            if (t < 0 || t >= w.config.vocabSize)
                invalidInput({}, "token " + std::to_string(t) + " is outside the model's vocabulary of " +
                                     std::to_string(w.config.vocabSize));
        if (tokens.size() < 2)
            invalidInput({}, "the calibration stream has " + std::to_string(tokens.size()) + " tokens; it needs at least 2");
        const ActivationStats stats = collectImportance(w, tokens, window);
        const int64_t chunks = (int64_t(tokens.size()) + window - 1) / window;
        const int n = saveImatrixGguf(stats, w.matrixNames(), out, dataset, chunks, window);
        printOut(QStringLiteral("wrote %1: %2 matrices, %3 tokens in %4 windows of %5\n")
                     .arg(shown(out))
                     .arg(n)
                     .arg(tokens.size())
                     .arg(chunks)
                     .arg(window));
        return int(Ok);
    });
}

}  // namespace qs::cli
