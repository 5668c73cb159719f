// The Llama forward pass on stories260K.
#include "core/util/error.h"
#include "core/eval/evaluation.h"
#include "core/eval/llama_forward.h"
#include "tests/support/fixtures.h"

#include "core/model/model.h"
#include "core/formats/format.h"
#include <QtTest>

#include <cmath>
#include <random>
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
        {
            const std::vector<float> v = t.toFloat();
            out.replace(t.name, f16->roundTrip(v.data(), t.rows, t.cols));
        }
    return out;
}

// Mean over positions of KL(softmax(a) || softmax(b)).
double meanKl(const RowMatrix& a, const RowMatrix& b)
{
    double total = 0;
    for (Eigen::Index r = 0; r < a.rows(); ++r) {
        auto logSoftmax = [&](const RowMatrix& m) {
            std::vector<double> v(size_t(m.cols()));
            double mx = -INFINITY, sum = 0;
            for (Eigen::Index j = 0; j < m.cols(); ++j)
                mx = std::max(mx, double(m(r, j)));
            for (Eigen::Index j = 0; j < m.cols(); ++j)
                sum += std::exp(double(m(r, j)) - mx);
            for (Eigen::Index j = 0; j < m.cols(); ++j)
                v[size_t(j)] = double(m(r, j)) - mx - std::log(sum);
            return v;
        };
        const auto p = logSoftmax(a), q = logSoftmax(b);
        for (size_t j = 0; j < p.size(); ++j)
            total += std::exp(p[j]) * (p[j] - q[j]);
    }
    return total / double(a.rows());
}

// The float32 reference path: every matrix of `p` replaced by its quantize-dequantize round
// trip, held as F32.
LlamaWeights roundTripF32(const LlamaWeights& w, const PlanSpec& p)
{
    LlamaWeights out = w.toF32();
    for (const auto& [name, f] : p.tensors) {
        const std::vector<float> v = w.get(name).toFloat();
        out.replace(name, f->roundTrip(v.data(), w.get(name).rows, w.get(name).cols));
    }
    return out;
}

// A random one-layer llama with rows of 256 (stories260K has none, so the K-quants need this).
const LlamaWeights& synthetic256()
{
    static const LlamaWeights w = [] {
        const Architecture* llama = findArchitectureByGguf("llama");
        ModelConfig c = llama->defaults;
        c.arch = llama;
        c.dim = 256;
        c.hiddenDim = 512;
        c.nLayers = 1;
        c.nHeads = 4;
        c.nKvHeads = 2;
        c.vocabSize = 300;
        c.contextLength = 256;
        c.ropeDim = 64;
        std::mt19937 rng(11);
        std::normal_distribution<float> nd(0.0f, 0.08f);
        auto tensor = [&](const std::string& name, int64_t rows, int64_t cols, float base) {
            std::vector<float> v(size_t(rows * cols));
            for (float& x : v)
                x = base + nd(rng);
            return WeightTensor::fromFloats(name, rows, cols, std::move(v), uint64_t(rows * cols) * 4);
        };
        const int64_t kv = c.nKvHeads * c.headDim();
        std::vector<WeightTensor> ts{tensor("token_embd.weight", c.vocabSize, c.dim, 0),
                                     tensor("output_norm.weight", 1, c.dim, 1),
                                     tensor("blk.0.attn_norm.weight", 1, c.dim, 1),
                                     tensor("blk.0.attn_q.weight", c.dim, c.dim, 0),
                                     tensor("blk.0.attn_k.weight", kv, c.dim, 0),
                                     tensor("blk.0.attn_v.weight", kv, c.dim, 0),
                                     tensor("blk.0.attn_output.weight", c.dim, c.dim, 0),
                                     tensor("blk.0.ffn_norm.weight", 1, c.dim, 1),
                                     tensor("blk.0.ffn_gate.weight", c.hiddenDim, c.dim, 0),
                                     tensor("blk.0.ffn_up.weight", c.hiddenDim, c.dim, 0),
                                     tensor("blk.0.ffn_down.weight", c.dim, c.hiddenDim, 0)};
        return LlamaWeights::fromTensors(c, std::move(ts), "synthetic");
    }();
    return w;
}

// A model with stories260K's metadata and tensor list, whose shapes a test may change; reading
// any tensor data counts (the shape check must come first).
class HeaderModel : public Model {
public:
    explicit HeaderModel(const Model& src)
    {
        path = "header-only.gguf";
        format = "gguf";
        architecture = src.architecture;
        metadata = src.metadata;
        tensors = src.tensors;
    }
    std::span<const std::byte> data(const TensorInfo&) const override
    {
        ++reads;
        return {};
    }
    void setMeta(const std::string& key, uint32_t v)
    {
        for (auto& e : metadata)
            if (e.key == key)
                e.value = MetaValue::ofU32(v);
    }
    mutable int reads = 0;
};

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

    // Weights are views: a GGUF's matrices are read in place (the view keeps the file's map
    // alive after the Model is gone); the Hugging Face q/k rows are permuted in their own dtype.
    void weightsAreViews()
    {
        LlamaWeights w = [] {
            const auto m = openModel(test::stories("stories260K-f32.gguf").toStdString());
            return LlamaWeights::fromModel(*m);
        }();  // the Model is destroyed here
        for (const auto& t : w.tensors)
            QCOMPARE(t.inPlace, t.isMatrix());
        uint64_t norms = 0;
        for (const auto& t : w.tensors)
            norms += t.isMatrix() ? 0 : uint64_t(t.numel()) * 4;
        QCOMPARE(w.ownedBytes(), norms);
        QCOMPARE(maxAbsDiff(llamaLogits(w, evalTokens()), llamaLogits(gguf(), evalTokens())), 0.0f);

        const LlamaWeights hf = load("model.safetensors");
        QCOMPARE(hf.get("blk.0.attn_q.weight").type(), GgmlType::F16);
        QVERIFY(!hf.get("blk.0.attn_q.weight").inPlace);  // a permuted copy, still F16
        QVERIFY(hf.get("blk.0.attn_v.weight").inPlace);
        QCOMPARE(hf.get("blk.0.attn_v.weight").type(), GgmlType::F16);
    }

    // A precision's weights are its formats' bytes, made once; the float mode of the quantized
    // forward pass is the float32 path on the round-tripped weights.
    void quantizedFloatModeMatchesFloat32Path_data()
    {
        QTest::addColumn<QString>("format");
        QTest::addColumn<bool>("stories");  // false: the synthetic model with rows of 256
        for (const char* f : {"Q8_0", "Q5_1", "Q4_0", "IQ4_NL", "BF16", "NF4", "INT4_ASYM_G32"})
            QTest::newRow(f) << QString::fromLatin1(f) << true;
        for (const char* f : {"Q6_K", "Q5_K", "Q4_K", "Q3_K", "Q2_K", "Q5_0", "F16"})
            QTest::newRow((std::string(f) + " synthetic").c_str()) << QString::fromLatin1(f) << false;
    }
    void quantizedFloatModeMatchesFloat32Path()
    {
        QFETCH(QString, format);
        QFETCH(bool, stories);
        const Format* f = findFormat(format.toStdString());
        QVERIFY(f);
        const LlamaWeights& w = stories ? gguf() : synthetic256();
        const std::vector<int32_t> toks = stories ? evalTokens() : std::vector<int32_t>{1, 17, 250, 3, 99, 42, 7, 299, 0, 5};
        const PlanSpec p = uniformPrecision(w, *f);
        // Every matrix (stories260K: all but the five ffn_down, whose rows of 172 fit no block of
        // 32 or more; BF16, one value a block, takes them too).
        QCOMPARE(p.tensors.size(), w.matrixNames().size() - (stories && f->blockSize() > 1 ? 5 : 0));
        const LlamaWeights q = applyPrecision(w, p);
        uint64_t expected = 0;
        for (const auto& [name, fmt] : p.tensors) {
            const WeightTensor& t = q.get(name);
            if (fmt->ggmlType())
                QCOMPARE(t.type(), *fmt->ggmlType());
            QCOMPARE(t.storedBytes(), fmt->storageBytes(t.rows, t.cols));
            expected += t.storedBytes();
        }
        uint64_t kept = 0;  // tensors the precision leaves alone, in buffers of their own
        for (const auto& t : w.tensors)
            kept += p.tensors.count(t.name) || t.inPlace ? 0 : t.storedBytes();
        QCOMPARE(q.ownedBytes(), expected + kept);  // no float copy of a quantized tensor is kept
        const RowMatrix quantized = llamaLogits(q, toks, nullptr, ActMode::Float);
        const RowMatrix reference = llamaLogits(roundTripF32(w, p), toks, nullptr, ActMode::Float);
        const double kl = meanKl(reference, quantized);
        QVERIFY2(kl < 1e-5, qPrintable(QString::number(kl)));
        QVERIFY(maxAbsDiff(quantized, reference) < 1e-3f);
    }

    // F32 weights have F32 as their vec-dot type: llama mode differs from float mode only by the
    // F16 key/value cache (llama.cpp's default), a change far below any quantization's.
    void llamaModeOnF32IsFloatWithAnF16Cache()
    {
        const RowMatrix a = llamaLogits(gguf(), evalTokens(), nullptr, ActMode::Llama);
        const RowMatrix b = llamaLogits(gguf(), evalTokens(), nullptr, ActMode::Float);
        const double kl = meanKl(b, a);
        qInfo("F32 weights, llama mode vs float mode: max |logit difference| %.2e, KL %.2e", double(maxAbsDiff(a, b)), kl);
        QVERIFY(maxAbsDiff(a, b) > 0);  // keys and values rounded to F16
        QVERIFY2(kl < 1e-4, qPrintable(QString::number(kl)));
    }

    // Shapes that disagree with the hyper-parameters: one clear error naming the file and the
    // tensor, before any tensor data is read (or a cache sized by them allocated).
    void shapesCheckedBeforeReading()
    {
        const auto src = openModel(test::stories("stories260K-f32.gguf").toStdString());
        HeaderModel bad(*src);
        for (auto& t : bad.tensors)
            if (t.name == "blk.2.ffn_up.weight")
                t.shape = {4096, 64};
        try {
            LlamaWeights::fromModel(bad);
            QFAIL("accepted");
        } catch (const Error& e) {
            QCOMPARE(e.kind(), ErrorKind::InvalidInput);
            const QString msg = QString::fromUtf8(e.what());
            QVERIFY2(msg.contains("header-only.gguf") && msg.contains("blk.2.ffn_up.weight") && msg.contains("4096x64") &&
                         !msg.contains('\n'),
                     e.what());
        }
        QCOMPARE(bad.reads, 0);
        // A header claiming a 7B model over stories260K's tensors.
        HeaderModel big(*src);
        big.setMeta("llama.embedding_length", 4096);
        big.setMeta("llama.feed_forward_length", 11008);
        big.setMeta("llama.context_length", 4096);
        QVERIFY_THROWS_EXCEPTION(Error, LlamaWeights::fromModel(big));
        QCOMPARE(big.reads, 0);
    }

    void incrementalMatchesFullWindow()
    {
        const auto& toks = evalTokens();
        const RowMatrix full = llamaLogits(gguf(), toks);
        LlamaSession s(gguf(), 0, ActMode::Float);  // the cache grows with the chunks
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
