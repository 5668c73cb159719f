// The window's Worker (ui/worker.h) under the pattern the block inspector and MainWindow use:
// many workers started back to back, each superseding the last, their continuations attached with
// then(context, ...) before the work starts and reading the result with result(). Every
// continuation must run exactly once, on the context's thread, with the future finished and not
// cancelled, and see its own result; a work that throws ends its future failed, once. With
// takeResult() in the continuation this pattern crashed Qt 6.4 (see worker.h).
#include "ui/worker.h"

#include <QThread>
#include <QThreadPool>
#include <QtTest>

#include <algorithm>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

using qs::ui::Worker;

namespace {

struct Tally {
    std::vector<int> runs;      // continuation runs per worker
    std::vector<int> wrong;     // runs that saw a wrong result, a canceled future or another thread
    int latest = -1;            // the newest worker (the others are superseded)
    int applied = -1;           // the last worker whose result was used
};

}  // namespace

class TestWorker : public QObject {
    Q_OBJECT

private slots:
    void everyContinuationRunsOnceWithItsResult()
    {
        QObject context;
        QThreadPool pool;
        pool.setMaxThreadCount(2);
        constexpr int kWorkers = 4000;
        Tally t;
        t.runs.assign(kWorkers, 0);
        t.wrong.assign(kWorkers, 0);
        QThread* const gui = QThread::currentThread();
        for (int i = 0; i < kWorkers; ++i) {
            t.latest = i;
            using Result = std::shared_ptr<std::vector<int>>;
            Worker<Result> worker;
            worker.future().then(&context, [&t, i, gui](QFuture<Result> f) {
                ++t.runs[size_t(i)];
                if (QThread::currentThread() != gui || !f.isFinished() || f.isCanceled())
                    ++t.wrong[size_t(i)];
                if (i != t.latest)
                    return;  // superseded: dropped, as the inspector does
                const Result r = f.result();
                if (!r || r->size() != 3 || (*r)[0] != i || (*r)[2] != 3 * i)
                    ++t.wrong[size_t(i)];
                t.applied = i;
            });
            worker.start([i](QPromise<Result>& p) { p.addResult(std::make_shared<std::vector<int>>(std::vector<int>{i, 2 * i, 3 * i})); },
                         &pool);
            if (i % 2)
                QCoreApplication::processEvents();  // some continuations run while others are still working
        }
        pool.waitForDone();
        QTRY_COMPARE_WITH_TIMEOUT(std::count(t.runs.begin(), t.runs.end(), 1), qsizetype(kWorkers), 30000);
        QTest::qWait(50);  // a second run would have been posted by now
        for (int i = 0; i < kWorkers; ++i) {
            QCOMPARE(t.runs[size_t(i)], 1);
            QCOMPARE(t.wrong[size_t(i)], 0);
        }
        QCOMPARE(t.applied, kWorkers - 1);
    }

    void aThrowingWorkFailsItsFutureOnce()
    {
        QObject context;
        QThreadPool pool;
        constexpr int kWorkers = 500;
        std::vector<int> failed(kWorkers, 0), other(kWorkers, 0);
        for (int i = 0; i < kWorkers; ++i) {
            Worker<std::vector<int>> worker;
            worker.future().then(&context, [&failed, &other, i](QFuture<std::vector<int>> f) {
                try {
                    (void)f.result();
                    ++other[size_t(i)];
                } catch (const std::runtime_error& e) {
                    if (QString::fromUtf8(e.what()) == QStringLiteral("bad %1").arg(i))
                        ++failed[size_t(i)];
                    else
                        ++other[size_t(i)];
                }
            });
            worker.start([i](QPromise<std::vector<int>>&) { throw std::runtime_error("bad " + std::to_string(i)); }, &pool);
        }
        pool.waitForDone();
        QTRY_COMPARE_WITH_TIMEOUT(std::count(failed.begin(), failed.end(), 1), qsizetype(kWorkers), 30000);
        QTest::qWait(50);
        QCOMPARE(std::count(other.begin(), other.end(), 0), qsizetype(kWorkers));
        QCOMPARE(std::count(failed.begin(), failed.end(), 1), qsizetype(kWorkers));
    }
};

QTEST_GUILESS_MAIN(TestWorker)
#include "test_worker.moc"
