// Evaluation on a text file (compare --eval --text): llama-perplexity's windows (chunks of the
// window length, BOS first when the model adds it, the second half scored), the perplexity those
// positions give, the stream as prepareEvaluation builds it from the model's tokenizer, the CLI, and
// bad input: no tokenizer, a placeholder vocabulary, a text shorter than one window, an empty file.
#include "core/eval/eval_setup.h"
#include "core/eval/evaluation.h"
#include "core/model/model.h"
#include "core/tokenizer/tokenizer.h"
#include "core/util/error.h"
#include "tests/support/fixtures.h"
#include "tests/support/tiny_llama.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>

using namespace qs;

namespace {

using test::writeFile;

QString errorOf(const std::function<void()>& f)
{
    try {
        f();
    } catch (const Error& e) {
        return QString::fromStdString(e.what());
    }
    return {};
}

}  // namespace

class TestEvalText : public QObject {
    Q_OBJECT
    QTemporaryDir tmp;
    QString model, text;

private slots:
    void initTestCase()
    {
        QVERIFY(tmp.isValid());
        // A tiny Llama with the small SentencePiece test tokenizer, BOS added.
        model = tmp.filePath("tiny");
        test::TinyLlama t;
        t.vocabSize = 265;
        t.contextLength = 32;
        test::writeTinyLlama(model, t);
        writeFile(model + "/tokenizer.json", QJsonDocument(test::smallSentencePieceTokenizer()).toJson());
        writeFile(model + "/tokenizer_config.json", "{\"add_bos_token\": true, \"bos_token\": \"<s>\"}");
        text = tmp.filePath("text.txt");
        writeFile(text, QByteArray("ab ab c abba b a. ").repeated(6));
    }

    void windows()
    {
        std::vector<int32_t> t(10);
        for (int i = 0; i < 10; ++i)
            t[size_t(i)] = i;
        QCOMPARE(textWindows(t, 4, 99), (std::vector<std::vector<int32_t>>{{99, 1, 2, 3}, {99, 5, 6, 7}}));
        QCOMPARE(textWindows(t, 4, -1), (std::vector<std::vector<int32_t>>{{0, 1, 2, 3}, {4, 5, 6, 7}}));
        QVERIFY(textWindows(t, 11, 1).empty());
    }

    // Scored from the middle: the perplexity is that of exactly those positions.
    void secondHalfScored()
    {
        const LlamaWeights w = LlamaWeights::fromModel(*openModel(test::stories("stories260K-f32.gguf").toStdString()));
        const auto tokens = loadTokenFile(test::stories("eval-tokens.json").toStdString(), w.config.vocabSize);
        const auto win = textWindows(tokens, 64, 1);
        QCOMPARE(win.size(), size_t(2));
        const Evaluator ev(w, win, 32);
        QCOMPARE(ev.positions(), qint64(2 * (64 - 32 - 1)));
        double nll = 0;
        for (const auto& wnd : win) {
            const RowMatrix logits = llamaLogits(w, wnd);
            for (int t = 32; t + 1 < 64; ++t) {
                const float* l = logits.data() + int64_t(t) * logits.cols();
                double mx = -INFINITY, sum = 0;
                for (int64_t j = 0; j < logits.cols(); ++j)
                    mx = std::max(mx, double(l[j]));
                for (int64_t j = 0; j < logits.cols(); ++j)
                    sum += std::exp(double(l[j]) - mx);
                nll -= double(l[wnd[size_t(t + 1)]]) - mx - std::log(sum);
            }
        }
        QVERIFY(std::abs(ev.pplReference() - std::exp(nll / double(ev.positions()))) < 1e-9 * ev.pplReference());
        const AccuracyMetrics same = ev.evaluate(w);
        QCOMPARE(same.kldMean, 0.0);
        QCOMPARE(same.top1Agreement, 1.0);
        QCOMPARE(same.positions, ev.positions());
        // Scoring every position gives another number: the option is not ignored.
        QVERIFY(std::abs(Evaluator(w, win, 0).pplReference() - ev.pplReference()) > 1e-3);
    }

    void streamFromText()
    {
        const auto m = openModel(model.toStdString());
        EvalStreamOptions o;
        o.textFile = text.toStdString();
        o.window = 16;
        const auto s = prepareEvaluation(*m, o);
        const auto tok = loadTokenizer(*m);
        std::vector<int32_t> expected = tok->encode(readTextFile(text.toStdString()));
        QCOMPARE(expected.front(), 1);  // BOS
        QCOMPARE(s->tokens, expected);
        const size_t chunks = expected.size() / 16;
        QVERIFY(chunks >= 3);
        QCOMPARE(s->evaluator->windows().size(), chunks);
        for (size_t k = 0; k < chunks; ++k) {
            QCOMPARE(s->evaluator->windows()[k].front(), 1);
            QVERIFY(std::equal(expected.begin() + ptrdiff_t(16 * k + 1), expected.begin() + ptrdiff_t(16 * k + 16),
                               s->evaluator->windows()[k].begin() + 1));
        }
        QCOMPARE(s->evaluator->positions(), qint64(chunks * (16 - 8 - 1)));
        QCOMPARE(s->stream.value("text_file").toString(), text);
        QCOMPARE(s->stream.value("windows").toInteger(), qint64(chunks));
        QCOMPARE(s->stream.value("scored_from").toInt(), 8);
        QCOMPARE(s->stream.value("positions").toInteger(), s->evaluator->positions());
        // The default window is the context length (32).
        o.window = 0;
        QCOMPARE(prepareEvaluation(*m, o)->evaluator->positions(), qint64((expected.size() / 32) * (32 - 16 - 1)));
    }

    // Calibration on a text file (--calib-text, the window's "Calibrate on Text File…"): the
    // importance matrix is the one of the tokenized text; the same file as the evaluation text, a
    // token file beside it, or a model without a tokenizer are refused; the CLI takes it.
    void calibrationFromText()
    {
        const auto m = openModel(model.toStdString());
        const QString calib = tmp.filePath("calib.txt");
        writeFile(calib, QByteArray("c ba abc a b. b ab ac. ").repeated(5));
        EvalStreamOptions o;
        o.sample = 24;
        o.window = 16;
        o.imatrix = true;
        o.calibTextFile = calib.toStdString();
        const auto s = prepareEvaluation(*m, o);
        const auto tok = loadTokenizer(*m);
        const std::vector<int32_t> expected = tok->encode(readTextFile(calib.toStdString()));
        QCOMPARE(s->calibration.textTokens, expected);
        QCOMPARE(textCalibrationTokens(*m, 265, calib.toStdString()), expected);
        QVERIFY(s->imatrix.has_value());
        const ActivationStats direct = collectImportance(*s->weights, expected, 16);
        const std::string name = s->weights->matrixNames().front();
        QCOMPARE(s->imatrix->importance(name), direct.importance(name));
        QCOMPARE(s->stream.value("calibration_text_file").toString(), calib);
        // refused: the evaluation text itself, both calibration files, a model without a tokenizer
        EvalStreamOptions same = o;
        same.textFile = calib.toStdString();
        QVERIFY(errorOf([&] { prepareEvaluation(*m, same); }).contains("must differ from the evaluation stream"));
        EvalStreamOptions both = o;
        both.calibTokensFile = test::stories("eval-tokens.json").toStdString();
        QVERIFY(errorOf([&] { prepareEvaluation(*m, both); }).contains("not both"));
        const auto stories = openModel(test::stories("stories260K-f32.gguf").toStdString());
        QVERIFY(errorOf([&] { prepareEvaluation(*stories, o); }).contains("no real tokenizer"));
        // the CLI: compare --imatrix --calib-text
        QByteArray out, err;
        QCOMPARE(test::runCli({"compare", model, "--types", "Q4_0", "--eval", "--sample", "24", "--window", "16",
                               "--imatrix", "--calib-text", calib, "--json"},
                              &out, &err),
                 0);
        const QJsonObject row = QJsonDocument::fromJson(out).object().value("results").toArray().at(0).toObject();
        QCOMPARE(row.value("imatrix_kld_mean").toDouble(),
                 s->evaluator->evaluate(applyPrecision(*s->weights, precisionForPlan(*m, *s->weights, PlanSpec("Q4_0")),
                                                       &*s->imatrix))
                     .kldMean);
        QCOMPARE(test::runCli({"compare", model, "--types", "Q4_0", "--eval", "--imatrix", "--calib-text", calib,
                               "--calib-tokens", test::stories("eval-tokens.json")},
                              &out, &err),
                 2);
        QVERIFY2(err.contains("--calib-tokens and --calib-text exclude each other"), err.constData());
    }

    void badInput_data()
    {
        QTest::addColumn<QString>("modelPath");
        QTest::addColumn<QString>("textPath");
        QTest::addColumn<QString>("message");
        QTest::newRow("too short") << "@tiny" << "@tmp/short.txt" << "@tmp/short.txt: the text is 2 tokens, fewer than one window of 16";
        QTest::newRow("empty") << "@tiny" << "@tmp/empty.txt" << "@tmp/empty.txt: the text file is empty";
        QTest::newRow("binary") << "@tiny" << "@tmp/binary.bin" << "@tmp/binary.bin: not a text file";
        QTest::newRow("placeholder") << "@stories/stories260K-f32.gguf" << "@tmp/text.txt" << "placeholder";
        QTest::newRow("llama2.c") << "@stories/stories260K.bin" << "@tmp/text.txt" << "carries no tokenizer";
        QTest::newRow("no tokenizer.json") << "@stories" << "@tmp/text.txt" << "no tokenizer.json beside it";
    }
    void badInput()
    {
        QFETCH(QString, modelPath);
        QFETCH(QString, textPath);
        QFETCH(QString, message);
        writeFile(tmp.filePath("short.txt"), "ab");
        writeFile(tmp.filePath("empty.txt"), {});
        writeFile(tmp.filePath("binary.bin"), QByteArray("\x7f" "ELF\0\0", 6));
        auto expand = [&](QString s) {
            return s.replace("@tiny", model).replace("@tmp", tmp.path()).replace("@stories", test::stories("").chopped(1));
        };
        const auto m = openModel(expand(modelPath).toStdString());
        EvalStreamOptions o;
        o.textFile = expand(textPath).toStdString();
        o.window = 16;
        const QString e = errorOf([&] { prepareEvaluation(*m, o); });
        QVERIFY2(e.contains(expand(message)), qPrintable(e));
    }

    void cli()
    {
        QByteArray out, err;
        QCOMPARE(test::runCli({"compare", model, "--types", "Q8_0", "--eval", "--text", text, "--window", "16", "--json"},
                              &out, &err),
                 0);
        const QJsonObject row = QJsonDocument::fromJson(out).object().value("results").toArray().at(0).toObject();
        const auto m = openModel(model.toStdString());
        EvalStreamOptions o;
        o.textFile = text.toStdString();
        o.window = 16;
        const auto s = prepareEvaluation(*m, o);
        QCOMPARE(row.value("eval_positions").toInteger(), s->evaluator->positions());
        QCOMPARE(row.value("ppl_reference").toDouble(), s->evaluator->pplReference());
        QVERIFY(row.value("ppl").toDouble() > 1);
        // One stream at a time; errors name the file.
        QCOMPARE(test::runCli({"compare", model, "--types", "Q8_0", "--eval", "--text", text, "--sample", "9"}, &out, &err), 2);
        QVERIFY2(err.contains("--tokens, --text and --sample exclude each other"), err.constData());
        QCOMPARE(test::runCli({"compare", test::stories("stories260K-f32.gguf"), "--types", "Q8_0", "--eval", "--text", text},
                              &out, &err),
                 2);
        QVERIFY2(err.contains("stories260K-f32.gguf: the model has no real tokenizer") && err.count('\n') == 1, err.constData());
    }
};

QTEST_GUILESS_MAIN(TestEvalText)
#include "test_eval_text.moc"
