// Block inspector: for every inspectable format, the decoded block agrees with the format's own
// dequantizer, every reconstruction is one of the block's levels, codes are in range and the
// formula's numbers evaluate to the reconstruction.
#include "core/util/error.h"
#include "core/formats/format.h"
#include "core/formats/inspect.h"

#include <QtTest>

#include <bit>

#include <cmath>
#include <random>
#include <string>

using namespace qs;

namespace {

std::vector<float> testTensor(int64_t rows, int64_t cols, unsigned seed)
{
    std::mt19937 rng(seed);
    std::normal_distribution<float> n(0.0f, 1.0f);
    std::vector<float> v(size_t(rows * cols));
    for (size_t i = 0; i < v.size(); ++i) {
        v[i] = 0.03f * n(rng) * (1.0f + float((i / 64) % 4));
        if (i % 97 == 5)
            v[i] *= 6.0f;
        if (i % 131 == 0)
            v[i] = std::fabs(v[i]) + 0.05f;  // some positive-skewed blocks for the asymmetric formats
    }
    return v;
}

// Evaluates the numeric expression of a formula: the text between its last two '=' signs
// (numbers, × + − and parentheses).
struct Eval {
    std::string s;
    size_t p = 0;
    bool ok = true;
    void skip()
    {
        while (p < s.size() && s[p] == ' ')
            ++p;
    }
    double number()
    {
        skip();
        size_t used = 0;
        double v = 0;
        try {
            v = std::stod(s.substr(p), &used);
        } catch (...) {
            ok = false;
        }
        p += used;
        return v;
    }
    double factor()
    {
        skip();
        if (p < s.size() && s[p] == '(') {
            ++p;
            const double v = expr();
            skip();
            if (p < s.size() && s[p] == ')')
                ++p;
            else
                ok = false;
            return v;
        }
        if (p < s.size() && s[p] == '-') {
            ++p;
            return -factor();
        }
        return number();
    }
    double term()
    {
        double v = factor();
        for (skip(); p < s.size() && s[p] == '*'; skip()) {
            ++p;
            v *= factor();
        }
        return v;
    }
    double expr()
    {
        double v = term();
        for (skip(); p < s.size() && (s[p] == '+' || s[p] == '-'); skip()) {
            const char op = s[p++];
            v = op == '+' ? v + term() : v - term();
        }
        return v;
    }
};

std::string replaceAll(std::string s, const std::string& a, const std::string& b)
{
    for (size_t i = s.find(a); i != std::string::npos; i = s.find(a, i + b.size()))
        s.replace(i, a.size(), b);
    return s;
}

bool evalFormula(const std::string& formula, double& value, double& result)
{
    std::string f = replaceAll(replaceAll(formula, "\u2212", "-"), "\u00d7", "*");
    const size_t last = f.rfind('=');
    if (last == std::string::npos)
        return false;
    const size_t prev = f.rfind('=', last - 1);
    if (prev == std::string::npos)
        return false;
    Eval e{f.substr(prev + 1, last - prev - 1)};
    value = e.expr();
    e.skip();
    Eval r{f.substr(last + 1)};
    result = r.expr();
    return e.ok && r.ok && e.p == e.s.size();
}

}  // namespace

class TestInspect : public QObject {
    Q_OBJECT
private slots:
    // Every registered format but the floats has a block grid to show: a new format without its
    // inspector decoding fails here instead of showing as unsupported.
    void everyFormat_data()
    {
        QTest::addColumn<QString>("name");
        int rows = 0;
        for (const Format* f : allFormats()) {
            QCOMPARE(inspectSupported(*f), f->family() != FormatFamily::Float);
            if (inspectSupported(*f)) {
                QTest::newRow(f->name().c_str()) << QString::fromStdString(f->name());
                ++rows;
            }
        }
        QVERIFY(rows >= 20);
    }
    void everyFormat()
    {
        QFETCH(QString, name);
        const Format* f = findFormat(name.toStdString());
        QVERIFY(f);
        QVERIFY(inspectSupported(*f));
        const int64_t rows = 3, cols = 512;
        const auto w = testTensor(rows, cols, 7);
        const auto deq = f->roundTrip(w.data(), rows, cols);
        const int len = inspectBlockLength(*f, cols);
        QVERIFY(len == 16 || len == 32 || len == 64 || len == 128);
        const int64_t nb = inspectBlocksPerRow(*f, cols);
        QCOMPARE(nb * len, cols);
        int formulasChecked = 0;
        for (int64_t row = 0; row < rows; ++row)
            for (int64_t b = 0; b < nb; ++b) {
                const BlockInspection r = inspectBlock(*f, w.data(), rows, cols, row, b);
                QCOMPARE(r.length, len);
                QCOMPARE(r.col0, b * len);
                QCOMPARE(int(r.levels.size()), r.codeMax - r.codeMin + 1);
                QVERIFY(r.codeMax > r.codeMin);
                for (int j = 0; j < len; ++j) {
                    QCOMPARE(r.original[size_t(j)], w[size_t(row * cols + b * len + j)]);
                    const int c = r.codes[size_t(j)];
                    QVERIFY2(c >= r.codeMin && c <= r.codeMax, qPrintable(QString::number(c)));
                    const float y = deq[size_t(row * cols + b * len + j)];
                    // bit-exact with the format's own dequantizer
                    QCOMPARE(r.reconstructed[size_t(j)], y);
                    bool found = false;
                    for (float l : r.levels)
                        found = found || l == y;
                    QVERIFY2(found, "reconstruction is not one of the block's levels");
                    QCOMPARE(r.error[size_t(j)], y - w[size_t(row * cols + b * len + j)]);
                }
                // The formula of the largest weight: its numbers evaluate to the reconstruction.
                int jm = 0;
                for (int j = 1; j < len; ++j)
                    if (std::fabs(r.original[size_t(j)]) > std::fabs(r.original[size_t(jm)]))
                        jm = j;
                for (int j : {0, jm}) {
                    const std::string fs = r.formulaFor(j);
                    double value = 0, result = 0;
                    QVERIFY2(evalFormula(fs, value, result), fs.c_str());
                    float lmax = 0;
                    for (float l : r.levels)
                        lmax = std::max(lmax, std::fabs(l));
                    const double tol = 2e-3 * lmax + 1e-7;
                    QVERIFY2(std::fabs(result - r.reconstructed[size_t(j)]) <= tol, fs.c_str());
                    QVERIFY2(std::fabs(value - r.reconstructed[size_t(j)]) <= tol, fs.c_str());
                    QVERIFY(fs.find(formatNumber(r.codes[size_t(j)], 12)) != std::string::npos);
                    ++formulasChecked;
                }
                QVERIFY(!r.formulaGeneral.empty());
                QVERIFY(!r.scaleFormula.empty());
                if (r.kquant) {
                    QCOMPARE(r.subBlocks * len, 256);
                    QCOMPARE(int(r.subScales.size()), r.subBlocks);
                    QCOMPARE(r.superBlock, b / r.subBlocks);
                    QCOMPARE(r.scale, r.superD * float(r.subScales[size_t(r.subBlock)]));
                    const int smax = r.subScaleBits == 8 ? 127 : (1 << r.subScaleBits) - 1;
                    for (int s : r.subScales)
                        QVERIFY(s <= smax && s >= -smax - 1);
                    QCOMPARE(r.superDmin.has_value(), !r.subMins.empty());
                }
                // Lattice formats: the groups' grid points and signs give every weight.
                const bool isLattice = f->name().starts_with("IQ1") || f->name().starts_with("IQ2") ||
                                       f->name().starts_with("IQ3");
                QCOMPARE(!r.lattice.empty(), isLattice);
                if (!r.lattice.empty()) {
                    QVERIFY(r.latticePoints >= 256);
                    const int g = int(r.lattice[0].magnitudes.size());
                    QVERIFY(g == 4 || g == 8);
                    QCOMPARE(int(r.lattice.size()) * g, len);
                    for (size_t k = 0; k < r.lattice.size(); ++k) {
                        const auto& grp = r.lattice[k];
                        QVERIFY(grp.point >= 0 && grp.point < r.latticePoints);
                        QCOMPARE(int(grp.magnitudes.size()), g);
                        QVERIFY(r.latticeSigns || grp.negatives == 0);
                        QCOMPARE(grp.shift != 0.0f, !r.latticeSigns);  // IQ1's +-1/8
                        for (int j = 0; j < g; ++j) {
                            const int m = grp.magnitudes[size_t(j)];
                            const float v = float((grp.negatives >> j) & 1 ? -m : m) + grp.shift;
                            QCOMPARE(r.reconstructed[k * size_t(g) + size_t(j)], r.scale * v);
                        }
                        if (r.paritySigns && (k * size_t(g)) % 8 + size_t(g) == 8) {  // the group ends 8 weights
                            int minus = 0;
                            for (size_t q = k + 1 - 8 / size_t(g); q <= k; ++q)
                                minus += std::popcount(r.lattice[q].negatives);
                            QCOMPARE(minus % 2, 0);
                        }
                    }
                }
            }
        QVERIFY(formulasChecked >= 2 * rows * nb);
    }

    // One large weight widens its block's grid: the scale grows and the other weights lose levels.
    void outlierWidensTheGrid()
    {
        for (const char* n : {"Q8_0", "Q4_0", "INT4_SYM_G32"}) {
            const Format* f = findFormat(n);
            auto w = testTensor(1, 64, 3);
            const auto a = inspectBlock(*f, w.data(), 1, 64, 0, 1);
            w[32 + 4] = 10.0f * std::fabs(w[32 + 4]) + 1.0f;
            const auto b = inspectBlock(*f, w.data(), 1, 64, 0, 1);
            QVERIFY2(std::fabs(b.scale) > 3.0f * std::fabs(a.scale), n);
            double ea = 0, eb = 0;
            for (int j = 0; j < 32; ++j)
                if (j != 4) {
                    ea += double(a.error[size_t(j)]) * a.error[size_t(j)];
                    eb += double(b.error[size_t(j)]) * b.error[size_t(j)];
                }
            QVERIFY2(eb > ea, n);
        }
    }

    void handChecked()
    {
        // Q8_0 block of i/31 for i = 0..31: d close to 1/127 (the scale search may move it by
        // half a level), weight 0 on code 0, the largest on the top code.
        std::vector<float> w(32);
        for (int i = 0; i < 32; ++i)
            w[size_t(i)] = float(i) / 31.0f;
        const auto r = inspectBlock(*findFormat("Q8_0"), w.data(), 1, 32, 0, 0);
        QVERIFY(std::fabs(r.scale * 127.0f - 1.0f) < 0.01f);
        QVERIFY(r.codes[31] == 127 || r.codes[31] == 126);
        QCOMPARE(r.codes[0], 0);
        QCOMPARE(r.codeMin, -127);
        QCOMPARE(r.levels.size(), size_t(255));
        QCOMPARE(r.formulaFor(31), std::string("x̂ = d·q = ") + formatNumber(r.scale) + " × " + std::to_string(r.codes[31]) + " = " +
                                       formatNumber(r.reconstructed[31]));
        QCOMPARE(formatNumber(-0.0615), std::string("\u22120.0615"));
    }

    void badInput()
    {
        std::vector<float> w(64, 1.0f);
        QVERIFY_THROWS_EXCEPTION(Error, inspectBlock(*findFormat("Q8_0"), w.data(), 1, 64, 0, 2));
        QVERIFY_THROWS_EXCEPTION(Error, inspectBlock(*findFormat("Q8_0"), w.data(), 1, 64, 1, 0));
        QVERIFY_THROWS_EXCEPTION(Error, inspectBlock(*findFormat("Q2_K"), w.data(), 1, 64, 0, 0));
        QVERIFY_THROWS_EXCEPTION(Error, inspectBlock(*findFormat("F16"), w.data(), 1, 64, 0, 0));
        QVERIFY(!inspectSupported(*findFormat("F32")));
    }
};

QTEST_GUILESS_MAIN(TestInspect)
#include "test_inspect.moc"
