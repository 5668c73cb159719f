// Model-level accuracy on stories260K: KL, top-1, perplexity; sampling; importance matrix;
// per-tensor sensitivity; mixed precision for a size target.
#include "core/util/error.h"
#include "core/util/parallel.h"
#include "core/eval/eval_setup.h"
#include "core/export/demo_model.h"
#include "core/eval/evaluation.h"
#include "core/eval/imatrix_file.h"
#include "core/model/gguf_writer.h"
#include "core/formats/format.h"
#include "core/model/model.h"
#include "core/plan/plan.h"
#include "tests/support/fixtures.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>
#include <cstring>
#include <map>

using namespace qs;

namespace {

const LlamaWeights& stories()
{
    static const LlamaWeights w = LlamaWeights::fromModel(*openModel(test::stories("stories260K-f32.gguf").toStdString()));
    return w;
}

const std::vector<int32_t>& evalTokens()
{
    static const auto t = loadTokenFile(test::stories("eval-tokens.json").toStdString(), stories().config.vocabSize);
    return t;
}

// Weights-only accuracy (float activations): the numbers of the quantize-dequantize round trip.
const Evaluator& evaluator()
{
    static const Evaluator ev(stories(), evalTokens());
    return ev;
}

// llama.cpp's accuracy (activations in each format's vec-dot type): what prepareEvaluation, the
// CLI and the GUI use by default.
const Evaluator& llamaEvaluator()
{
    static const Evaluator ev(stories(), evalTokens(), 0, kDefaultReferenceCacheBytes, ActMode::Llama);
    return ev;
}

// Calibration stream: sampled from the reference with a seed of its own (not the evaluation stream).
const std::vector<int32_t>& calibrationTokens()
{
    static const auto t = sampleTokens(stories(), 1024, 7, 256);
    return t;
}

const ActivationStats& imatrix()
{
    static const ActivationStats s = collectImportance(stories(), calibrationTokens(), 256);
    return s;
}

const Format& fmt(const char* name)
{
    const Format* f = findFormat(name);
    if (!f)
        qFatal("format %s is not registered", name);
    return *f;
}

AccuracyMetrics evalUniform(const char* name, const ActivationStats* im = nullptr)
{
    return evaluator().evaluate(uniformPrecision(stories(), fmt(name)), im);
}

// llama.cpp's imatrix layouts written from an ActivationStats (core/eval/imatrix_file.h): the
// .dat with its values times ncall, the GGUF with in_sum2 = mean x count and counts.
QByteArray datImatrix(const ActivationStats& st, const std::vector<std::string>& names, int32_t ncall)
{
    QByteArray b;
    auto i32 = [&](int32_t v) { b.append(reinterpret_cast<const char*>(&v), 4); };
    i32(int32_t(names.size()));
    for (const std::string& n : names) {
        i32(int32_t(n.size()));
        b.append(n.data(), qsizetype(n.size()));
        const std::vector<float> m = st.importance(n);
        i32(ncall);
        i32(int32_t(m.size()));
        for (float v : m) {
            const float x = v * float(ncall);
            b.append(reinterpret_cast<const char*>(&x), 4);
        }
    }
    i32(4);  // chunk count, dataset
    i32(9);
    b.append("calib.txt", 9);
    return b;
}

QByteArray ggufImatrix(const ActivationStats& st, const std::vector<std::string>& names, float count)
{
    GgufLayout g;
    g.setMeta("general.type", MetaValue::ofString("imatrix"));
    g.setMeta("imatrix.datasets", MetaValue::ofArray(MetaType::String, {MetaValue::ofString("calib.txt")}));
    g.setMeta("imatrix.chunk_count", MetaValue::ofU32(4));
    g.setMeta("imatrix.chunk_size", MetaValue::ofU32(256));
    std::vector<std::vector<float>> data;
    for (const std::string& n : names) {
        std::vector<float> m = st.importance(n);
        for (float& v : m)
            v *= count;
        g.addTensor(n + ".in_sum2", {1, int64_t(m.size())}, GgmlType::F32);
        g.addTensor(n + ".counts", {1, 1}, GgmlType::F32);
        data.push_back(std::move(m));
        data.push_back({count});
    }
    const std::vector<std::byte> h = g.header();
    QByteArray b(reinterpret_cast<const char*>(h.data()), qsizetype(h.size()));
    b.resize(qsizetype(g.fileSize()), '\0');
    for (size_t i = 0; i < data.size(); ++i)
        std::memcpy(b.data() + g.tensorOffset(i), data[i].data(), data[i].size() * 4);
    return b;
}

using test::writeFile;

}  // namespace

class TestEvaluation : public QObject {
    Q_OBJECT
private slots:
    void referenceAgainstItself()
    {
        const AccuracyMetrics m = evaluator().evaluate(stories());
        QCOMPARE(m.positions, int64_t(128));
        QCOMPARE(m.kldMean, 0.0);
        QCOMPARE(m.kldP99, 0.0);
        QCOMPARE(m.top1Agreement, 1.0);
        QCOMPARE(m.ppl, m.pplReference);
        QVERIFY(std::abs(m.pplReference - 12.79) < 0.01);  // the fixture's README
    }

    void floatPrecisions()
    {
        const AccuracyMetrics f32 = evalUniform("F32");
        const AccuracyMetrics f16 = evalUniform("F16");
        const AccuracyMetrics bf16 = evalUniform("BF16");
        QCOMPARE(f32.kldMean, 0.0);
        qDebug("KL F16 %.3g BF16 %.3g", f16.kldMean, bf16.kldMean);
        QVERIFY(f16.kldMean > 0 && f16.kldMean < 1e-4);
        QVERIFY(bf16.kldMean > f16.kldMean);
        QVERIFY(f16.kldP99 >= f16.kldMean && f16.kldMax >= f16.kldP99);
        // Sizes: every matrix at 2 bytes, the norms as read (F32).
        const PlanSpec p = uniformPrecision(stories(), fmt("F16"));
        uint64_t expect = 0;
        for (const auto& t : stories().tensors)
            expect += uint64_t(t.numel()) * (t.isMatrix() ? 2 : 4);
        QCOMPARE(precisionBytes(stories(), p), expect);
    }

    void klOrdersLegacyFormats()
    {
        const AccuracyMetrics q8 = evalUniform("Q8_0"), q5 = evalUniform("Q5_0"), q4 = evalUniform("Q4_0");
        qDebug("KL Q8_0 %.3g  Q5_0 %.3g  Q4_0 %.3g; top-1 %.3f %.3f %.3f", q8.kldMean, q5.kldMean, q4.kldMean,
               q8.top1Agreement, q5.top1Agreement, q4.top1Agreement);
        QVERIFY(q8.kldMean > 0);
        QVERIFY(q8.kldMean < q5.kldMean);
        QVERIFY(q5.kldMean < q4.kldMean);
        QVERIFY(q8.top1Agreement > q4.top1Agreement);
        QVERIFY(q8.top1Agreement > 0.8);
        QVERIFY(q4.top1Agreement > 0.1);  // a tiny model suffers at 4 bits, but far above chance (1/512)
        QVERIFY(std::abs(q8.pplRatio() - 1) < 0.05);
        QVERIFY(q4.pplRatio() > q5.pplRatio());
    }

    void importanceLowersKl()
    {
        for (const char* name : {"Q4_0"}) {
            const PlanSpec p = uniformPrecision(stories(), fmt(name));
            QVERIFY(!p.tensors.empty());
            const double plain = evaluator().evaluate(p).kldMean;
            const double weighted = evaluator().evaluate(p, &imatrix()).kldMean;
            qDebug("%s KL %.4g -> %.4g with the importance matrix", name, plain, weighted);
            QVERIFY2(weighted < plain, name);
        }
    }

    void importanceMatrixShape()
    {
        const ActivationStats& s = imatrix();
        for (const auto& name : stories().matrixNames()) {
            const auto imp = s.importance(name);
            QCOMPARE(int64_t(imp.size()), stories().get(name).cols);
            QCOMPARE(s.tokens(name), int64_t(calibrationTokens().size()));
            for (float v : imp)
                QVERIFY(v >= 0 && std::isfinite(v));
        }
        // q, k and v read the same normalised input.
        QCOMPARE(s.importance("blk.2.attn_q.weight"), s.importance("blk.2.attn_v.weight"));
        QVERIFY(s.importance("blk.2.attn_q.weight") != s.importance("blk.2.ffn_gate.weight"));
    }

    void sampling()
    {
        const auto a = sampleTokens(stories(), 300, 42, 128);
        const auto b = sampleTokens(stories(), 300, 42, 128);
        const auto c = sampleTokens(stories(), 300, 43, 128);
        QCOMPARE(a, b);
        QVERIFY(a != c);
        // Windows of 128: BOS + 127 sampled, three windows for 300 tokens.
        QCOMPARE(a.size(), size_t(303));
        QCOMPARE(a[0], 1);
        QCOMPARE(a[128], 1);
        QCOMPARE(a[256], 1);
        const auto wins = splitWindows(a, 128);
        QCOMPARE(wins.size(), size_t(3));
        QCOMPARE(wins[2].size(), size_t(47));
        // The model's own samples are likely under it: perplexity well below the vocabulary size.
        const Evaluator ev(stories(), a, 128);
        QCOMPARE(ev.positions(), int64_t(300));
        QVERIFY(ev.pplReference() > 1 && ev.pplReference() < 40);
    }

    // Several sequences in one session, in lockstep (each with its own key/value cache): the same
    // logits as a session of its own per sequence (float mode; batched products round differently).
    void multiSequenceSessionMatchesSeparateSessions()
    {
        const LlamaWeights& w = stories();
        const int S = 3, steps = 6;
        std::vector<std::vector<int32_t>> seqs(S);
        for (int i = 0; i < S; ++i)
            for (int t = 0; t < steps + 2; ++t)
                seqs[size_t(i)].push_back(t == 0 ? 1 : int32_t((37 * i + 11 * t + 5) % w.config.vocabSize));
        auto close = [](const RowMatrix& a, const RowMatrix& b) {
            return a.rows() == b.rows() && a.cols() == b.cols() &&
                   (a - b).cwiseAbs().maxCoeff() <= 1e-4f * (1.0f + b.cwiseAbs().maxCoeff());
        };
        LlamaSession multi(w, steps + 4, ActMode::Float, S);
        QCOMPARE(multi.sequences(), S);
        std::vector<LlamaSession> single;
        for (int i = 0; i < S; ++i)
            single.emplace_back(w, steps + 4, ActMode::Float);
        // A prompt of two tokens per sequence, then one token each per step (decode).
        std::vector<int32_t> prompt;
        for (int i = 0; i < S; ++i)
            prompt.insert(prompt.end(), seqs[size_t(i)].begin(), seqs[size_t(i)].begin() + 2);
        const RowMatrix mp = multi.eval(prompt);
        QCOMPARE(mp.rows(), int64_t(2 * S));
        for (int i = 0; i < S; ++i) {
            const RowMatrix sp = single[size_t(i)].eval(std::span<const int32_t>(seqs[size_t(i)].data(), 2));
            QVERIFY2(close(mp.middleRows(2 * i, 2), sp), qPrintable(QStringLiteral("prompt of sequence %1").arg(i)));
        }
        for (int t = 2; t < steps + 2; ++t) {
            std::vector<int32_t> step;
            for (int i = 0; i < S; ++i)
                step.push_back(seqs[size_t(i)][size_t(t)]);
            const RowMatrix m = multi.eval(step);
            QCOMPARE(m.rows(), int64_t(S));
            for (int i = 0; i < S; ++i) {
                const RowMatrix one = single[size_t(i)].eval(std::span<const int32_t>(&step[size_t(i)], 1));
                QVERIFY2(close(m.middleRows(i, 1), one), qPrintable(QStringLiteral("sequence %1, position %2").arg(i).arg(t)));
            }
        }
        QCOMPARE(multi.position(), steps + 2);
        // lastOnly: one row per sequence, each its sequence's last.
        LlamaSession a(w, 4, ActMode::Float, 2), b(w, 4, ActMode::Float, 2);
        const std::vector<int32_t> two = {1, 5, 9, 1, 7, 3};
        const RowMatrix all = a.eval(two), last = b.eval(two, nullptr, true);
        QCOMPARE(last.rows(), int64_t(2));
        QVERIFY(close(last.row(0), all.row(2)) && close(last.row(1), all.row(5)));
        // Tokens that do not split evenly over the sequences are refused.
        QVERIFY_THROWS_EXCEPTION(Error, a.eval(std::vector<int32_t>{1, 2, 3}));
    }

    // The sampled calibration stream: eight sequences decoded together, deterministic, the
    // requested count, each a window starting with BOS; its statistics collected while decoding
    // are those of a forward pass over the windows.
    void calibrationSampling()
    {
        const LlamaWeights& w = stories();
        const auto a = sampleCalibrationWindows(w, 300, 42);
        QCOMPARE(a, sampleCalibrationWindows(w, 300, 42));
        QVERIFY(a != sampleCalibrationWindows(w, 300, 43));
        QCOMPARE(a.size(), size_t(kCalibrationSequences));
        QCOMPARE(calibrationSequenceCount(w, 300), kCalibrationSequences);
        size_t sampled = 0;
        for (size_t i = 0; i < a.size(); ++i) {
            QCOMPARE(a[i].front(), 1);
            QCOMPARE(a[i].size(), size_t(1 + 300 / 8 + (i < 300 % 8 ? 1 : 0)));  // 38 then 37 sampled
            sampled += a[i].size() - 1;
        }
        QCOMPARE(sampled, size_t(300));
        // Not the same thread count: the same stream.
        {
            const int threads = maxThreads();
            setMaxThreads(1);
            const auto one = sampleCalibrationWindows(w, 300, 42);
            setMaxThreads(threads);
            QCOMPARE(one, a);
        }
        // Fewer tokens than sequences: one token each; windows of 16 tokens: more sequences.
        const auto few = sampleCalibrationWindows(w, 3, 5);
        QCOMPARE(few.size(), size_t(3));
        for (const auto& s : few)
            QCOMPARE(s.size(), size_t(2));
        const auto many = sampleCalibrationWindows(w, 100, 5, 16);
        QCOMPARE(many.size(), size_t(8));  // 100 / 15 -> 7, at least 8
        const auto more = sampleCalibrationWindows(w, 200, 5, 16);
        QCOMPARE(more.size(), size_t(14));  // ceil(200 / 15), decoded 8 then 6 at a time
        size_t n = 0;
        for (const auto& s : more) {
            QVERIFY(s.size() <= 16);
            n += s.size() - 1;
        }
        QCOMPARE(n, size_t(200));
        // Statistics while decoding = statistics of the windows afterwards.
        ActivationStats during;
        during.collectMoments(true);
        const auto wins = sampleCalibrationWindows(w, 300, 42, 0, 1, &during);
        QCOMPARE(wins, a);
        const ActivationStats after = collectImportance(w, wins, true);
        size_t tokens = 0;
        for (const auto& s : wins)
            tokens += s.size();
        for (const std::string& name : w.matrixNames()) {
            if (name == "token_embd.weight" && w.find("output.weight"))
                continue;
            QCOMPARE(during.tokens(name), int64_t(tokens));
            const auto i1 = during.importance(name), i2 = after.importance(name);
            QCOMPARE(i1.size(), i2.size());
            for (size_t j = 0; j < i1.size(); ++j)
                QVERIFY(std::fabs(i1[j] - i2[j]) <= 1e-4f * (1e-3f + std::fabs(i2[j])));
            const auto m1 = during.moments(name), m2 = after.moments(name);
            QVERIFY(m1 && m2);
            QCOMPARE(m1->tokens, m2->tokens);
            // Each entry against the scale of its row's and column's diagonal (Cauchy-Schwarz bound).
            const int64_t k = m2->n;
            double worst = 0;
            for (int64_t r = 0; r < k; ++r)
                for (int64_t c = 0; c < k; ++c) {
                    const double scale = std::sqrt(m2->xtx[size_t(r * k + r)] * m2->xtx[size_t(c * k + c)]) + 1e-12;
                    worst = std::max(worst, std::fabs(m1->xtx[size_t(r * k + c)] - m2->xtx[size_t(r * k + c)]) / scale);
                }
            QVERIFY2(worst <= 1e-4, qPrintable(QStringLiteral("%1: %2").arg(QString::fromStdString(name)).arg(worst)));
        }
        QVERIFY_THROWS_EXCEPTION(Error, sampleCalibrationWindows(w, 0, 1));
    }

    // A preset llama.cpp refuses without an importance matrix is exported with a calibrated one, so
    // compare / the window evaluate it with that one (a calibration stream other than the
    // evaluation's, made once); other types stay plain.
    void presetsNeedingImportanceEvaluateWithIt()
    {
        ModelConfig c = demoConfig(1'000'000);
        c.dim = 256;
        c.nHeads = 4;
        c.nKvHeads = 2;
        c.hiddenDim = 256;
        c.nLayers = 2;
        c.vocabSize = 256;
        c.ropeDim = 64;
        c.contextLength = 64;
        const auto m = makeDemoModel(c, GgmlType::F32, 3);
        EvalStreamOptions o;
        o.sample = 48;
        o.calibSample = 48;
        const auto s = prepareEvaluation(*m, o);
        QVERIFY(!s->imatrix);
        bool required = false;
        const PlanSpec prec = precisionForPlan(*m, *s->weights, PlanSpec("IQ2_XXS"), &required);
        QVERIFY(required);
        const TypeAccuracy a = evaluateType(*m, *s, PlanSpec("IQ2_XXS"));
        QVERIFY(a.plainWithImportance);
        const ActivationStats& imp = s->calibratedImportance();
        QCOMPARE(&imp, &s->calibratedImportance());  // made once
        QCOMPARE(a.plain.kldMean, s->evaluator->evaluate(applyPrecision(*s->weights, prec, &imp)).kldMean);
        QVERIFY(a.plain.kldMean != s->evaluator->evaluate(applyPrecision(*s->weights, prec)).kldMean);
        QVERIFY(!evaluateType(*m, *s, PlanSpec("Q4_0")).plainWithImportance);
        PlanSpec pure("IQ2_XXS");
        pure.pure = true;
        QVERIFY(evaluateType(*m, *s, pure).plainWithImportance);  // as llama.cpp: every IQ2_XXS tensor needs one
    }

    // prepareEvaluation: the streams the CLI and the GUI evaluate on, its checks and its cancel.
    void preparedEvaluation()
    {
        const auto m = openModel(test::stories("stories260K-f32.gguf").toStdString());
        EvalStreamOptions o;
        o.tokensFile = test::stories("eval-tokens.json").toStdString();
        std::vector<std::pair<int, int>> steps;
        o.progress = [&](int done, int total) { steps.push_back({done, total}); };
        const auto s = prepareEvaluation(*m, o);
        QCOMPARE(s->tokens, evalTokens());
        QCOMPARE(s->evaluator->pplReference(), llamaEvaluator().pplReference());  // llama mode's reference
        QVERIFY(!s->imatrix);
        QCOMPARE(steps, (std::vector<std::pair<int, int>>{{1, 2}, {2, 2}}));
        // A type's accuracy through its plan: Q8_0 everywhere it fits on stories260K's rows.
        const TypeAccuracy q8 = evaluateType(*m, *s, PlanSpec("Q8_0"));
        const TypeAccuracy q4 = evaluateType(*m, *s, PlanSpec("Q4_0"));
        QVERIFY(!q8.imatrix);
        QVERIFY(q8.plain.kldMean < q4.plain.kldMean);
        QCOMPARE(q8.plain.kldMean, llamaEvaluator().evaluate(precisionForPlan(*m, stories(), PlanSpec("Q8_0"))).kldMean);
        // --activations float: the weights-only numbers.
        EvalStreamOptions fo = o;
        fo.activations = ActMode::Float;
        const auto sf = prepareEvaluation(*m, fo);
        QCOMPARE(evaluateType(*m, *sf, PlanSpec("Q8_0")).plain.kldMean,
                 evaluator().evaluate(precisionForPlan(*m, stories(), PlanSpec("Q8_0"))).kldMean);
        // Sampled by default (the CLI's --sample/--seed defaults), calibration on another seed.
        EvalStreamOptions d;
        d.sample = 64;
        d.imatrix = true;
        d.calibSample = 64;
        const auto sd = prepareEvaluation(*m, d);
        QCOMPARE(sd->tokens, sampleTokens(stories(), 64, kDefaultEvalSeed));
        QVERIFY(sd->imatrix.has_value());
        QVERIFY(evaluateType(*m, *sd, PlanSpec("Q4_0")).imatrix.has_value());
        d.calibSeed = d.seed;
        QVERIFY_THROWS_EXCEPTION(Error, prepareEvaluation(*m, d));
        d.calibSeed = 5;
        d.window = 1;
        QVERIFY_THROWS_EXCEPTION(Error, prepareEvaluation(*m, d));
        // Cancel: the calling thread's cancelled scope stops sampling with ErrorKind::Cancelled.
        const Evaluator& ev = evaluator();  // made before the scope
        std::atomic<bool> cancel{true};
        const CancelScope scope(&cancel);
        d.window = 0;
        try {
            prepareEvaluation(*m, d);
            QFAIL("not cancelled");
        } catch (const Error& e) {
            QCOMPARE(e.kind(), ErrorKind::Cancelled);
        }
        QVERIFY_THROWS_EXCEPTION(Error, sampleTokens(stories(), 64, 1, 0, 1));
        QVERIFY_THROWS_EXCEPTION(Error, ev.evaluate(stories()));
    }

    // Cancel reaches the products: with one window (eval-tokens.json is 129 tokens, the context
    // 512), the only places to stop are inside the forward pass (a parallelFor chunk of a product
    // or of the attention); the evaluation stops at the next chunk, long before its end.
    void cancelInsideOneWindow()
    {
        QCOMPARE(evaluator().windows().size(), size_t(1));
        const PlanSpec p = uniformPrecision(stories(), fmt("Q4_0"));
        const LlamaWeights q = applyPrecision(stories(), p);
        std::atomic<int> chunks{0};  // asked from the pool threads too
        {
            const CancelScope count([&] { return ++chunks, false; });
            llamaEvaluator().evaluate(q);
        }
        QVERIFY2(chunks > 100, qPrintable(QString::number(chunks.load())));
        std::atomic<int> asked{0};
        try {
            const CancelScope outer([&] { return ++asked > 20; });
            llamaEvaluator().evaluate(q);
            QFAIL("not cancelled");
        } catch (const Error& e) {
            QCOMPARE(e.kind(), ErrorKind::Cancelled);
        }
        QVERIFY2(asked <= 21 + 2 * maxThreads(), qPrintable(QString::number(asked.load())));  // stopped at once
        // An inner scope's flag, set while the pass runs (from a product's chunk, by the outer scope).
        std::atomic<bool> flag{false};
        std::atomic<int> seen{0};
        try {
            const CancelScope trigger([&] {
                if (++seen == 30)
                    flag = true;
                return false;
            });
            const CancelScope inner(&flag);
            llamaEvaluator().evaluate(q);
            QFAIL("not cancelled");
        } catch (const Error& e) {
            QCOMPARE(e.kind(), ErrorKind::Cancelled);
        }
        QVERIFY(seen.load() < chunks.load() / 2);
    }

    void tokenFileErrors()
    {
        QTemporaryDir dir;
        const QString p = dir.filePath("t.json");
        auto expectError = [&](const QByteArray& body, const char* what) {
            writeFile(p, body);
            try {
                loadTokenFile(p.toStdString(), 512);
                QFAIL(what);
            } catch (const Error& e) {
                QCOMPARE(e.kind(), ErrorKind::InvalidInput);
                QVERIFY2(QString::fromUtf8(e.what()).contains(p), e.what());
            }
        };
        expectError("{\"tokens\": [1, 2, 512]}", "id beyond the vocabulary");
        expectError("{\"tokens\": [1, -2, 3]}", "negative id");
        expectError("{\"tokens\": [1, 2.5]}", "fraction");
        expectError("{\"tokens\": [1, \"a\"]}", "string");
        expectError("{\"tokens\": [1]}", "too short");
        expectError("{\"toks\": [1, 2]}", "no tokens key");
        expectError("{\"tokens\": [1, 2", "truncated JSON");
        QVERIFY_THROWS_EXCEPTION(Error, loadTokenFile(dir.filePath("missing.json").toStdString(), 512));
        writeFile(p, "{\"tokens\": [1, 5, 511]}");
        QCOMPARE(loadTokenFile(p.toStdString(), 512), (std::vector<int32_t>{1, 5, 511}));
    }

    void sensitivityRanking()
    {
        const auto s = sensitivity(evaluator(), fmt("BF16"));
        // Every matrix once, most sensitive first.
        QCOMPARE(s.size(), stories().matrixNames().size());
        for (size_t i = 1; i < s.size(); ++i)
            QVERIFY(s[i - 1].kldMean >= s[i].kldMean);
        QVERIFY(s.front().kldMean > 0);
        for (const auto& e : s)
            QVERIFY(e.bytesSaved > 0);
        // Per layer: five layers plus the embedding.
        const auto layers = sensitivity(evaluator(), fmt("BF16"), true);
        QCOMPARE(layers.size(), size_t(6));
        for (const auto& e : layers)
            QVERIFY(e.name == "token_embd.weight" || e.name.rfind("blk.", 0) == 0);
        // A layer hurts at least as much as its worst tensor alone, roughly.
        double worstInLayer0 = 0;
        for (const auto& e : s)
            if (e.name.rfind("blk.0.", 0) == 0)
                worstInLayer0 = std::max(worstInLayer0, e.kldMean);
        for (const auto& e : layers)
            if (e.name == "blk.0")
                QVERIFY(e.kldMean > 0.5 * worstInLayer0);
    }

    void planForSizeMeetsTarget()
    {
        const std::vector<const Format*> cands{&fmt("BF16"), &fmt("F32")};
        const LlamaWeights& w = stories();
        const uint64_t q4 = precisionBytes(w, uniformPrecision(w, fmt("BF16")));
        const uint64_t q8 = precisionBytes(w, uniformPrecision(w, fmt("F32")));
        const uint64_t target = (q4 + q8) / 2;
        const PlanSpec p = planForSize(evaluator(), target, cands);
        const uint64_t bytes = precisionBytes(w, p);
        QVERIFY(bytes <= target);
        QVERIFY(bytes > q4);
        const double kl = evaluator().evaluate(p).kldMean;
        QVERIFY(kl < evalUniform("BF16").kldMean);
        QVERIFY(kl > evalUniform("F32").kldMean);
        // bits per weight targets convert to bytes over all parameters.
        QCOMPARE(bytesForBitsPerWeight(w, 8.0), uint64_t(w.nParams()));
        QVERIFY_THROWS_EXCEPTION(Error, planForSize(evaluator(), q4 / 2, cands));
    }

    void planForSizeCli()
    {
        const QString model = test::stories("stories260K-f32.gguf");
        QByteArray out, err;
        const int rc = test::runCli({"plan-for-size", model, "--target-bpw", "24", "--types", "BF16,F32", "--sample",
                                     "100", "--seed", "5", "--json"},
                                    &out, &err);
        QVERIFY2(rc == 0, err.constData());
        const QJsonObject o = QJsonDocument::fromJson(out).object();
        QVERIFY(o.value("bytes").toInteger() <= o.value("target_bytes").toInteger());
        QCOMPARE(o.value("target_bytes").toInteger(), qint64(bytesForBitsPerWeight(stories(), 24)));
        QVERIFY(std::abs(o.value("bits_per_weight").toDouble() - 24) < 0.5);
        QCOMPARE(o.value("stream").toObject().value("positions").toInt(), 100);
        QVERIFY(o.value("kld_mean").toDouble() > 0);
        QVERIFY(o.value("top1_agreement").toDouble() > 0.9);
        QVERIFY(o.value("ppl_reference").toDouble() > 1);
        const QJsonObject t = o.value("tensors").toObject();
        QCOMPARE(t.size(), qsizetype(stories().tensors.size()));
        QCOMPARE(t.value("output_norm.weight").toString(), QString("source"));
        int bf16 = 0;
        for (const auto& v : t)
            bf16 += v.toString() == "BF16";
        QVERIFY(bf16 > 0 && bf16 < 36);

        // --output writes the plan; the file's own weights give the KL that was reported.
        QTemporaryDir dir;
        const QString gguf = dir.filePath("mixed.gguf");
        QCOMPARE(test::runCli({"plan-for-size", model, "--target-bpw", "9", "--types", "Q4_0,Q5_0,Q8_0,F16", "--tokens",
                               test::stories("eval-tokens.json"), "--imatrix", "--output", gguf, "--json"},
                              &out, &err),
                 0);
        const QJsonObject mixed = QJsonDocument::fromJson(out).object();
        const auto reopened = openModel(gguf.toStdString());
        const AccuracyMetrics fromFile = llamaEvaluator().evaluate(LlamaWeights::fromModel(*reopened));
        QCOMPARE(fromFile.kldMean, mixed.value("kld_mean").toDouble());
        QCOMPARE(fromFile.top1Agreement, mixed.value("top1_agreement").toDouble());
        QVERIFY(mixed.value("bits_per_weight").toDouble() <= 9.0);
        QCOMPARE(mixed.value("overrides").toArray().size(), mixed.value("tensors").toObject().size() - 11);

        // Bad requests: exit code 2 and a one-line message.
        QCOMPARE(test::runCli({"plan-for-size", model, "--target-bpw", "1", "--types", "BF16"}, &out, &err), 2);
        QVERIFY(err.contains("below the smallest plan"));
        QCOMPARE(test::runCli({"plan-for-size", model, "--types", "BF16"}, &out, &err), 2);
        QCOMPARE(test::runCli({"plan-for-size", model, "--target-bpw", "8", "--types", "NOPE"}, &out, &err), 2);
        QVERIFY(err.contains("NOPE"));
        QCOMPARE(test::runCli({"plan-for-size", model, "--target-bpw", "8", "--imatrix", "--seed", "3", "--calib-seed", "3"},
                              &out, &err),
                 2);
        QCOMPARE(err.count('\n'), 1);
    }

    // plan-for-size --error-feedback: every candidate's KL measured as error feedback rounds it, the
    // plan evaluated and written that way (the written file gives the KL reported), a lower KL than
    // the plain plan's within the same size; as fake-quant safetensors, the same values.
    void planForSizeErrorFeedbackCli()
    {
        const QString model = test::stories("stories260K-f32.gguf");
        QTemporaryDir dir;
        const QString gguf = dir.filePath("mixed-ef.gguf");
        // (12 bits/weight: the 172-wide FFN rows stay F32, the smallest plan is 10.4)
        const QStringList common{"plan-for-size", model, "--target-bpw", "12", "--types", "Q4_0,Q5_0,Q8_0", "--tokens",
                                 test::stories("eval-tokens.json"), "--json"};
        QByteArray out, err;
        QCOMPARE(test::runCli(common, &out, &err), 0);
        const QJsonObject plain = QJsonDocument::fromJson(out).object();
        QCOMPARE(plain.value("error_feedback").toBool(true), false);
        // (256 calibration tokens: a quarter of the default's work, the same path)
        const QStringList withEf{"--error-feedback", "--calib-sample", "256"};
        QVERIFY2(test::runCli(common + withEf + QStringList{"--output", gguf}, &out, &err) == 0, err.constData());
        const QJsonObject ef = QJsonDocument::fromJson(out).object();
        QCOMPARE(ef.value("error_feedback").toBool(), true);
        QVERIFY(ef.value("bits_per_weight").toDouble() <= 12.0);
        // the same size with a lower KL (0.22 against 0.29 when written)
        QVERIFY(ef.value("kld_mean").toDouble() < plain.value("kld_mean").toDouble());
        const auto reopened = openModel(gguf.toStdString());
        const AccuracyMetrics fromFile = llamaEvaluator().evaluate(LlamaWeights::fromModel(*reopened));
        QCOMPARE(fromFile.kldMean, ef.value("kld_mean").toDouble());

        // As fake-quant safetensors: the same plan's values, those the GGUF file's bytes decode to (the
        // source is GGUF-named and F32: no permutation, no rounding of the values).
        const QString st = dir.filePath("mixed-ef.safetensors");
        QVERIFY2(test::runCli(common + withEf + QStringList{"--output", st}, &out, &err) == 0, err.constData());
        const auto fake = openModel(st.toStdString());
        int quantized = 0;
        for (const auto& t : reopened->tensors) {
            const TensorInfo* f = fake->find(t.name);
            QVERIFY2(f, t.name.c_str());
            QVERIFY2(fake->toFloat(*f) == reopened->toFloat(t), t.name.c_str());
            quantized += t.dtype != "F32";
        }
        QVERIFY(quantized >= 20);
    }

    void imatrixFiles()
    {
        // Both of llama.cpp's layouts give back the mean squares they were written from, and a
        // prepared evaluation or a quantize run takes them in place of a calibration.
        QTemporaryDir dir;
        const std::vector<std::string> names = stories().matrixNames();
        const QString dat = dir.filePath("imatrix.dat"), gguf = dir.filePath("imatrix.gguf");
        writeFile(dat, datImatrix(imatrix(), names, 3));
        writeFile(gguf, ggufImatrix(imatrix(), names, 1000.0f));
        for (const QString& path : {dat, gguf}) {
            const ImatrixFile f = loadImatrixFile(path.toStdString());
            QCOMPARE(f.legacy, path == dat);
            QCOMPARE(f.names.size(), names.size());
            QCOMPARE(f.chunks, int64_t(4));
            QCOMPARE(f.datasets, std::vector<std::string>{"calib.txt"});
            for (const std::string& n : names) {
                const std::vector<float> a = imatrix().importance(n), b = f.stats.importance(n);
                QCOMPARE(a.size(), b.size());
                for (size_t j = 0; j < a.size(); ++j)
                    QVERIFY2(std::abs(a[j] - b[j]) <= 1e-6f * a[j] + 1e-30f, n.c_str());
            }
        }
        EvalStreamOptions o;
        o.tokensFile = test::stories("eval-tokens.json").toStdString();
        o.imatrixFile = gguf.toStdString();
        const auto s = prepareEvaluation(*openModel(test::stories("stories260K-f32.gguf").toStdString()), o);
        QVERIFY(s->imatrix);
        QCOMPARE(s->stream.value("imatrix_file").toString(), gguf);
        QCOMPARE(s->imatrix->importance("blk.0.ffn_down.weight").size(), size_t(172));
        const AccuracyMetrics with = s->evaluator->evaluate(uniformPrecision(stories(), fmt("Q4_0")), &*s->imatrix);
        QVERIFY(with.kldMean < s->evaluator->evaluate(uniformPrecision(stories(), fmt("Q4_0"))).kldMean);

        // quantize --imatrix-file: the importance-weighted bytes, different from plain ones.
        const QString model = test::stories("stories260K-f32.gguf");
        QByteArray out, err;
        const QString plain = dir.filePath("plain.gguf"), weighted = dir.filePath("weighted.gguf");
        QCOMPARE(test::runCli({"quantize", model, "--type", "Q4_0", "--pure", "--output", plain}, &out, &err), 0);
        QVERIFY2(test::runCli({"quantize", model, "--type", "Q4_0", "--pure", "--imatrix-file", dat, "--output", weighted},
                              &out, &err) == 0,
                 err.constData());
        QVERIFY2(err.contains(QStringLiteral("imatrix: %1 entries").arg(names.size()).toUtf8()) && err.contains("dataset calib.txt"),
                 err.constData());
        QFile a(plain), b(weighted);
        QVERIFY(a.open(QIODevice::ReadOnly) && b.open(QIODevice::ReadOnly));
        QCOMPARE(a.size(), b.size());
        QVERIFY(a.readAll() != b.readAll());

        // quantscope-cli imatrix writes the GGUF layout of the same statistics (the calibration
        // stream as a token file, the fixture's window of 256).
        QJsonArray ids;
        for (int32_t t : calibrationTokens())
            ids.append(t);
        const QString calib = dir.filePath("calib.json"), made = dir.filePath("made.gguf");
        writeFile(calib, QJsonDocument(QJsonObject{{"tokens", ids}}).toJson());
        QVERIFY2(test::runCli({"imatrix", model, "--tokens", calib, "--window", "256", "--output", made}, &out, &err) == 0,
                 err.constData());
        const int64_t windows = (int64_t(calibrationTokens().size()) + 255) / 256;
        QVERIFY2(out.contains(QStringLiteral("%1 matrices, %2 tokens in %3 windows of 256")
                                  .arg(names.size())
                                  .arg(calibrationTokens().size())
                                  .arg(windows)
                                  .toUtf8()),
                 out.constData());
        const ImatrixFile mf = loadImatrixFile(made.toStdString());
        QVERIFY(!mf.legacy);
        QCOMPARE(mf.chunks, windows);
        QCOMPARE(mf.datasets, std::vector<std::string>{"calib.json"});
        for (const std::string& n : names) {
            const std::vector<float> a = imatrix().importance(n), b = mf.stats.importance(n);
            QCOMPARE(a.size(), b.size());
            for (size_t j = 0; j < a.size(); ++j)
                QVERIFY2(std::abs(a[j] - b[j]) <= 1e-6f * a[j] + 1e-30f, n.c_str());
        }
        QCOMPARE(test::runCli({"imatrix", model, "--tokens", calib, "--output", dir.path()}, &out, &err), 2);

        // Bad files: one line naming the file and what is wrong, no output written.
        const QString bad = dir.filePath("bad.dat");
        const QByteArray good = datImatrix(imatrix(), names, 3);
        struct Case {
            QByteArray bytes;
            const char* says;
        };
        QByteArray negative = good;
        const float minus = -1.0f;
        std::memcpy(negative.data() + 8 + int(names[0].size()) + 8, &minus, 4);
        std::vector<std::string> other = {"blk.0.attn_q.weight"};
        ActivationStats wrongWidth;
        wrongWidth.setMeanSquares("blk.0.attn_q.weight", std::vector<float>(100, 1.0f), 5);
        ActivationStats elsewhere;
        elsewhere.setMeanSquares("blk.99.attn_q.weight", std::vector<float>(64, 1.0f), 5);
        const Case cases[] = {
            {good.left(good.size() / 2), "truncated"},
            {QByteArray("hello, world\n"), "not an importance matrix"},
            {negative, "not negative"},
            {datImatrix(wrongWidth, other, 1), "100 values but the matrix has 64 columns"},
            {datImatrix(elsewhere, {"blk.99.attn_q.weight"}, 1), "none of its 1 entries"},
        };
        for (const Case& c : cases) {
            writeFile(bad, c.bytes);
            const QString out2 = dir.filePath("never.gguf");
            QCOMPARE(test::runCli({"quantize", model, "--type", "Q4_0", "--imatrix-file", bad, "--output", out2}, &out, &err), 2);
            const QByteArray last = err.trimmed().split('\n').last();  // after the plan's notes
            QVERIFY2(last.startsWith("quantscope-cli: ") && last.contains("bad.dat") && last.contains(c.says), err.constData());
            QVERIFY(!QFile::exists(out2));
        }
        QCOMPARE(test::runCli({"compare", model, "--types", "Q4_0", "--eval", "--imatrix", "--imatrix-file", dat}, &out, &err), 2);
        QVERIFY2(err.contains("exclude each other"), err.constData());
    }

    void compareEvalCli()
    {
        const QString model = test::stories("stories260K-f32.gguf");
        QByteArray out, err;
        const int rc = test::runCli({"compare", model, "--types", "Q8_0,Q4_0,Q2_K,NF4", "--eval", "--tokens",
                                     test::stories("eval-tokens.json"), "--imatrix",
                                     "--sensitivity", "--json"},
                                    &out, &err);
        QVERIFY2(rc == 0, err.constData());
        const QJsonArray rows = QJsonDocument::fromJson(out).object().value("results").toArray();
        QCOMPARE(rows.size(), 4);
        std::map<QString, QJsonObject> byType;
        for (const auto& r : rows)
            byType[r.toObject().value("type").toString()] = r.toObject();
        for (const auto& [type, o] : byType) {
            for (const char* k : {"kld_mean", "kld_p99", "top1_agreement", "ppl", "ppl_reference", "imatrix_kld_mean"})
                QVERIFY2(o.value(k).isDouble(), k);
            QVERIFY(std::abs(o.value("ppl_reference").toDouble() - 12.79) < 0.01);
            QCOMPARE(o.value("eval_positions").toInt(), 128);
            const QJsonArray sens = o.value("sensitivity").toArray();
            QVERIFY(!sens.isEmpty());
            QVERIFY(sens.first().toObject().value("kld_mean").toDouble() >=
                    sens.last().toObject().value("kld_mean").toDouble());
        }
        QVERIFY(byType["Q8_0"].value("kld_mean").toDouble() < byType["Q4_0"].value("kld_mean").toDouble());
        // The numbers are the core's: compare's Q4_0 is the plan's Q4_0 (llama.cpp's choices for
        // the classifier and for rows Q4_0 cannot hold).
        PlanSpec po;
        po.type = "Q4_0";
        const auto m = openModel(model.toStdString());
        const double kl = llamaEvaluator().evaluate(precisionFromPlan(stories(), buildPlan(*m, po))).kldMean;
        QCOMPARE(byType["Q4_0"].value("kld_mean").toDouble(), kl);
        // --activations float gives the weights-only numbers; a bad mode is refused.
        QCOMPARE(test::runCli({"compare", model, "--types", "Q4_0", "--eval", "--tokens", test::stories("eval-tokens.json"),
                               "--activations", "float", "--json"},
                              &out, &err),
                 0);
        const QJsonObject f = QJsonDocument::fromJson(out).object().value("results").toArray().at(0).toObject();
        QCOMPARE(f.value("kld_mean").toDouble(), evaluator().evaluate(precisionFromPlan(stories(), buildPlan(*m, po))).kldMean);
        QCOMPARE(test::runCli({"compare", model, "--types", "Q4_0", "--eval", "--activations", "int8"}, &out, &err), 2);
        QVERIFY(err.contains("--activations"));
        // Q2_K falls back on every row of stories260K (none is a multiple of 256), and the
        // importance matrix helps it as it does Q4_0.
        QVERIFY(byType["Q2_K"].value("imatrix_kld_mean").toDouble() < byType["Q2_K"].value("kld_mean").toDouble());
        QVERIFY(byType["Q4_0"].value("imatrix_kld_mean").toDouble() < byType["Q4_0"].value("kld_mean").toDouble());

        // Text output shows the accuracy columns and the ranking.
        QCOMPARE(test::runCli({"compare", model, "--types", "Q8_0", "--eval", "--sample", "64", "--sensitivity"}, &out, &err), 0);
        QVERIFY(out.contains("kld_mean") && out.contains("top1_agreement") && out.contains("sensitivity at Q8_0"));
        QCOMPARE(test::runCli({"compare", model, "--types", "Q8_0", "--eval", "--tokens", "/nonexistent.json"}, &out, &err), 2);
    }
};

QTEST_GUILESS_MAIN(TestEvaluation)
#include "test_evaluation.moc"
