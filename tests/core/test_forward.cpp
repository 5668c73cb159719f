// The Llama forward pass on stories260K.
#include "core/error.h"
#include "core/evaluation.h"
#include "core/llama_forward.h"
#include "tests/support/fixtures.h"

#include <QFile>
#include <QtTest>

#include <cmath>
#include <cstring>

using namespace qs;

namespace {

// Private llama2.c reader (legacy header) used to develop the forward pass.
LlamaWeights loadLlama2c(const QString& path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        qFatal("cannot open %s", qPrintable(path));
    const QByteArray b = f.readAll();
    int32_t h[7];
    std::memcpy(h, b.constData(), sizeof h);
    LlamaConfig c;
    c.dim = h[0];
    c.hiddenDim = h[1];
    c.nLayers = h[2];
    c.nHeads = h[3];
    c.nKvHeads = h[4];
    c.vocabSize = std::abs(h[5]);
    c.contextLength = h[6];
    c.ropeDim = c.headDim();
    c.tiedEmbeddings = h[5] > 0;
    const float* p = reinterpret_cast<const float*>(b.constData() + sizeof h);
    std::vector<WeightTensor> ts;
    auto take = [&](const std::string& name, int64_t rows, int64_t cols) {
        WeightTensor t;
        t.name = name;
        t.rows = rows;
        t.cols = cols;
        t.sourceBytes = uint64_t(rows * cols * 4);
        t.data = std::make_shared<const std::vector<float>>(p, p + rows * cols);
        p += rows * cols;
        ts.push_back(std::move(t));
    };
    const int hd = c.headDim(), kv = c.nKvHeads * hd, L = c.nLayers;
    auto per = [&](const char* what, int64_t rows, int64_t cols) {
        for (int l = 0; l < L; ++l)
            take("blk." + std::to_string(l) + "." + what + ".weight", rows, cols);
    };
    take("token_embd.weight", c.vocabSize, c.dim);
    per("attn_norm", 1, c.dim);
    per("attn_q", c.dim, c.dim);
    per("attn_k", kv, c.dim);
    per("attn_v", kv, c.dim);
    per("attn_output", c.dim, c.dim);
    per("ffn_norm", 1, c.dim);
    per("ffn_gate", c.hiddenDim, c.dim);
    per("ffn_down", c.dim, c.hiddenDim);
    per("ffn_up", c.hiddenDim, c.dim);
    take("output_norm.weight", 1, c.dim);
    return LlamaWeights::fromTensors(c, std::move(ts), path.toStdString());
}

}  // namespace

class TestForward : public QObject {
    Q_OBJECT
private slots:
    void referencePerplexity()
    {
        const LlamaWeights w = loadLlama2c(test::stories("stories260K.bin"));
        const auto tokens = loadTokenFile(test::stories("eval-tokens.json").toStdString(), w.config.vocabSize);
        QCOMPARE(tokens.size(), size_t(129));
        const Evaluator ev(w, tokens);
        qDebug() << "ppl" << ev.pplReference();
        QVERIFY(std::abs(ev.pplReference() - 12.79) < 0.01);
    }
};

QTEST_GUILESS_MAIN(TestForward)
#include "test_forward.moc"
