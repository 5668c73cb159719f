// Cancellation within long loops: a CancelScope stops parallelFor (nested loops on pool threads
// too) at the next chunk, and compare stops inside a large tensor instead of finishing it.
#include "core/analysis/compare.h"
#include "core/util/error.h"
#include "core/model/model.h"
#include "core/util/parallel.h"

#include <QtTest>

#include <atomic>
#include <random>

using namespace qs;

namespace {

// Throws what fn throws; returns whether it was qs::Error(Cancelled).
template <class Fn>
bool throwsCancelled(Fn fn)
{
    try {
        fn();
    } catch (const Error& e) {
        return e.kind() == ErrorKind::Cancelled;
    }
    return false;
}

// One F32 feed-forward matrix in memory. Reading its data raises `cancelAt` (when set): the user
// cancels once the tensor is being worked on, after compare's check between tensors.
class OneTensorModel : public Model {
public:
    OneTensorModel(int64_t rows, int64_t cols, std::atomic<bool>* cancelAt) : cancelAt_(cancelAt)
    {
        format = "memory";
        values_.resize(size_t(rows * cols));
        std::mt19937 rng(7);
        std::normal_distribution<float> nd(0.0f, 0.02f);
        for (float& v : values_)
            v = nd(rng);
        TensorInfo t;
        t.name = "blk.0.ffn_up.weight";
        t.shape = {rows, cols};
        t.dtype = "F32";
        t.type = GgmlType::F32;
        t.nbytes = uint64_t(values_.size() * sizeof(float));
        tensors.push_back(t);
    }
    std::span<const std::byte> data(const TensorInfo&) const override
    {
        ++reads;
        if (cancelAt_)
            cancelAt_->store(true);
        return std::as_bytes(std::span<const float>(values_));
    }
    mutable int reads = 0;

private:
    std::vector<float> values_;
    std::atomic<bool>* cancelAt_;
};

}  // namespace

class TestCancel : public QObject {
    Q_OBJECT

private slots:
    void cleanup() { setMaxThreads(0); }

    void uncancelledScopeChangesNothing()
    {
        OneTensorModel m(96, 512, nullptr);
        const CompareResult plain = compareModel(m, {"Q4_K", "INT4_SYM_TENSOR"});
        std::atomic<bool> flag{false};
        const CancelScope scope(&flag);
        const CompareOptions o;
        for (int threads : {1, 2, 4}) {
            setMaxThreads(threads);
            const CompareResult r = compareModel(m, {"Q4_K", "INT4_SYM_TENSOR"}, o);
            for (size_t k = 0; k < r.rows.size(); ++k) {
                QCOMPARE(r.rows[k].tensors, 1);
                QCOMPARE(r.rows[k].total.stats.sumE2, plain.rows[k].total.stats.sumE2);
                QCOMPARE(r.rows[k].total.stats.maxAbsErr, plain.rows[k].total.stats.maxAbsErr);
                QCOMPARE(r.rows[k].sizeBytes(), plain.rows[k].sizeBytes());
            }
        }
    }

    void stopsAtTheNextChunk()
    {
        for (int threads : {1, 2, 4}) {
            setMaxThreads(threads);
            std::atomic<bool> flag{false};
            std::atomic<int64_t> rows{0};
            const int64_t n = 100000, grain = 10;
            const CancelScope scope(&flag);
            QVERIFY(throwsCancelled([&] {
                parallelFor(n, grain, [&](int64_t b, int64_t e) {
                    if ((rows += e - b) >= 1000)
                        flag = true;
                });
            }));
            // At most one chunk per thread runs after the flag is raised.
            QVERIFY2(rows.load() < 1000 + int64_t(threads) * grain, qPrintable(QString::number(rows.load())));
            QVERIFY(flag.load());
        }
    }

    void nestedLoopsOnPoolThreadsStop()
    {
        setMaxThreads(4);
        std::atomic<bool> flag{false};
        std::atomic<int64_t> rows{0};
        const CancelScope scope(&flag);
        // Each outer chunk (on whichever thread) cancels, then starts an inner loop: that loop
        // belongs to the scope too, so none of its chunks run.
        QVERIFY(throwsCancelled([&] {
            parallelFor(8, 1, [&](int64_t, int64_t) {
                flag = true;
                parallelFor(10000, 10, [&](int64_t b, int64_t e) { rows += e - b; });
            });
        }));
        QCOMPARE(rows.load(), int64_t(0));
    }

    void scopesNest()
    {
        std::atomic<bool> outer{true};
        const CancelScope a(&outer);
        const CancelScope b(nullptr);
        QVERIFY(b.requested());
        QVERIFY(throwsCancelled([] { throwIfCancelled(); }));
        outer = false;
        QVERIFY(!b.requested());
        throwIfCancelled();
    }

    void compareStopsWithinATensor()
    {
        // 8M weights at two K-quants (seconds of work, more under sanitizers); cancelled once the
        // tensor is read, compare gives up before finishing it at any type.
        std::atomic<bool> cancel{false};
        OneTensorModel big(2048, 4096, &cancel);
        const CancelScope scope(&cancel);
        CompareOptions o;
        int results = 0, progress = 0;
        o.tensorResult = [&](size_t, int, const TensorResult&) { ++results; };
        o.progress = [&](int, int) { ++progress; };
        QVERIFY(throwsCancelled([&] { compareModel(big, {"Q4_K", "Q6_K"}, o); }));
        QCOMPARE(big.reads, 1);
        QCOMPARE(results, 0);
        QCOMPARE(progress, 0);
    }
};

QTEST_GUILESS_MAIN(TestCancel)
#include "test_cancel.moc"
