// For every GGUF block format, the fast (vectorised, multithreaded) quantizer writes exactly the
// bytes of the scalar reference quantizer, on many shapes and data, with and without importance.
#include "core/formats/format.h"
#include "core/util/cpu.h"
#include "core/util/isa.h"
#include "core/util/parallel.h"
#include "tests/interop/ggml_lib.h"

#include <QtTest>

#include <random>
#include <string_view>

using namespace qs;
using namespace qs::test;

class TestGgufFastPath : public QObject {
    Q_OBJECT
private slots:
    // The fast path under test is the CPU's best: the AVX2 kernels wherever the CPU has AVX2
    // (compiled into this binary and chosen at start-up), the baseline ones otherwise (also with
    // QS_NO_AVX2=1). Fails loudly when the AVX2 paths were not built or not selected.
    void fastPathIsTheCpusBest()
    {
        const bool avx2 = cpuHasAvx2() || std::string_view(QS_ISA_NAME) == "avx2";  // or the whole build targets AVX2
        int blockFormats = 0;
        for (const Format* f : allFormats()) {
            if (f->family() != FormatFamily::Gguf)
                continue;
            ++blockFormats;
            QVERIFY2(std::string_view(f->isa()) == (avx2 ? "avx2" : "base"),
                     qPrintable(QString::fromStdString(f->name()) + " runs " + f->isa()));
        }
        QVERIFY(blockFormats >= 11);
    }

    void fastEqualsReference()
    {
        std::mt19937 rng(3);
        std::uniform_real_distribution<float> u(0.0f, 3.0f);
        // Under the sanitizers (QS_SANITIZED, ~10x slower) fewer shapes: one row, a few rows, one and
        // several blocks, the tail of a multi-block row; the normal build covers them all.
        const bool sanitized = qEnvironmentVariableIsSet("QS_SANITIZED");
        const std::vector<int64_t> rowCounts = sanitized ? std::vector<int64_t>{1, 7} : std::vector<int64_t>{1, 3, 7, 33};
        const std::vector<int64_t> blockCounts = sanitized ? std::vector<int64_t>{1, 3, 8} : std::vector<int64_t>{1, 2, 3, 5, 8};
        for (const Format* f : ggufFormats()) {
            const int64_t b = f->blockSize();
            int checked = 0;
            for (int64_t rows : rowCounts) {
                for (int64_t blocks : blockCounts) {
                    const int64_t cols = blocks * b;
                    for (const Matrix& m : syntheticMatrices(uint32_t(rows * 131 + blocks), rows, cols)) {
                        std::vector<float> w(static_cast<size_t>(cols));
                        for (float& v : w)
                            v = rng() % 5 == 0 ? 0.0f : u(rng);
                        for (const float* imp : {static_cast<const float*>(nullptr), static_cast<const float*>(w.data())}) {
                            std::vector<unsigned char> fast(f->storageBytes(rows, cols), 0x11);
                            std::vector<unsigned char> ref(f->storageBytes(rows, cols), 0x22);
                            f->quantize(m.data.data(), rows, cols, fast.data(), imp);
                            f->quantizeReference(m.data.data(), rows, cols, ref.data(), imp);
                            if (fast != ref)
                                QFAIL(qPrintable(QString("%1: fast path differs from the reference on %2 (%3x%4, %5)")
                                                     .arg(QString::fromStdString(f->name()), QString::fromStdString(m.name))
                                                     .arg(rows)
                                                     .arg(cols)
                                                     .arg(imp ? "with importance" : "no importance")));
                            ++checked;
                        }
                    }
                }
            }
            QVERIFY(checked > 0);
        }
    }

    void realWeightsAndThreadCounts()
    {
        for (const Format* f : ggufFormats()) {
            for (const Matrix& src : storiesMatrices()) {
                const Matrix m = shapedFor(*f, src);
                if (m.name.empty())
                    continue;
                std::vector<unsigned char> ref(f->storageBytes(m.rows, m.cols));
                f->quantizeReference(m.data.data(), m.rows, m.cols, ref.data());
                for (int threads : {1, 3}) {
                    setMaxThreads(threads);
                    std::vector<unsigned char> fast(ref.size());
                    f->quantize(m.data.data(), m.rows, m.cols, fast.data());
                    QVERIFY2(fast == ref, qPrintable(QString::fromStdString(f->name() + " on " + m.name)));
                }
                setMaxThreads(0);
            }
        }
    }
};

QTEST_GUILESS_MAIN(TestGgufFastPath)
#include "test_gguf_fast_path.moc"
