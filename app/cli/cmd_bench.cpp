// quantscope-cli bench [--kernels] [--types T1,T2,...] [--threads N] [--runs N] [--json]
// --kernels: dot-product kernel throughput per format against llama.cpp's (bench_kernels.cpp).
// Quantize and dequantize throughput per format on a fixed, heavy-tailed 2048 x 4096 float matrix
// (deterministic: the same values on every machine and thread count). Each operation is timed
// best of --runs runs (default 5), stopping early once the runs of that operation took 1 s.
// Beside ours, llama.cpp's quantizer on the same matrix and threads (ggml_quantize_chunk from the
// libggml-base.so beside its CPU library, rows split over --threads like ours) when it is found.
// Both get the same per-column importance where llama.cpp requires one (IQ2_XXS, IQ2_XS, ...), or
// for every type with --importance; otherwise neither gets one.
#include "app/cli/bench_kernels.h"
#include "app/cli/cli.h"
#include "app/cli/llama_cpu_lib.h"
#include "core/util/error.h"
#include "core/formats/format.h"
#include "core/kernels/kernels.h"
#include "core/util/parallel.h"
#include "core/util/random.h"

#include <QCommandLineParser>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <dlfcn.h>

#include <chrono>
#include <cmath>
#include <numbers>

namespace qs::cli {

namespace {

constexpr int64_t kRows = 2048, kCols = 4096;

uint64_t splitmix(uint64_t x) { return splitmix64Hash(x); }

double uniform01(uint64_t bits) { return (double(bits >> 11) + 0.5) * 0x1.0p-53; }  // (0, 1)

// Weight-like values: a normal scaled by a log-normal factor (heavy tails, like LLM weights), with
// rare large outliers. Element i depends only on i.
std::vector<float> benchMatrix()
{
    std::vector<float> x(static_cast<size_t>(kRows * kCols));
    parallelFor(kRows * kCols, 1 << 16, [&](int64_t b, int64_t e) {
        for (int64_t i = b; i < e; ++i) {
            const uint64_t h1 = splitmix(uint64_t(i) * 3 + 1), h2 = splitmix(uint64_t(i) * 3 + 2),
                           h3 = splitmix(uint64_t(i) * 3 + 3);
            const double r = std::sqrt(-2.0 * std::log(uniform01(h1)));
            const double g1 = r * std::cos(2.0 * std::numbers::pi * uniform01(h2));
            const double g2 = r * std::sin(2.0 * std::numbers::pi * uniform01(h2));
            double v = 0.02 * g1 * std::exp(0.5 * g2);
            if ((h3 & 0x3ff) == 0)  // ~0.1 % outliers
                v *= 8.0;
            x[size_t(i)] = float(v);
        }
    });
    return x;
}

// Per-column importance like a calibrated one: log-normal across columns (a few strong channels),
// deterministic.
std::vector<float> benchImportance()
{
    std::vector<float> imp(static_cast<size_t>(kCols));
    for (int64_t j = 0; j < kCols; ++j) {
        const uint64_t h1 = splitmix(uint64_t(j) * 2 + 0x9e37), h2 = splitmix(uint64_t(j) * 2 + 0x79b9);
        const double g = std::sqrt(-2.0 * std::log(uniform01(h1))) * std::cos(2.0 * std::numbers::pi * uniform01(h2));
        imp[size_t(j)] = float(std::exp(g));
    }
    return imp;
}

// llama.cpp's whole-matrix quantizer (ggml.h), found through its CPU library's handle.
struct LlamaQuantizer {
    using Chunk = size_t (*)(int type, const float* src, void* dst, int64_t start, int64_t nrows, int64_t nPerRow,
                             const float* imatrix);
    Chunk chunk = nullptr;
    bool (*requiresImatrix)(int type) = nullptr;
    size_t (*rowSize)(int type, int64_t n) = nullptr;
    bool loaded() const { return chunk && requiresImatrix && rowSize; }
};

LlamaQuantizer llamaQuantizer(const LlamaCpuLib& lib)
{
    LlamaQuantizer q;
    if (!lib.handle)
        return q;
    q.chunk = reinterpret_cast<LlamaQuantizer::Chunk>(dlsym(lib.handle, "ggml_quantize_chunk"));
    q.requiresImatrix = reinterpret_cast<bool (*)(int)>(dlsym(lib.handle, "ggml_quantize_requires_imatrix"));
    q.rowSize = reinterpret_cast<size_t (*)(int, int64_t)>(dlsym(lib.handle, "ggml_row_size"));
    return q;
}

using Clock = std::chrono::steady_clock;

// Best time of up to `runs` runs of fn, stopping once the runs took 1 s in total.
template <typename Fn>
double bestOf(int runs, Fn fn)
{
    double best = 1e300, total = 0;
    for (int k = 0; k < runs && (k == 0 || total < 1.0); ++k) {
        const auto t0 = Clock::now();
        fn();
        const double s = std::chrono::duration<double>(Clock::now() - t0).count();
        best = std::min(best, s);
        total += s;
    }
    return std::max(best, 1e-9);
}

}  // namespace

int cmdBench(const QStringList& args)
{
    QCommandLineParser p;
    const QCommandLineOption typesOpt(QStringLiteral("types"),
                                      QStringLiteral("Comma-separated formats to measure (default: every non-float format)."),
                                      QStringLiteral("T1,T2,..."));
    const QCommandLineOption runsOpt(QStringLiteral("runs"),
                                     QStringLiteral("Best of N runs per operation, stopping after 1 s (default 5)."),
                                     QStringLiteral("N"), QStringLiteral("5"));
    const QCommandLineOption jsonOpt(QStringLiteral("json"), QStringLiteral("Print one JSON object."));
    const QCommandLineOption kernelsOpt(
        QStringLiteral("kernels"),
        QStringLiteral("Dot-product kernel throughput instead (64x4096 mat-vec per GGUF type with a kernel), with "
                       "llama.cpp's vec_dot side by side when its CPU library is found ($QS_GGML_CPU_LIB or "
                       "tests/interop/node_modules)."));
    const QCommandLineOption importanceOpt(
        QStringLiteral("importance"),
        QStringLiteral("Quantize every type with the same per-column importance on both sides (default: only the types "
                       "llama.cpp requires one for)."));
    p.addOptions({typesOpt, runsOpt, jsonOpt, kernelsOpt, importanceOpt});  // --threads: every command has it (parseArgs)
    if (int rc = parseArgs(p, args,
                           "Quantize/dequantize throughput per format on a fixed heavy-tailed 2048x4096 matrix "
                           "(million weights per second, best of several runs).",
                           0, 0);
        rc >= 0)
        return rc;
    return guarded([&] {
        const bool kernelsMode = p.isSet(kernelsOpt);
        std::vector<const Format*> formats;
        if (kernelsMode && !p.isSet(typesOpt)) {
            for (GgmlType t : defaultKernelTypes())
                formats.push_back(formatForGgml(t));
        } else if (p.isSet(typesOpt)) {
            for (const QString& t : p.value(typesOpt).split(QLatin1Char(','), Qt::SkipEmptyParts)) {
                const Format* f = findFormat(t.trimmed().toStdString());
                if (!f)
                    invalidInput("", "unknown type '" + t.trimmed().toStdString() + "' (see quantscope-cli formats)");
                formats.push_back(f);
            }
            if (formats.empty())
                invalidInput("", "--types: no type given");
        } else {
            for (const Format* f : allFormats())
                if (f->family() != FormatFamily::Float)
                    formats.push_back(f);
        }
        bool ok = true;
        const int runs = p.value(runsOpt).toInt(&ok);
        if (!ok || runs < 1 || runs > 1000)
            invalidInput("", "--runs: expected a number from 1 to 1000, got '" + p.value(runsOpt).toStdString() + "'");
        if (kernelsMode) {
            std::vector<GgmlType> types;
            for (const Format* f : formats) {
                if (!f->ggmlType() || !kernels::hasKernel(*f->ggmlType()))
                    invalidInput("", "--kernels: no dot-product kernel for " + f->name());
                types.push_back(*f->ggmlType());
            }
            return benchKernels(types, runs, p.isSet(jsonOpt));
        }
        for (const Format* f : formats)
            if (!f->supports(kRows, kCols))
                invalidInput("", f->name() + ": cannot store a 2048x4096 matrix");

        const std::vector<float> x = benchMatrix();
        const std::vector<float> importance = benchImportance();
        std::vector<float> y(x.size());
        const double mw = double(kRows * kCols) / 1e6;
        const bool json = p.isSet(jsonOpt);
        const LlamaCpuLib& llama = llamaCpuLib();
        const LlamaQuantizer lq = llamaQuantizer(llama);
        QJsonArray results;
        if (!json) {
            printOut(lq.loaded() ? QStringLiteral("llama.cpp: %1\n").arg(QString::fromStdString(llama.path))
                                 : QStringLiteral("llama.cpp: not measured (%1)\n")
                                       .arg(QString::fromStdString(llama.error.empty() ? "no ggml_quantize_chunk"
                                                                                       : llama.error)));
            printOut(QStringLiteral("%1 %2 %3 %4 %5 %6 %7 %8\n")
                         .arg("type", -18).arg("threads", 7).arg("bits/w", 7).arg("imp", 4)
                         .arg("quantize Mw/s", 14).arg("llama Mw/s", 11).arg("ratio", 6).arg("dequantize Mw/s", 16));
        }
        for (const Format* f : formats) {
            const auto gt = f->ggmlType();
            const bool llamaSide = lq.loaded() && gt && !f->name().starts_with("INT");
            const bool withImp = p.isSet(importanceOpt) || (llamaSide && lq.requiresImatrix(int(*gt)));
            const float* imp = withImp ? importance.data() : nullptr;
            std::vector<unsigned char> q(f->storageBytes(kRows, kCols));
            const double tq = bestOf(runs, [&] { f->quantize(x.data(), kRows, kCols, q.data(), imp); });
            const double td = bestOf(runs, [&] { f->dequantize(q.data(), kRows, kCols, y.data()); });
            double tl = 0;
            if (llamaSide) {
                const size_t rowBytes = lq.rowSize(int(*gt), kCols);
                if (rowBytes * size_t(kRows) != q.size())
                    failure("", f->name() + ": llama.cpp's row size differs from ours");
                std::vector<unsigned char> ql(q.size());
                // rows split over the same threads as ours (ggml_quantize_chunk itself is one thread)
                tl = bestOf(runs, [&] {
                    parallelFor(kRows, 16, [&](int64_t r0, int64_t r1) {
                        lq.chunk(int(*gt), x.data() + r0 * kCols, ql.data() + size_t(r0) * rowBytes, 0, r1 - r0, kCols,
                                 imp);
                    });
                });
            }
            const QString name = QString::fromStdString(f->name());
            if (json) {
                QJsonObject o{{"type", name},
                              {"threads", maxThreads()},
                              {"importance", withImp},
                              {"quantize_mweights_per_s", mw / tq},
                              {"dequantize_mweights_per_s", mw / td}};
                if (tl > 0) {
                    o.insert("llama_quantize_mweights_per_s", mw / tl);
                    o.insert("quantize_ratio", tl / tq);
                }
                results.append(o);
            } else {
                printOut(QStringLiteral("%1 %2 %3 %4 %5 %6 %7 %8\n")
                             .arg(name, -18)
                             .arg(maxThreads(), 7)
                             .arg(f->bitsPerWeight(kRows, kCols), 7, 'f', 3)
                             .arg(withImp ? "yes" : "no", 4)
                             .arg(mw / tq, 14, 'f', 1)
                             .arg(tl > 0 ? QString::number(mw / tl, 'f', 1) : QStringLiteral("-"), 11)
                             .arg(tl > 0 ? QString::number(tl / tq, 'f', 2) : QStringLiteral("-"), 6)
                             .arg(mw / td, 16, 'f', 1));
            }
        }
        if (json)
            printOut(QString::fromUtf8(QJsonDocument(QJsonObject{{"results", results}}).toJson(QJsonDocument::Compact)) +
                     "\n");
        return int(Ok);
    });
}

}  // namespace qs::cli
