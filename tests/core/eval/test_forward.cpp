// The Llama forward pass on stories260K.
#include "core/util/error.h"
#include "core/eval/evaluation.h"
#include "core/eval/llama_forward.h"
#include "tests/support/fixtures.h"

#include "core/model/model.h"
#include "core/formats/format.h"
#include <QtTest>

#include <cmath>
#include <cstring>

using namespace qs;

namespace {

LlamaWeights load(const char* file)
{
    return LlamaWeights::fromModel(*openModel(test::stories(QString::fromUtf8(file)).toStdString()));
}

const LlamaWeights& gguf()
{
    static const LlamaWeights w = load("stories260K-f32.gguf");
    return w;
}

const std::vector<int32_t>& evalTokens()
{
    static const auto t = loadTokenFile(test::stories("eval-tokens.json").toStdString(), 512);
    return t;
}

// Largest |a - b| over rows [row0, row0 + rows) (rows < 0: to the end).
float maxAbsDiff(const RowMatrix& a, const RowMatrix& b, Eigen::Index row0 = 0, Eigen::Index rows = -1)
{
    if (a.rows() != b.rows() || a.cols() != b.cols())
        return INFINITY;
    const Eigen::Index end = rows < 0 ? a.rows() : row0 + rows;
    float m = 0;
    for (Eigen::Index i = row0 * a.cols(); i < end * a.cols(); ++i)
        m = std::max(m, std::abs(a.data()[i] - b.data()[i]));
    return m;
}

// Every tensor (norms too) rounded through F16, as the Hugging Face fixture stores them.
LlamaWeights roundedToF16(const LlamaWeights& w)
{
    LlamaWeights out = w;
    const Format* f16 = findFormat("F16");
    for (const auto& t : w.tensors)
        out.replace(t.name, f16->roundTrip(t.ptr(), t.rows, t.cols));
    return out;
}

}  // namespace

class TestForward : public QObject {
    Q_OBJECT
private slots:
    void config()
    {
        const ModelConfig& c = gguf().config;
        QCOMPARE(c.dim, 64);
        QCOMPARE(c.hiddenDim, 172);
        QCOMPARE(c.nLayers, 5);
        QCOMPARE(c.nHeads, 8);
        QCOMPARE(c.nKvHeads, 4);
        QCOMPARE(c.vocabSize, 512);
        QCOMPARE(c.contextLength, 512);
        QVERIFY(gguf().find("output.weight") == nullptr);  // tied classifier
        QCOMPARE(gguf().classifier().name, std::string("token_embd.weight"));
        QCOMPARE(gguf().matrixNames().size(), size_t(1 + 5 * 7));
    }

    void referencePerplexity()
    {
        QCOMPARE(evalTokens().size(), size_t(129));
        const Evaluator ev(gguf(), evalTokens());
        QCOMPARE(ev.positions(), int64_t(128));
        QVERIFY2(std::abs(ev.pplReference() - 12.79) < 0.01, qPrintable(QString::number(ev.pplReference())));
    }

    void threeFilesAgree()
    {
        const RowMatrix ref = llamaLogits(gguf(), evalTokens());
        QCOMPARE(ref.rows(), Eigen::Index(129));
        QCOMPARE(ref.cols(), Eigen::Index(512));
        // llama2.c checkpoint: the same float32 weights.
        const LlamaWeights bin = load("stories260K.bin");
        QCOMPARE(maxAbsDiff(llamaLogits(bin, evalTokens()), ref), 0.0f);
        // Hugging Face F16 with rotate-half q/k rows and a separate lm_head: equal to the GGUF
        // weights rounded to F16, once the rows are permuted back.
        const LlamaWeights hf = load("model.safetensors");
        QVERIFY(hf.find("output.weight") != nullptr);
        const RowMatrix hfLogits = llamaLogits(hf, evalTokens());
        const float d16 = maxAbsDiff(hfLogits, llamaLogits(roundedToF16(gguf()), evalTokens()));
        QVERIFY2(d16 < 1e-5f, qPrintable(QString::number(d16)));
        // ... and close to the F32 model: F16 rounding only.
        const Evaluator ev(gguf(), evalTokens());
        const AccuracyMetrics m = ev.evaluate(hf);
        QVERIFY2(m.kldMean < 1e-4, qPrintable(QString::number(m.kldMean)));
        QVERIFY(m.top1Agreement >= 0.98);  // a near-tie may flip
    }

    void incrementalMatchesFullWindow()
    {
        const auto& toks = evalTokens();
        const RowMatrix full = llamaLogits(gguf(), toks);
        LlamaSession s(gguf());
        RowMatrix inc(full.rows(), full.cols());
        const int chunks[] = {1, 7, 30, 1, 90};
        int pos = 0;
        for (int n : chunks) {
            const RowMatrix part = s.eval(std::span<const int32_t>(toks.data() + pos, size_t(n)));
            std::copy_n(part.data(), part.size(), inc.data() + Eigen::Index(pos) * inc.cols());
            pos += n;
        }
        QCOMPARE(pos, int(toks.size()));
        QCOMPARE(s.position(), pos);
        QVERIFY(maxAbsDiff(inc, full) < 1e-4f);
    }

    void causalMask()
    {
        // Changing a later token leaves the logits of earlier positions untouched.
        std::vector<int32_t> a = evalTokens();
        std::vector<int32_t> b = a;
        b[60] = (b[60] + 1) % 512;
        const RowMatrix la = llamaLogits(gguf(), a), lb = llamaLogits(gguf(), b);
        QCOMPARE(maxAbsDiff(la, lb, 0, 60), 0.0f);
        QVERIFY(maxAbsDiff(la, lb, 60, 1) > 1e-3f);
    }

    void badInput()
    {
        const std::vector<int32_t> bad{1, 512};
        QVERIFY_THROWS_EXCEPTION(Error, llamaLogits(gguf(), bad));
        const std::vector<int32_t> neg{1, -1};
        QVERIFY_THROWS_EXCEPTION(Error, llamaLogits(gguf(), neg));
        const std::vector<int32_t> tooLong(513, 1);
        QVERIFY_THROWS_EXCEPTION(Error, llamaLogits(gguf(), tooLong));
        LlamaSession s(gguf(), 4);
        const std::vector<int32_t> three{1, 2, 3};
        s.eval(three);
        QVERIFY_THROWS_EXCEPTION(Error, s.eval(three));  // beyond the cache
        // Missing or misshapen tensors are reported, not dereferenced.
        auto ts = gguf().tensors;
        ts.erase(ts.begin() + 3);
        QVERIFY_THROWS_EXCEPTION(Error, LlamaWeights::fromTensors(gguf().config, ts));
        auto ts2 = gguf().tensors;
        for (auto& t : ts2)
            if (t.name == "blk.1.attn_k.weight")
                t.rows = 64, t.cols = 16;
        QVERIFY_THROWS_EXCEPTION(Error, LlamaWeights::fromTensors(gguf().config, ts2));
        ModelConfig c = gguf().config;
        c.nKvHeads = 3;
        QVERIFY_THROWS_EXCEPTION(Error, LlamaWeights::fromTensors(c, gguf().tensors));
    }
};

QTEST_GUILESS_MAIN(TestForward)
#include "test_forward.moc"
