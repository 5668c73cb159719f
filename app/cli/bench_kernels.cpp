// quantscope-cli bench --kernels: dot-product kernel throughput per format (core/kernels), and
// llama.cpp's own vec_dot on the same bytes side by side when its CPU library is found.
//
// What is timed: a mat-vec y = W x of a 64 x 4096 weight matrix (the decode step of one small
// projection; 64 rows keep every quantized matrix in the L2 cache, so the kernels' arithmetic is
// measured, not the memory bus) against one activation row already converted to the vec-dot type.
// Ours: kernels::matmul(W, A, y) (rows split over --threads with qs::parallelFor); llama.cpp:
// ggml_get_type_traits_cpu(type)->vec_dot once per row (rows split the same way), the way its
// ggml_compute_forward_mul_mat runs a mat-vec. Weights are quantized by QuantScope (the same
// bytes llama.cpp's quantizers give, tests/interop), activations by kernels::quantizeRow
// (byte-identical to llama.cpp's from_float). Each side: best of --runs runs of repeated
// mat-vecs (~25 ms a run), the two sides interleaved so machine load affects both alike; with
// --threads 1 the time is the thread's CPU time.
// Ours runs on each matrix as the engine prepares it: Q4_0 repacked (kernels::repack), the others
// as stored; llama.cpp's vec_dot on the stored rows.
// Besides: "pp Gw/s", ours only (llama.cpp's tiled mat-mul is not reachable through vec_dot): a
// batched mat-mul of 512 activation rows against 256 x 4096 weights (the prompt path: weights
// streaming past a tile of activations), as weight-token products per second; best of --runs.
#include "app/cli/bench_kernels.h"

#include "app/cli/cli.h"
#include "app/cli/llama_cpu_lib.h"
#include "core/formats/format.h"
#include "core/kernels/kernels.h"
#include "core/util/error.h"
#include "core/util/parallel.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <random>

#include <time.h>

namespace qs::cli {

namespace {

constexpr int64_t kRows = 64, kCols = 4096;
constexpr int64_t kBatchRows = 256, kBatchTokens = 512;
using Clock = std::chrono::steady_clock;

// Wall time; with one thread the calling thread's CPU time instead (the same on an idle machine,
// and robust to other processes taking the core for a while).
double seconds(const std::function<void()>& fn)
{
    if (maxThreads() == 1) {
        timespec a{}, b{};
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &a);
        fn();
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &b);
        return double(b.tv_sec - a.tv_sec) + 1e-9 * double(b.tv_nsec - a.tv_nsec);
    }
    const auto t0 = Clock::now();
    fn();
    return std::chrono::duration<double>(Clock::now() - t0).count();
}

// Repetitions so that one run takes about 25 ms.
int calibrate(const std::function<void()>& once)
{
    once();  // warm up (caches, pool threads)
    const double t = std::max(seconds(once), 1e-7);
    return int(std::clamp(0.025 / t, 1.0, 1e6));
}

}  // namespace

std::vector<GgmlType> defaultKernelTypes()
{
    return {GgmlType::F32,  GgmlType::F16,    GgmlType::BF16,   GgmlType::Q8_0,  GgmlType::Q6_K,
            GgmlType::Q5_K, GgmlType::Q5_1,   GgmlType::Q5_0,   GgmlType::Q4_K,  GgmlType::Q4_1,
            GgmlType::Q4_0, GgmlType::IQ4_NL, GgmlType::IQ4_XS, GgmlType::MXFP4, GgmlType::IQ3_S, GgmlType::Q3_K,
            GgmlType::IQ3_XXS, GgmlType::Q2_K, GgmlType::IQ2_S, GgmlType::IQ2_XS, GgmlType::IQ2_XXS, GgmlType::TQ2_0, GgmlType::IQ1_M,
            GgmlType::TQ1_0, GgmlType::IQ1_S};
}

int benchKernels(const std::vector<GgmlType>& types, int runs, bool json)
{
    const LlamaCpuLib& llama = llamaCpuLib();
    std::mt19937 rng(42);
    std::student_t_distribution<float> st(4.0f);
    std::vector<float> wf(static_cast<size_t>(kRows * kCols)), x(static_cast<size_t>(kCols));
    for (float& v : wf)
        v = 0.02f * st(rng);
    for (float& v : x)
        v = st(rng);
    std::vector<float> y(static_cast<size_t>(kRows)), yl(static_cast<size_t>(kRows));
    std::vector<float> wbf(static_cast<size_t>(kBatchRows * kCols)), xb(static_cast<size_t>(kBatchTokens * kCols));
    std::copy(wf.begin(), wf.end(), wbf.begin());
    for (size_t i = wf.size(); i < wbf.size(); ++i)
        wbf[i] = 0.02f * st(rng);
    for (float& v : xb)
        v = st(rng);
    std::vector<float> yb(static_cast<size_t>(kBatchRows * kBatchTokens));
    const int64_t grain = std::max<int64_t>(1, kRows / (int64_t(maxThreads()) * 8));

    QJsonArray results;
    if (!json) {
        printOut(QStringLiteral("kernels: %1, %2 threads, %3x%4 mat-vec, best of %5 runs\n")
                     .arg(QString::fromUtf8(kernels::activeIsa())).arg(maxThreads()).arg(kRows).arg(kCols).arg(runs));
        printOut(llama.loaded() ? QStringLiteral("llama.cpp: %1\n").arg(QString::fromStdString(llama.path))
                                : QStringLiteral("llama.cpp: not measured (%1)\n").arg(QString::fromStdString(llama.error)));
        printOut(QStringLiteral("%1 %2 %3 %4 %5 %6 %7 %8\n")
                     .arg("type", -7).arg("acts", -5).arg("bytes/w", 7).arg("Gw/s", 8).arg("GB/s", 7)
                     .arg("llama Gw/s", 10).arg("ratio", 6).arg("pp Gw/s", 8));
    }
    for (GgmlType t : types) {
        const Format* f = formatForGgml(t);
        const GgmlType act = kernels::vecDotType(t);
        const size_t rb = kernels::rowBytes(t, kCols);
        std::vector<uint8_t> w(rb * size_t(kRows));
        f->quantize(wf.data(), kRows, kCols, w.data());
        kernels::QMatrix W{t, w.data(), kRows, kCols, rb, nullptr};
        std::vector<uint8_t> wr;  // ours runs on the matrix as the engine prepares it (Q4_0: repacked)
        if (kernels::canRepack(W)) {
            wr.resize(w.size());
            W = kernels::repack(W, wr.data());
        }
        kernels::Activations A;
        A.set(act, x.data(), 1, kCols);

        const auto ours = [&] { kernels::matmul(W, A, y.data()); };
        const int repsOurs = calibrate(ours);
        double best = 1e300, bestLlama = 1e300;
        const LlamaCpuTraits* tr = llama.loaded() ? llama.traits(int(t)) : nullptr;
        const auto theirs = [&] {
            parallelFor(kRows, grain, [&](int64_t b, int64_t e) {
                for (int64_t r = b; r < e; ++r)
                    tr->vecDot(int(kCols), &yl[size_t(r)], 0, w.data() + size_t(r) * rb, 0, A.row(0), 0, 1);
            });
        };
        const int repsLlama = tr && tr->vecDot ? calibrate(theirs) : 0;
        for (int k = 0; k < runs; ++k) {
            best = std::min(best, seconds([&] {
                                for (int i = 0; i < repsOurs; ++i)
                                    ours();
                            }) / repsOurs);
            if (repsLlama)
                bestLlama = std::min(bestLlama, seconds([&] {
                                         for (int i = 0; i < repsLlama; ++i)
                                             theirs();
                                     }) / repsLlama);
        }
        // the batched mat-mul (ours only)
        std::vector<uint8_t> wb(rb * size_t(kBatchRows));
        f->quantize(wbf.data(), kBatchRows, kCols, wb.data());
        kernels::QMatrix WB{t, wb.data(), kBatchRows, kCols, rb, nullptr};
        if (kernels::canRepack(WB))
            WB = kernels::repack(WB, wb.data());
        kernels::Activations AB;
        AB.set(act, xb.data(), kBatchTokens, kCols);
        const auto batch = [&] { kernels::matmul(WB, AB, yb.data()); };
        batch();  // warm up
        double bestBatch = 1e300;
        for (int k = 0; k < runs; ++k)
            bestBatch = std::min(bestBatch, seconds(batch));
        const double ppgw = double(kBatchRows * kCols * kBatchTokens) / bestBatch / 1e9;

        const double gw = double(kRows * kCols) / best / 1e9, gb = double(w.size()) / best / 1e9;
        const double lgw = repsLlama ? double(kRows * kCols) / bestLlama / 1e9 : 0.0;
        const QString name = QString::fromUtf8(ggmlTypeInfo(t).name.data());
        const QString actName = QString::fromUtf8(ggmlTypeInfo(act).name.data());
        if (repsLlama) {  // same bytes in, same numbers out (up to float summation order)
            for (int64_t r = 0; r < kRows; ++r)
                if (!(std::fabs(y[size_t(r)] - yl[size_t(r)]) <= 1e-3f * (std::fabs(yl[size_t(r)]) + 1.0f)))
                    failure("", name.toStdString() + ": kernel and llama.cpp disagree on row " + std::to_string(r) +
                                    " (" + std::to_string(y[size_t(r)]) + " vs " + std::to_string(yl[size_t(r)]) + ")");
        }
        if (json) {
            QJsonObject o{{"type", name},
                          {"activations", actName},
                          {"threads", maxThreads()},
                          {"bytes_per_weight", double(rb) / double(kCols)},
                          {"gweights_per_s", gw},
                          {"gbytes_per_s", gb},
                          {"batch_gweights_per_s", ppgw}};
            if (repsLlama) {
                o.insert("llama_gweights_per_s", lgw);
                o.insert("ratio", gw / lgw);
            }
            results.append(o);
        } else {
            printOut(QStringLiteral("%1 %2 %3 %4 %5 %6 %7 %8\n")
                         .arg(name, -7).arg(actName, -5)
                         .arg(double(rb) / double(kCols), 7, 'f', 4)
                         .arg(gw, 8, 'f', 2).arg(gb, 7, 'f', 2)
                         .arg(repsLlama ? QString::number(lgw, 'f', 2) : QStringLiteral("-"), 10)
                         .arg(repsLlama ? QString::number(gw / lgw, 'f', 2) : QStringLiteral("-"), 6)
                         .arg(ppgw, 8, 'f', 2));
        }
    }
    if (json) {
        QJsonObject root{{"isa", QString::fromUtf8(kernels::activeIsa())},
                         {"threads", maxThreads()},
                         {"rows", qint64(kRows)},
                         {"cols", qint64(kCols)},
                         {"batch_rows", qint64(kBatchRows)},
                         {"batch_tokens", qint64(kBatchTokens)},
                         {"kernels", results}};
        root.insert("llama_cpu_lib", llama.loaded() ? QJsonValue(QString::fromStdString(llama.path)) : QJsonValue());
        printOut(QString::fromUtf8(QJsonDocument(root).toJson(QJsonDocument::Compact)) + "\n");
    }
    return int(Ok);
}

}  // namespace qs::cli
