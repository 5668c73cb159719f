// Error-feedback rounding (core/eval/error_feedback.h): the layer-output error it reaches against
// plain rounding, agreement with a slow column-by-column reference written here, dead inputs,
// a singular second moment, and cancellation.
#include "core/eval/ef_linalg.h"
#include "core/eval/error_feedback.h"
#include "core/eval/eval_setup.h"
#include "core/eval/evaluation.h"
#include "core/kernels/kernels.h"
#include "core/formats/blocks.h"
#include "core/formats/format.h"
#include "core/formats/inspect.h"
#include "core/util/error.h"
#include "core/util/half.h"
#include "core/util/parallel.h"
#include "core/model/model.h"
#include "tests/support/fixtures.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

#include <Eigen/Dense>

#include <atomic>
#include <cmath>
#include <memory>
#include <random>

using namespace qs;

namespace {

using MatD = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

// Calibration inputs with correlated columns (as real activations are): X = Z·A, plus a few loud
// input channels, as LLM activations have.
using MatF = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
std::vector<float> correlatedInputs(int64_t tokens, int64_t width, uint32_t seed)
{
    std::mt19937 rng(seed);
    std::normal_distribution<float> n(0.0f, 1.0f);
    MatF A(width, width), Z(tokens, width);
    for (int64_t i = 0; i < width; ++i)
        for (int64_t j = 0; j < width; ++j)
            A(i, j) = n(rng) * 0.3f + (i == j ? 1.0f : 0.0f);
    for (int64_t t = 0; t < tokens; ++t)
        for (int64_t j = 0; j < width; ++j)
            Z(t, j) = n(rng);
    MatF X = Z * A;
    for (int64_t j = 0; j < width; j += 37)
        X.col(j) *= 6.0f;
    return std::vector<float>(X.data(), X.data() + X.size());
}

// Inputs that drifted from the source model's xf (those of a model quantized so far): xf plus
// Gaussian noise of standard deviation 0.2.
std::vector<float> drifted(const std::vector<float>& xf, uint32_t seed)
{
    std::vector<float> x = xf;
    std::mt19937 rng(seed);
    std::normal_distribution<float> noise(0.0f, 0.2f);
    for (float& v : x)
        v += noise(rng);
    return x;
}

std::vector<float> randomWeights(int64_t rows, int64_t cols, uint32_t seed)
{
    std::mt19937 rng(seed);
    std::student_t_distribution<float> t(4.0f);
    std::vector<float> w(size_t(rows * cols));
    for (float& v : w)
        v = 0.02f * t(rng);
    return w;
}

// sum over tokens of ‖(W − Ŵ) x‖²
double outputError(const std::vector<float>& W, const std::vector<float>& Wq, int64_t rows, int64_t cols,
                   const std::vector<float>& X, int64_t tokens)
{
    const Eigen::Map<const MatF> w(W.data(), rows, cols), wq(Wq.data(), rows, cols), x(X.data(), tokens, cols);
    const Eigen::MatrixXd y = (w - wq).cast<double>() * x.cast<double>().transpose();
    return y.squaredNorm();
}

std::vector<float> decode(const Format& f, const std::vector<uint8_t>& bytes, int64_t rows, int64_t cols)
{
    std::vector<float> v(size_t(rows * cols));
    f.dequantize(bytes.data(), rows, cols, v.data());
    return v;
}

std::vector<float> diagonalOf(const std::vector<double>& H, int64_t n)
{
    std::vector<float> d(static_cast<size_t>(n));
    for (int64_t i = 0; i < n; ++i)
        d[size_t(i)] = float(H[size_t(i * n + i)]);
    return d;
}

// The levels the weight at column col of row `row` can take in a quantized tensor (bytes: rows x
// cols as f stores them), as the block inspector decodes its block (core/formats/inspect.h).
std::vector<float> levelsAt(const Format& f, const uint8_t* bytes, int64_t rows, int64_t cols, int64_t row, int64_t col)
{
    BlockInspection r;
    r.length = f.inspectLength();
    r.block = col / r.length;
    r.col0 = r.block * r.length;
    r.codes.assign(size_t(r.length), 0);
    f.inspectDecode(bytes, rows, cols, row, r.block, r);
    return r.levels;
}

// XᵀX of the tokens x cols inputs X.
InputMoments momentsOf(const std::vector<float>& X, int64_t tokens, int64_t cols)
{
    InputMoments m;
    m.add(X.data(), tokens, cols);
    return m;
}

// A layer to round: the data row's format, weights W (rows x cols) and calibration inputs X
// (tokens x cols) with their XᵀX.
struct TestLayer {
    const Format& f;
    int64_t rows, cols, tokens;
    std::vector<float> W, X;
    InputMoments m;
};
TestLayer testLayer(const QString& format, int64_t rows, int64_t cols, int64_t tokens, uint32_t wSeed, uint32_t xSeed)
{
    std::vector<float> X = correlatedInputs(tokens, cols, xSeed);
    InputMoments m = momentsOf(X, tokens, cols);
    return {*findFormat(format.toStdString()), rows, cols, tokens, randomWeights(rows, cols, wSeed), std::move(X),
            std::move(m)};
}

// A data row ("format") for every format `has` accepts.
void formatRows(bool (*has)(const Format&))
{
    QTest::addColumn<QString>("format");
    for (const Format* f : allFormats())
        if (has(*f))
            QTest::newRow(f->name().c_str()) << QString::fromStdString(f->name());
}

// The method written the slow, obvious way (optimal brain quantization): after each column, the
// remaining columns take its error through the inverse second moment, which then drops the column.
// A block's (INT family: a piece's) scales are the format's choice for its weights when the pass
// reaches its first column; one scale per tensor is the tensor's, from W.
std::vector<float> slowReference(const Format& f, const std::vector<float>& W, int64_t rows, int64_t cols,
                                 const std::vector<double>& H, double damping)
{
    const int S = int(f.pieceLength(cols) > 0 ? f.pieceLength(cols) : f.blockSize());
    MatD h = Eigen::Map<const MatD>(H.data(), cols, cols);
    const double mean = h.diagonal().mean();
    h.diagonal().array() += damping * mean;
    const MatD hinv0 = h.inverse();
    std::vector<float> out(W.size());
    const std::vector<float> imp = diagonalOf(H, cols);
    std::vector<uint8_t> block(size_t(f.storageBytes(1, S))), whole;
    if (f.inspectsWholeTensor()) {
        whole.resize(size_t(f.storageBytes(rows, cols)));
        f.quantize(W.data(), rows, cols, whole.data());
    }
    for (int64_t r = 0; r < rows; ++r) {
        MatD hinv = hinv0;
        std::vector<double> w(W.begin() + r * cols, W.begin() + (r + 1) * cols);
        std::vector<float> blockIn(static_cast<size_t>(S));
        for (int64_t c = 0; c < cols; ++c) {
            if (c % S == 0 && whole.empty()) {
                for (int j = 0; j < S; ++j)
                    blockIn[size_t(j)] = float(w[size_t(c + j)]);
                f.quantize(blockIn.data(), 1, S, block.data(), imp.data() + c);
            }
            const std::vector<float> lv = whole.empty() ? levelsAt(f, block.data(), 1, S, 0, c % S)
                                                        : levelsAt(f, whole.data(), rows, cols, r, c);
            float q = lv[0];
            for (float l : lv)
                if (std::fabs(float(w[size_t(c)]) - l) < std::fabs(float(w[size_t(c)]) - q))
                    q = l;
            out[size_t(r * cols + c)] = q;
            const double e = (w[size_t(c)] - double(q)) / hinv(c, c);
            for (int64_t k = c + 1; k < cols; ++k)
                w[size_t(k)] -= e * hinv(c, k);
            const Eigen::VectorXd col = hinv.col(c);
            hinv -= col * hinv.row(c) / hinv(c, c);
        }
    }
    return out;
}

}  // namespace

class TestErrorFeedback : public QObject {
    Q_OBJECT

private slots:
    void momentsAccumulate()
    {
        const std::vector<float> X = correlatedInputs(40, 8, 3);
        InputMoments m;
        m.add(X.data(), 25, 8);
        m.add(X.data() + 25 * 8, 15, 8);
        QCOMPARE(m.tokens, int64_t(40));
        for (int i = 0; i < 8; ++i)
            for (int j = 0; j < 8; ++j) {
                double s = 0;
                for (int t = 0; t < 40; ++t)
                    s += double(X[size_t(t * 8 + i)]) * double(X[size_t(t * 8 + j)]);
                QVERIFY(std::fabs(m.xtx[size_t(i * 8 + j)] - s) <= 1e-9 * (1 + std::fabs(s)));
            }
    }

    // On held-out inputs from the same distribution, the layer output moves less than with plain
    // (importance-weighted) rounding, for every format error feedback writes.
    void lowerOutputErrorThanPlain_data()
    {
        formatRows(errorFeedbackSupported);
    }
    void lowerOutputErrorThanPlain()
    {
        QFETCH(QString, format);
        const Format& f = *findFormat(format.toStdString());
        const int64_t rows = 24, cols = 512, tokens = 2048;
        // The layer and its inputs, the same for every format's row (made once: 41 rows, and the
        // moments are most of the work under the sanitizers).
        struct Layer {
            std::vector<float> W, Xh;
            InputMoments m, mh;
            std::shared_ptr<const ErrorFeedbackFactor> F;
        };
        static const Layer L = [&] {
            Layer l;
            l.W = randomWeights(rows, cols, 11);
            l.m = momentsOf(correlatedInputs(tokens, cols, 5), tokens, cols);
            l.Xh = correlatedInputs(512, cols, 5);  // same mixing, other draws below
            l.mh = momentsOf(l.Xh, 512, cols);
            l.F = errorFeedbackFactor(l.m.xtx, cols, ErrorFeedbackOptions{}.damping);
            return l;
        }();
        const std::vector<float>& W = L.W;
        const std::vector<float>& Xh = L.Xh;
        const InputMoments& m = L.m;
        std::vector<uint8_t> ef(size_t(f.storageBytes(rows, cols))), plain(ef.size());
        errorFeedbackQuantize(f, W.data(), rows, cols, *L.F, ef.data());  // (the same bytes as from m.xtx itself)
        const std::vector<float> imp = diagonalOf(m.xtx, cols);
        f.quantize(W.data(), rows, cols, plain.data(), imp.data());
        const std::vector<float> We = decode(f, ef, rows, cols), Wp = decode(f, plain, rows, cols);
        for (float v : We)
            QVERIFY(std::isfinite(v));
        const double eEf = outputError(W, We, rows, cols, Xh, 512);
        const double ePlain = outputError(W, Wp, rows, cols, Xh, 512);
        qInfo("%s: output error EF / plain = %.3f", qPrintable(format), eEf / ePlain);
        // 2-bit min/max grids of three levels (SYM: 0 and ±amax) or of one scale per tensor: most weights
        // are far below the step, and error feedback finds about plain rounding's error there
        // (0.98-1.03x; the slow reference agrees code for code); elsewhere it gains at least 10%.
        const std::optional<IntParams> ip = f.intParams();
        const bool coarse = ip && ip->bits == 2 && (ip->symmetric || ip->granularity == IntParams::Granularity::Tensor);
        QVERIFY2(eEf < (coarse ? 1.05 : 0.9) * ePlain, qPrintable(QStringLiteral("EF %1 vs plain %2").arg(eEf).arg(ePlain)));
        // The engine's measure from the held-out inputs' moments alone gives the same numbers.
        const InputMoments& mh = L.mh;
        const OutputError viaMoments = qs::outputError(We.data(), W.data(), rows, cols, mh.xtx);
        QVERIFY(std::fabs(viaMoments.error - eEf) <= 1e-6 * eEf);
        QVERIFY(viaMoments.signal > 0);
        QCOMPARE(qs::outputError(W.data(), W.data(), rows, cols, mh.xtx).error, 0.0);
    }

    // Picking each block's scale by the loss error feedback adds inside the block lowers the layer's
    // output error on the calibration inputs against the format's own scales (formats of one scale).
    void scaleSearchLowersOutputError_data()
    {
        QTest::addColumn<QString>("format");
        for (const char* name : {"Q4_0", "Q5_0", "Q8_0", "IQ4_NL"})
            QTest::newRow(name) << QString::fromLatin1(name);
    }
    void scaleSearchLowersOutputError()
    {
        QFETCH(QString, format);
        const auto& [f, rows, cols, tokens, W, X, m] = testLayer(format, 40, 256, 1024, 23, 19);
        ErrorFeedbackOptions plain, searched;
        plain.scaleSearch = 0;
        QVERIFY(searched.scaleSearch > 0);
        std::vector<uint8_t> a(size_t(f.storageBytes(rows, cols))), b(a.size());
        errorFeedbackQuantize(f, W.data(), rows, cols, m.xtx, a.data(), plain);
        errorFeedbackQuantize(f, W.data(), rows, cols, m.xtx, b.data(), searched);
        QVERIFY(a != b);
        const double eA = outputError(W, decode(f, a, rows, cols), rows, cols, X, tokens);
        const double eB = outputError(W, decode(f, b, rows, cols), rows, cols, X, tokens);
        qInfo("%s: output error with the scale search / without = %.4f", qPrintable(format), eB / eA);
        QVERIFY(eB < eA);
        // Formats with an offset (Q4_1) or K-quants: no search, the same bytes.
        for (const char* other : {"Q4_1", "Q4_K"}) {
            const Format& g = *findFormat(other);
            std::vector<uint8_t> c(size_t(g.storageBytes(rows, cols))), d(c.size());
            errorFeedbackQuantize(g, W.data(), rows, cols, m.xtx, c.data(), plain);
            errorFeedbackQuantize(g, W.data(), rows, cols, m.xtx, d.data(), searched);
            QCOMPARE(c, d);
        }
    }

    // Refitting the block scales (and offsets) with the codes fixed lowers the output error against
    // the row the rounding started from, row by row, changes no code, and reports the error the
    // decoded weights have.
    void scaleRefitLowersOutputError_data()
    {
        formatRows(scaleRefitSupported);
    }
    void scaleRefitLowersOutputError()
    {
        QFETCH(QString, format);
        const auto& [f, rows, cols, tokens, W, X, m] = testLayer(format, 40, 256, 1024, 17, 13);
        QVERIFY(errorFeedbackSupported(f));
        std::vector<uint8_t> ef(size_t(f.storageBytes(rows, cols)));
        errorFeedbackQuantize(f, W.data(), rows, cols, m.xtx, ef.data());
        std::vector<uint8_t> refit = ef;
        const ScaleRefit r = refitBlockScales(f, W.data(), rows, cols, m.xtx, refit.data());
        QCOMPARE(r.rows, rows);
        QVERIFY(r.improved > 0);
        QVERIFY(r.after < r.before);
        const std::vector<float> We = decode(f, ef, rows, cols), Wr = decode(f, refit, rows, cols);
        const double eBefore = outputError(W, We, rows, cols, X, tokens);
        const double eAfter = outputError(W, Wr, rows, cols, X, tokens);
        qInfo("%s: output error refit / EF = %.4f (%lld of %lld rows refit)", qPrintable(format), eAfter / eBefore,
              (long long)r.improved, (long long)r.rows);
        QVERIFY(eAfter < eBefore);
        QVERIFY(std::fabs(r.before - eBefore) <= 1e-3 * eBefore);
        QVERIFY(std::fabs(r.after - eAfter) <= 1e-3 * eAfter);
        // Row by row no worse; only the fp16 scale (and offset) of each block changed.
        for (int64_t i = 0; i < rows; ++i) {
            const std::vector<float> w(W.begin() + i * cols, W.begin() + (i + 1) * cols);
            const std::vector<float> a(We.begin() + i * cols, We.begin() + (i + 1) * cols);
            const std::vector<float> b(Wr.begin() + i * cols, Wr.begin() + (i + 1) * cols);
            QVERIFY(outputError(w, b, 1, cols, X, tokens) <= outputError(w, a, 1, cols, X, tokens) * (1 + 1e-6));
        }
        const size_t blockBytes = size_t(f.storageBytes(1, 32)), head = f.name() == "Q4_1" || f.name() == "Q5_1" ? 4 : 2;
        for (size_t b = 0; b < ef.size(); b += blockBytes)
            QVERIFY(std::equal(ef.begin() + ptrdiff_t(b + head), ef.begin() + ptrdiff_t(b + blockBytes),
                               refit.begin() + ptrdiff_t(b + head)));
        // A second refit finds nothing more to gain.
        std::vector<uint8_t> again = refit;
        const ScaleRefit r2 = refitBlockScales(f, W.data(), rows, cols, m.xtx, again.data());
        QVERIFY(r2.after <= r.after * (1 + 1e-6));
        QVERIFY_THROWS_EXCEPTION(Error, refitBlockScales(*findFormat("Q4_K"), W.data(), 1, 256, m.xtx, again.data()));
        QVERIFY_THROWS_EXCEPTION(Error, refitBlockScales(f, W.data(), 1, 128, m.xtx, again.data()));
    }

    // The pass's rounding of affine grids, rows side by side in vectors, gives in every build this
    // CPU runs (baseline, AVX2, AVX-512) exactly what rounding one row at a time gives: the same
    // codes and residuals, bit for bit, also where a grid step is zero (a block whose scale is 0)
    // and for a dead column.
    void roundAffineMatchesRowByRow()
    {
        constexpr int64_t nr = 2 * ef_linalg::kRoundLanes, ld = nr + 8, nc = 32;
        constexpr int qmax = 15;
        std::mt19937 rng(7);
        std::normal_distribution<float> nd(0.0f, 1.0f);
        std::vector<float> t(size_t(nc * ld)), t0(t.size()), a(t.size()), b(t.size());
        for (size_t i = 0; i < t.size(); ++i) {
            t0[i] = nd(rng);
            t[i] = t0[i] + 0.1f * nd(rng);
            a[i] = -1.0f + 0.1f * nd(rng);
            b[i] = 2.0f / float(qmax) * (1.0f + 0.2f * nd(rng));
        }
        b[3] = 0.0f;  // column 0, row 3
        b[size_t(5 * ld + 7)] = 0.0f;
        std::vector<float> feed(size_t(nc * nc), 0.0f);
        for (int64_t c = 0; c < nc; ++c)
            for (int64_t k = c + 1; k < nc; ++k)
                feed[size_t(c * nc + k)] = 0.3f * nd(rng) / float(k - c);
        std::vector<uint8_t> dead(static_cast<size_t>(nc), 0);
        dead[9] = 1;
        // Row by row, as error_feedback.cpp's nearestCode and subScaled do it.
        std::vector<float> qRef(t.size(), -1.0f), eRef(t.size(), -1.0f);
        for (int64_t i = 0; i < nr; ++i) {
            std::vector<float> w(static_cast<size_t>(nc));
            for (int64_t c = 0; c < nc; ++c)
                w[size_t(c)] = t[size_t(c * ld + i)];
            for (int64_t c = 0; c < nc; ++c) {
                const size_t at = size_t(c * ld + i);
                int q = 0;
                if (b[at] != 0.0f && std::isfinite(b[at])) {
                    const float r = std::nearbyint((w[size_t(c)] - a[at]) / b[at]);
                    q = r < 0.0f ? 0 : (r > float(qmax) ? qmax : int(r));
                }
                const float level = a[at] + b[at] * float(q);
                qRef[at] = float(q);
                eRef[at] = dead[size_t(c)] ? 0.0f : t0[at] - level;
                if (!dead[size_t(c)])
                    for (int64_t k = c + 1; k < nc; ++k)
                        w[size_t(k)] -= eRef[at] * feed[size_t(c * nc + k)];
            }
        }
        const std::vector<const ef_linalg::Ops*> builds = ef_linalg::runnableOps();
        QVERIFY(!builds.empty());
        for (const ef_linalg::Ops* o : builds) {
            std::vector<float> tt = t, q(t.size(), -1.0f), e(t.size(), -1.0f);
            o->roundAffine(tt.data(), t0.data(), a.data(), b.data(), ld, nr, nc, feed.data(), nc, dead.data(), qmax,
                           q.data(), e.data());
            int64_t sameQ = 0, sameE = 0, moved = 0;
            for (int64_t c = 0; c < nc; ++c)
                for (int64_t i = 0; i < nr; ++i) {
                    const size_t at = size_t(c * ld + i);
                    sameQ += std::memcmp(&q[at], &qRef[at], sizeof(float)) == 0 ? 1 : 0;
                    sameE += std::memcmp(&e[at], &eRef[at], sizeof(float)) == 0 ? 1 : 0;
                    moved += qRef[at] > 0.0f && qRef[at] < float(qmax) ? 1 : 0;
                }
            qInfo("%s: %lld codes and %lld residuals of %lld identical", o->name, (long long)sameQ, (long long)sameE,
                  (long long)(nr * nc));
            QCOMPARE(sameQ, nr * nc);
            QCOMPARE(sameE, nr * nc);
            QVERIFY(moved > nr * nc / 2);  // most codes inside the grid: the feedback was exercised
            QCOMPARE(q[3], 0.0f);            // zero step: code 0
            QCOMPARE(q[size_t(5 * ld + 7)], 0.0f);
            QCOMPARE(e[size_t(9 * ld)], 0.0f);  // dead column: no residual
            QCOMPARE(q[size_t(nr)], -1.0f);     // rows past nr untouched
        }
    }

    // The fast implementation (Cholesky factor, lazy batches, rows in parallel) picks the same levels
    // as the method written out slowly.
    void equalsSlowReference_data()
    {
        QTest::addColumn<QString>("format");
        for (const char* name : {"Q4_0", "Q4_K", "Q6_K", "INT4_SYM_G32", "INT8_ASYM_G128", "INT4_ASYM_CHANNEL",
                                 "INT2_SYM_TENSOR", "INT4_ASYM_TENSOR", "NF4"})
            QTest::newRow(name) << QString::fromLatin1(name);
    }
    void equalsSlowReference()
    {
        QFETCH(QString, format);
        const auto& [f, rows, cols, tokens, W, X, m] = testLayer(format, 4, 256, 1024, 21, 9);
        std::vector<uint8_t> ef(size_t(f.storageBytes(rows, cols)));
        ErrorFeedbackOptions o;
        o.batch = 64;
        o.scaleSearch = 0;  // the reference takes the format's scales
        errorFeedbackQuantize(f, W.data(), rows, cols, m.xtx, ef.data(), o);
        const std::vector<float> fast = decode(f, ef, rows, cols);
        const std::vector<float> slow = slowReference(f, W, rows, cols, m.xtx, o.damping);
        int64_t same = 0;
        for (size_t i = 0; i < fast.size(); ++i)
            same += std::fabs(fast[i] - slow[i]) <= 1e-6f * (1.0f + std::fabs(slow[i])) ? 1 : 0;
        qInfo("%s: %lld of %zu weights identical", qPrintable(format), (long long)same, fast.size());
        QVERIFY(double(same) >= 0.995 * double(fast.size()));
        const double eFast = outputError(W, fast, rows, cols, X, tokens);
        const double eSlow = outputError(W, slow, rows, cols, X, tokens);
        QVERIFY(std::fabs(eFast - eSlow) <= 0.01 * eSlow);
    }

    // Inputs that never fired: their columns round plainly, nothing becomes NaN, the rest still gains.
    void deadInputsFallBackToPlainRounding()
    {
        const Format& f = *findFormat("Q4_0");
        const int64_t rows = 8, cols = 256, tokens = 1024;
        const std::vector<float> W = randomWeights(rows, cols, 4);
        std::vector<float> X = correlatedInputs(tokens, cols, 6);
        for (int64_t t = 0; t < tokens; ++t)
            for (int64_t j = 64; j < 96; ++j)  // one whole block dead
                X[size_t(t * cols + j)] = 0.0f;
        const InputMoments m = momentsOf(X, tokens, cols);
        std::vector<uint8_t> ef(size_t(f.storageBytes(rows, cols))), plain(ef.size());
        errorFeedbackQuantize(f, W.data(), rows, cols, m.xtx, ef.data());
        const std::vector<float> We = decode(f, ef, rows, cols);
        for (float v : We)
            QVERIFY(std::isfinite(v));
        const std::vector<float> imp = diagonalOf(m.xtx, cols);
        f.quantize(W.data(), rows, cols, plain.data(), imp.data());
        QVERIFY(outputError(W, We, rows, cols, X, tokens) < outputError(W, decode(f, plain, rows, cols), rows, cols, X, tokens));
    }

    // A zero second moment (a matrix that never ran): plain rounding, no NaN.
    void zeroMomentIsPlainRounding()
    {
        const Format& f = *findFormat("Q4_0");
        const int64_t rows = 4, cols = 64;
        const std::vector<float> W = randomWeights(rows, cols, 8);
        const std::vector<double> H(size_t(cols * cols), 0.0);
        std::vector<uint8_t> ef(size_t(f.storageBytes(rows, cols))), plain(ef.size());
        errorFeedbackQuantize(f, W.data(), rows, cols, H, ef.data());
        f.quantize(W.data(), rows, cols, plain.data());
        QCOMPARE(ef, plain);
    }

    // Matrices that read the same inputs share one factor of their second moment (made once, also
    // when asked for from two threads at once), and quantizing through it writes the same bytes as
    // through H itself.
    void sharedFactorWritesTheSameBytes()
    {
        const Format& f = *findFormat("Q4_K");
        const int64_t rows = 8, cols = 512;
        const std::vector<float> W = randomWeights(rows, cols, 31);
        const std::vector<float> X = correlatedInputs(1024, cols, 7);
        auto m = std::make_shared<InputMoments>();
        m->add(X.data(), 1024, cols);
        ErrorFeedbackFactors factors;
        std::shared_ptr<const ErrorFeedbackFactor> a, b;
        parallelFor(2, 1, [&](int64_t i, int64_t) { (i == 0 ? a : b) = factors.get(m); });
        QVERIFY(a && a->ok);
        QCOMPARE(a.get(), b.get());
        QCOMPARE(factors.get(m).get(), a.get());
        std::vector<uint8_t> viaFactor(size_t(f.storageBytes(rows, cols))), viaH(viaFactor.size());
        errorFeedbackQuantize(f, W.data(), rows, cols, *a, viaFactor.data());
        errorFeedbackQuantize(f, W.data(), rows, cols, m->xtx, viaH.data());
        QCOMPARE(viaFactor, viaH);
        QVERIFY_THROWS_EXCEPTION(Error, errorFeedbackQuantize(f, W.data(), rows, 256, *a, viaFactor.data()));
    }

    void refusesWhatItCannotWrite()
    {
        const std::vector<float> W(64, 0.5f);
        const std::vector<double> H(64 * 64, 0.0);
        std::vector<uint8_t> dst(1024);
        QVERIFY_THROWS_EXCEPTION(Error, errorFeedbackQuantize(*findFormat("F16"), W.data(), 1, 64, H, dst.data()));
        QVERIFY_THROWS_EXCEPTION(Error, errorFeedbackQuantize(*findFormat("IQ2_XXS"), W.data(), 1, 64, H, dst.data()));
        QVERIFY_THROWS_EXCEPTION(Error, errorFeedbackQuantize(*findFormat("NF4"), W.data(), 1, 32, H, dst.data()));
        QVERIFY_THROWS_EXCEPTION(Error, errorFeedbackQuantize(*findFormat("Q4_K"), W.data(), 1, 64, H, dst.data()));
        QVERIFY_THROWS_EXCEPTION(Error, errorFeedbackQuantize(*findFormat("Q4_0"), W.data(), 1, 64,
                                                               std::vector<double>(10), dst.data()));
    }

    void cancelStopsMidMatrix()
    {
        const Format& f = *findFormat("Q4_0");
        const int64_t rows = 512, cols = 256;
        const std::vector<float> W = randomWeights(rows, cols, 2);
        const std::vector<float> X = correlatedInputs(300, cols, 1);
        const InputMoments m = momentsOf(X, 300, cols);
        std::vector<uint8_t> dst(size_t(f.storageBytes(rows, cols)));
        std::atomic<bool> cancel{true};
        CancelScope scope(&cancel);
        bool cancelled = false;
        try {
            errorFeedbackQuantize(f, W.data(), rows, cols, m.xtx, dst.data());
        } catch (const Error& e) {
            cancelled = e.kind() == ErrorKind::Cancelled;
        }
        QVERIFY(cancelled);
    }

    // The correction towards the source outputs equals the ridge solution written out here, W +
    // W (Xf − X)ᵀ X (XᵀX + λI)⁻¹, both through the tokens' Gram matrix (fewer tokens than inputs)
    // and through XᵀX (more); nothing to correct leaves W alone.
    void sourceCorrectionIsTheRidgeSolution_data()
    {
        QTest::addColumn<int>("tokens");
        QTest::addColumn<int>("width");
        QTest::newRow("gram") << 40 << 96;
        QTest::newRow("moments") << 300 << 64;
    }
    void sourceCorrectionIsTheRidgeSolution()
    {
        QFETCH(int, tokens);
        QFETCH(int, width);
        const int64_t rows = 70;
        const std::vector<float> xf = correlatedInputs(tokens, width, 3);
        const std::vector<float> x = drifted(xf, 5);
        const std::vector<float> W = randomWeights(rows, width, 4);
        const double ridge = 0.5;
        const MatD X = Eigen::Map<const MatF>(x.data(), tokens, width).cast<double>();
        const MatD Xf = Eigen::Map<const MatF>(xf.data(), tokens, width).cast<double>();
        const MatD Wd = Eigen::Map<const MatF>(W.data(), rows, width).cast<double>();
        MatD H = X.transpose() * X;
        const double lambda = ridge * H.diagonal().mean();
        H.diagonal().array() += lambda;
        const MatD expected = Wd + Wd * (Xf - X).transpose() * X * H.inverse();

        const SourceCorrection c(xf.data(), x.data(), tokens, width, ridge);
        QVERIFY(c.active());
        std::vector<float> got = W;
        c.apply(got.data(), rows);
        const MatD G = Eigen::Map<const MatF>(got.data(), rows, width).cast<double>();
        const double rel = (G - expected).norm() / (expected - Wd).norm();
        qInfo("relative difference %.2e of the correction (norm %.3g against W %.3g)", rel, (expected - Wd).norm(), Wd.norm());
        QVERIFY(rel < 1e-4);
        QVERIFY((expected - Wd).norm() > 1e-3 * Wd.norm());  // a real correction was tested

        // Given the inputs' XᵀX (as sequential error feedback passes it), the same correction.
        const SecondMoment xtx = streamSecondMoment(x.data(), tokens, width);
        const SourceCorrection withMoment(xf.data(), x.data(), tokens, width, ridge, &xtx);
        std::vector<float> got2 = W;
        withMoment.apply(got2.data(), rows);
        QCOMPARE(got2, got);

        const SourceCorrection none(xf.data(), xf.data(), tokens, width, ridge);
        QVERIFY(!none.active());
        std::vector<float> same = W;
        none.apply(same.data(), rows);
        QCOMPARE(same, W);
    }

    // fitInputScale: where the rounding only scaled the columns (Ŵ = W diag(1/s0)), the fit finds s0.
    void inputScaleRecoversColumnScales()
    {
        const int64_t rows = 48, n = 16, tokens = 300;
        const std::vector<float> W = randomWeights(rows, n, 31), X = correlatedInputs(tokens, n, 32);
        std::mt19937 rng(33);
        std::uniform_real_distribution<float> u(0.7f, 1.3f);
        std::vector<float> s0(static_cast<size_t>(n)), Wq(W.size());
        for (float& v : s0)
            v = u(rng);
        for (int64_t r = 0; r < rows; ++r)
            for (int64_t i = 0; i < n; ++i)
                Wq[size_t(r * n + i)] = W[size_t(r * n + i)] / s0[size_t(i)];
        const InputScale fit = fitInputScale({{W.data(), Wq.data(), rows}}, X.data(), X.data(), tokens, n, 1e-9);
        QVERIFY(fit.reduction > 0);
        for (int64_t i = 0; i < n; ++i)
            QVERIFY2(std::fabs(fit.scale[size_t(i)] - s0[size_t(i)]) < 1e-3f * s0[size_t(i)], std::to_string(i).c_str());
        // Nothing to correct: the rounding is exact and the inputs are the source's.
        const InputScale none = fitInputScale({{W.data(), W.data(), rows}}, X.data(), X.data(), tokens, n);
        for (float v : none.scale)
            QVERIFY(std::fabs(v - 1.0f) < 1e-4f);
    }

    // With real roundings of a group of two matrices and inputs that drifted from the source's, the
    // fitted scales lower the group's output error Σ_W ‖Xf Wᵀ − X diag(s) Ŵᵀ‖² by what they report.
    void inputScaleLowersGroupError()
    {
        const int64_t n = 64, tokens = 400;
        const Format& f = *findFormat("Q4_0");
        const std::vector<float> Xf = correlatedInputs(tokens, n, 41);
        const std::vector<float> X = drifted(Xf, 42);
        std::vector<std::vector<float>> W, Wq;
        std::vector<RoundedMatrix> group;
        for (int64_t rows : {96, 32}) {
            W.push_back(randomWeights(rows, n, uint32_t(50 + rows)));
            Wq.push_back(f.roundTrip(W.back().data(), rows, n));
        }
        for (size_t k = 0; k < W.size(); ++k)
            group.push_back({W[k].data(), Wq[k].data(), int64_t(W[k].size()) / n});
        auto groupError = [&](const std::vector<float>& s) {
            const Eigen::Map<const MatF> xf(Xf.data(), tokens, n), x(X.data(), tokens, n);
            const Eigen::RowVectorXf sv = Eigen::Map<const Eigen::RowVectorXf>(s.data(), n);
            double e = 0;
            for (size_t k = 0; k < W.size(); ++k) {
                const int64_t rows = int64_t(W[k].size()) / n;
                const Eigen::Map<const MatF> w(W[k].data(), rows, n), wq(Wq[k].data(), rows, n);
                const MatF xs = x.array().rowwise() * sv.array();
                e += (xf.cast<double>() * w.cast<double>().transpose() - xs.cast<double>() * wq.cast<double>().transpose())
                         .squaredNorm();
            }
            return e;
        };
        const InputScale fit = fitInputScale(group, Xf.data(), X.data(), tokens, n);
        const double before = groupError(std::vector<float>(size_t(n), 1.0f)), after = groupError(fit.scale);
        QVERIFY2(after < 0.99 * before, (std::to_string(after) + " vs " + std::to_string(before)).c_str());
        QVERIFY(std::fabs((before - after) - fit.reduction) < 1e-3 * before);
        // Given XᵀX (as the sequential pass has it from the rounding) the fit is the same.
        const SecondMoment xtx = streamSecondMoment(X.data(), tokens, n);
        const InputScale given = fitInputScale(group, Xf.data(), X.data(), tokens, n, 0.01, &xtx);
        for (int64_t i = 0; i < n; ++i)
            QVERIFY(std::fabs(given.scale[size_t(i)] - fit.scale[size_t(i)]) < 1e-4f);
        QVERIFY_THROWS_EXCEPTION(Error, fitInputScale({}, Xf.data(), X.data(), tokens, n));
    }

    // fitClassifierScale: where the rounded model's classifier inputs are the source's divided by s0
    // per input (and the classifier itself exact), the KL fit finds s0 and the divergence vanishes;
    // with gemma2's logit softcap as well.
    void classifierScaleRecoversInputScales_data()
    {
        QTest::addColumn<float>("softcap");
        QTest::newRow("plain") << 0.0f;
        QTest::newRow("softcap") << 4.0f;
    }
    void classifierScaleRecoversInputScales()
    {
        QFETCH(float, softcap);
        const int64_t vocab = 40, n = 8, tokens = 256;
        std::mt19937 rng(61);
        std::normal_distribution<float> g(0.0f, 1.0f);
        std::uniform_real_distribution<float> u(0.7f, 1.3f);
        std::vector<float> e(size_t(vocab * n)), xf(size_t(tokens * n)), x(xf.size()), s0(static_cast<size_t>(n));
        for (float& v : e)
            v = 0.7f * g(rng);
        for (float& v : s0)
            v = u(rng);
        for (int64_t t = 0; t < tokens; ++t)
            for (int64_t i = 0; i < n; ++i) {
                xf[size_t(t * n + i)] = g(rng);
                x[size_t(t * n + i)] = xf[size_t(t * n + i)] / s0[size_t(i)];
            }
        const ClassifierScale k = fitClassifierScale(e.data(), e.data(), vocab, xf.data(), x.data(), tokens, n, softcap, 300);
        QVERIFY(k.before > 0.01);
        QVERIFY2(k.after < 0.01 * k.before, (std::to_string(k.after) + " vs " + std::to_string(k.before)).c_str());
        for (int64_t i = 0; i < n; ++i)
            QVERIFY2(std::fabs(k.scale[size_t(i)] - s0[size_t(i)]) < 0.02f * s0[size_t(i)], std::to_string(i).c_str());
        // The same numbers on a second run (sums per chunk, added in order).
        const ClassifierScale again = fitClassifierScale(e.data(), e.data(), vocab, xf.data(), x.data(), tokens, n, softcap, 300);
        QCOMPARE(again.scale, k.scale);
        QCOMPARE(again.after, k.after);
    }

    // With a rounded classifier (Q4_0) and drifted inputs the fit lowers the divergence it reports,
    // and s = 1 stays when nothing differs.
    void classifierScaleLowersDivergence()
    {
        const int64_t vocab = 64, n = 32, tokens = 300;
        const Format& f = *findFormat("Q4_0");
        std::vector<float> e = randomWeights(vocab, n, 71);
        for (float& v : e)
            v *= 60.0f;
        const std::vector<float> eq = f.roundTrip(e.data(), vocab, n);
        const std::vector<float> xf = correlatedInputs(tokens, n, 72), x = drifted(xf, 73);
        const ClassifierScale k = fitClassifierScale(e.data(), eq.data(), vocab, xf.data(), x.data(), tokens, n);
        QVERIFY2(k.after < 0.98 * k.before, (std::to_string(k.after) + " vs " + std::to_string(k.before)).c_str());
        const ClassifierScale none = fitClassifierScale(e.data(), e.data(), vocab, xf.data(), xf.data(), tokens, n);
        QVERIFY(none.before < 1e-6);
        for (float v : none.scale)
            QCOMPARE(v, 1.0f);
        QVERIFY_THROWS_EXCEPTION(Error, fitClassifierScale(e.data(), eq.data(), 0, xf.data(), x.data(), tokens, n));
    }

    // A session's normed input scaled by s is what the session computes with the norm's weights
    // scaled by s (how the sequential pass folds a fitted scale in between pieces).
    void scaleNormedEqualsScaledNorm()
    {
        const auto model = openModel(test::stories(QStringLiteral("stories260K-f32.gguf")).toStdString());
        const LlamaWeights w = LlamaWeights::fromModel(*model);
        LlamaWeights scaled = w;
        const std::string norm = productGroupNorm(1, 2);
        QCOMPARE(norm, std::string("blk.1.ffn_norm.weight"));
        QVERIFY(productGroupNorm(1, 3).empty());
        std::vector<float> s(size_t(w.config.dim)), g = w.get(norm).toFloat();
        for (size_t i = 0; i < s.size(); ++i) {
            s[i] = 0.8f + 0.01f * float(i % 40);
            g[i] *= s[i];
        }
        scaled.replace(norm, g);
        const std::vector<int32_t> tokens{1, 5, 9, 200, 7, 31};
        LlamaSession a(w, 8), b(scaled, 8);
        a.begin(tokens);
        b.begin(tokens);
        for (int p = 0; p < LlamaSession::kLayerPieces; ++p) {
            a.piece(0, p);
            b.piece(0, p);
        }
        for (int p = 0; p < 2; ++p) {
            a.piece(1, p);
            b.piece(1, p);
        }
        const RowMatrix na = *a.piece(1, 2), nb = *b.piece(1, 2);
        a.scaleNormed(s);
        const RowMatrix scaledInput = na.array().rowwise() * Eigen::Map<const Eigen::RowVectorXf>(s.data(), Eigen::Index(s.size())).array();
        auto close = [](const RowMatrix& x, const RowMatrix& y) {
            return x.allFinite() && (x - y).cwiseAbs().maxCoeff() <= 1e-5f * (1.0f + y.cwiseAbs().maxCoeff());
        };
        QVERIFY(close(scaledInput, nb));
        QVERIFY(!close(na, nb));
        // The next piece reads the scaled input: the down projection's input agrees too.
        QVERIFY(close(*a.piece(1, 3), *b.piece(1, 3)));
        QVERIFY_THROWS_EXCEPTION(Error, a.scaleNormed(std::vector<float>(3, 1.0f)));
    }

    // quantize --error-feedback writes the bytes of applyErrorFeedback (the sequential pass that
    // compare --eval --error-feedback evaluates) on the same calibration tokens.
    void exportEqualsEvaluatedWeights()
    {
        QTemporaryDir dir;
        const QString src = test::stories(QStringLiteral("stories260K-f32.gguf"));
        const QString tokens = test::stories(QStringLiteral("eval-tokens.json"));
        const QString ef = dir.filePath(QStringLiteral("ef.gguf"));
        QByteArray out, err;
        QVERIFY2(test::runCli({QStringLiteral("quantize"), src, QStringLiteral("--type"), QStringLiteral("Q4_1"),
                               QStringLiteral("--pure"), QStringLiteral("--error-feedback"), QStringLiteral("--calib-tokens"),
                               tokens, QStringLiteral("--output"), ef},
                              &out, &err) == 0,
                 err.constData());
        const auto model = openModel(src.toStdString());
        const LlamaWeights w = LlamaWeights::fromModel(*model);
        PlanSpec plan(QStringLiteral("Q4_1").toStdString());
        plan.pure = true;
        const PlanSpec prec = precisionForPlan(*model, w, plan);
        const ActivationStats calib = collectImportance(w, loadTokenFile(tokens.toStdString(), w.config.vocabSize));
        const LlamaWeights q = applyErrorFeedback(w, prec, calib);
        const auto written = openModel(ef.toStdString());
        int compared = 0;
        for (const auto& t : written->tensors) {
            const WeightTensor* e = q.find(t.name);
            QVERIFY(e);
            if (e->q.format || e->q.type != GgmlType::Q4_1)
                continue;
            const size_t rb = kernels::rowBytes(e->q.type, e->cols);
            std::vector<uint8_t> bytes(size_t(e->rows) * rb);
            for (int64_t r = 0; r < e->rows; ++r)
                kernels::plainRow(e->q, r, bytes.data() + size_t(r) * rb);
            const auto d = written->data(t);
            QCOMPARE(d.size(), bytes.size());
            QVERIFY2(std::memcmp(d.data(), bytes.data(), bytes.size()) == 0, t.name.c_str());
            ++compared;
        }
        QVERIFY(compared >= 20);  // token_embd and the Q/K/V, output and gate/up matrices of 5 layers
        // The norms error feedback rescaled are written as it evaluated them.
        int norms = 0;
        for (const auto& t : written->tensors) {
            if (t.name.find("norm") == std::string::npos)
                continue;
            const std::vector<float> v = q.get(t.name).toFloat();
            const auto d = written->data(t);
            QCOMPARE(d.size(), v.size() * sizeof(float));
            QVERIFY2(std::memcmp(d.data(), v.data(), d.size()) == 0, t.name.c_str());
            norms += v != w.get(t.name).toFloat() ? 1 : 0;
        }
        QCOMPARE(norms, 11);  // attn_norm and ffn_norm of 5 layers, output_norm
        // And they are not plain rounding: the layers after the first differ from it.
        const LlamaWeights plain = applyPrecision(w, prec);
        QVERIFY(plain.get("blk.3.attn_q.weight").toFloat() != q.get("blk.3.attn_q.weight").toFloat());
        QCOMPARE(plain.get("token_embd.weight").toFloat(), q.get("token_embd.weight").toFloat());
    }

    // A cancel request stops the sequential pass between (and within) matrices.
    void cancelStopsSequentialPass()
    {
        const auto model = openModel(test::stories(QStringLiteral("stories260K-f32.gguf")).toStdString());
        const LlamaWeights w = LlamaWeights::fromModel(*model);
        PlanSpec plan(std::string("Q4_0"));
        plan.pure = true;
        const PlanSpec prec = precisionForPlan(*model, w, plan);
        const ActivationStats calib = collectImportance(w, sampleTokens(w, 64, 9));
        std::atomic<bool> cancel{true};
        CancelScope scope(&cancel);
        bool cancelled = false;
        try {
            applyErrorFeedback(w, prec, calib);
        } catch (const Error& e) {
            cancelled = e.kind() == ErrorKind::Cancelled;
        }
        QVERIFY(cancelled);
    }

    // The model: compare --eval --error-feedback on stories260K (calibration sampled with seed 2,
    // evaluation on eval-tokens.json): sequential error feedback lowers the KL of Q4_0, Q4_1 and of
    // the INT family's NF4 by more than 10% (here about half: Q4_1 1.26 against 2.23, NF4 1.29
    // against 2.62).
    void compareReportsLowerKl()
    {
        QByteArray out, err;
        const int rc = test::runCli({QStringLiteral("compare"), test::stories(QStringLiteral("stories260K-f32.gguf")),
                                     QStringLiteral("--types"), QStringLiteral("Q4_0,Q4_1,NF4"), QStringLiteral("--pure"),
                                     QStringLiteral("--eval"), QStringLiteral("--tokens"),
                                     test::stories(QStringLiteral("eval-tokens.json")), QStringLiteral("--error-feedback"),
                                     QStringLiteral("--json")},
                                    &out, &err);
        QVERIFY2(rc == 0, err.constData());
        const QJsonArray rows = QJsonDocument::fromJson(out).object().value(QStringLiteral("results")).toArray();
        QCOMPARE(rows.size(), 3);
        for (int i = 0; i < 3; ++i) {
            const QJsonObject r = rows.at(i).toObject();
            const double plain = r.value(QStringLiteral("kld_mean")).toDouble();
            const double ef = r.value(QStringLiteral("ef_kld_mean")).toDouble();
            qInfo("%s: KL plain %.4f, error feedback %.4f", qPrintable(r.value(QStringLiteral("type")).toString()), plain, ef);
            QVERIFY(ef > 0.0);
            QVERIFY(ef < 0.9 * plain);
            // The layers' output error on the evaluation stream's inputs (held out from calibration).
            const double outPlain = r.value(QStringLiteral("output_error")).toDouble();
            const double outEf = r.value(QStringLiteral("ef_output_error")).toDouble();
            qInfo("  layer output error plain %.4f, error feedback %.4f", outPlain, outEf);
            QVERIFY(outPlain > 0 && outPlain < 1);
            // Sequential error feedback aims each layer at the source's outputs from the inputs
            // of the model quantized so far, not at the source's inputs: on those its error is
            // about plain rounding's here (a 64-wide model; 0.6x plain on the 12M demo, README).
            QVERIFY(outEf > 0 && outEf < 1.25 * outPlain);
        }
        // Calibrating on the evaluation stream is refused.
        const int same = test::runCli({QStringLiteral("compare"), test::stories(QStringLiteral("stories260K-f32.gguf")),
                                       QStringLiteral("--types"), QStringLiteral("Q4_0"), QStringLiteral("--eval"),
                                       QStringLiteral("--tokens"), test::stories(QStringLiteral("eval-tokens.json")),
                                       QStringLiteral("--calib-tokens"), test::stories(QStringLiteral("eval-tokens.json")),
                                       QStringLiteral("--error-feedback")},
                                      &out, &err);
        QCOMPARE(same, 2);
        QVERIFY(err.contains("calib"));
    }

    // quantize --error-feedback writes a GGUF of the same layout as plain (other bytes), and refuses
    // outputs it cannot write this way.
    void quantizeWritesOrdinaryBlocks()
    {
        QTemporaryDir dir;
        const QString src = test::stories(QStringLiteral("stories260K-f32.gguf"));
        const QString plain = dir.filePath(QStringLiteral("plain.gguf")), ef = dir.filePath(QStringLiteral("ef.gguf"));
        QByteArray out, err;
        QCOMPARE(test::runCli({QStringLiteral("quantize"), src, QStringLiteral("--type"), QStringLiteral("Q4_0"),
                               QStringLiteral("--pure"), QStringLiteral("--output"), plain}, &out, &err), 0);
        QVERIFY2(test::runCli({QStringLiteral("quantize"), src, QStringLiteral("--type"), QStringLiteral("Q4_0"),
                               QStringLiteral("--pure"), QStringLiteral("--error-feedback"), QStringLiteral("--calib-sample"),
                               QStringLiteral("256"), QStringLiteral("--output"), ef}, &out, &err) == 0, err.constData());
        const auto a = openModel(plain.toStdString()), b = openModel(ef.toStdString());
        QCOMPARE(a->tensors.size(), b->tensors.size());
        int differing = 0;
        for (size_t i = 0; i < a->tensors.size(); ++i) {
            QCOMPARE(a->tensors[i].name, b->tensors[i].name);
            QCOMPARE(a->tensors[i].dtype, b->tensors[i].dtype);
            const auto da = a->data(a->tensors[i]), db = b->data(b->tensors[i]);
            QCOMPARE(da.size(), db.size());
            differing += std::memcmp(da.data(), db.data(), da.size()) != 0 ? 1 : 0;
        }
        QVERIFY(differing > 0);
        // An output that cannot hold the format (NF4 in a GGUF) is refused, nothing left behind.
        QCOMPARE(test::runCli({QStringLiteral("quantize"), src, QStringLiteral("--type"), QStringLiteral("NF4"),
                               QStringLiteral("--error-feedback"), QStringLiteral("--output"),
                               dir.filePath(QStringLiteral("x.gguf"))}, &out, &err), 2);
        QVERIFY(!QFileInfo::exists(dir.filePath(QStringLiteral("x.gguf"))));
    }

    // The INT family's error feedback exported as fake-quant safetensors: from the Hugging Face
    // layout (rotate-half q/k rows), every tensor holds the values the evaluation rounded, back in
    // that layout and stored in the source's F16; the norms it rescaled too; not plain rounding.
    void fakeQuantExportEqualsEvaluatedWeights()
    {
        QTemporaryDir dir;
        const QString src = test::stories(QStringLiteral("model.safetensors"));
        const QString tokens = test::stories(QStringLiteral("eval-tokens.json"));
        const QString ef = dir.filePath(QStringLiteral("ef.safetensors")), plain = dir.filePath(QStringLiteral("plain.safetensors"));
        QByteArray out, err;
        QVERIFY2(test::runCli({QStringLiteral("quantize"), src, QStringLiteral("--type"), QStringLiteral("NF4"),
                               QStringLiteral("--error-feedback"), QStringLiteral("--calib-tokens"), tokens,
                               QStringLiteral("--output"), ef},
                              &out, &err) == 0,
                 err.constData());
        QVERIFY2(test::runCli({QStringLiteral("quantize"), src, QStringLiteral("--type"), QStringLiteral("NF4"),
                               QStringLiteral("--output"), plain}, &out, &err) == 0, err.constData());
        const auto model = openModel(src.toStdString());
        const LlamaWeights w = LlamaWeights::fromModel(*model);
        const PlanSpec prec = precisionForPlan(*model, w, PlanSpec("NF4"));
        const ActivationStats calib = collectImportance(w, loadTokenFile(tokens.toStdString(), w.config.vocabSize));
        const LlamaWeights q = applyErrorFeedback(w, prec, calib);
        const auto written = openModel(ef.toStdString()), plainFile = openModel(plain.toStdString());
        int rounded = 0, norms = 0, permuted = 0;
        for (const auto& t : written->tensors) {
            const std::string gguf = ggufName(*model, t.name);
            const WeightTensor* e = q.find(gguf);
            QVERIFY2(e, t.name.c_str());
            const TensorInfo* s = model->find(t.name);
            QVERIFY(s);
            std::vector<float> expect = sourceLayoutWeights(*model, *s, e->toFloat());
            for (float& v : expect)  // stored as the source's F16
                v = fp16ToFp32(fp32ToFp16(v));
            QCOMPARE(t.dtype, std::string("F16"));
            const std::vector<float> got = written->toFloat(t);
            QVERIFY2(got == expect, t.name.c_str());
            if (e->q.format && e->q.format->name() == "NF4") {
                ++rounded;
                permuted += gguf.find("attn_q") != std::string::npos || gguf.find("attn_k") != std::string::npos;
            }
            norms += gguf.find("norm") != std::string::npos && got != model->toFloat(*s);
        }
        QCOMPARE(rounded, 32);  // embed_tokens, lm_head, and the Q/K/V, output and gate/up matrices of 5 layers
        QCOMPARE(permuted, 10);
        QCOMPARE(norms, 11);    // attn_norm and ffn_norm of 5 layers, output_norm
        const TensorInfo* a = written->find("model.layers.3.self_attn.q_proj.weight");
        const TensorInfo* b = plainFile->find("model.layers.3.self_attn.q_proj.weight");
        QVERIFY(a && b);
        QVERIFY(written->toFloat(*a) != plainFile->toFloat(*b));
    }
};

QTEST_GUILESS_MAIN(TestErrorFeedback)
#include "test_error_feedback.moc"
