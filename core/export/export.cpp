#include "core/export/export.h"

#include "core/util/error.h"
#include "core/export/export_internal.h"
#include "core/model/architecture.h"
#include "core/util/parallel.h"
#include "core/util/strings.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>

#include <algorithm>
#include <mutex>

#include <sys/mman.h>
#include <unistd.h>

namespace qs {

namespace {
// Drops the pages of a memory-mapped source tensor from our resident set once it is consumed,
// so reading a model larger than RAM keeps RSS bounded by the tensors in flight. MADV_PAGEOUT
// never discards data (anonymous memory is left alone without swap), so it is safe whatever
// backs the span.
void releaseSource(const Model& m, const TensorInfo& t)
{
#ifdef MADV_PAGEOUT
    if (m.format == "memory" || t.nbytes < (1u << 20))
        return;
    const auto bytes = m.data(t);
    const auto page = uintptr_t(::sysconf(_SC_PAGESIZE));
    auto begin = (reinterpret_cast<uintptr_t>(bytes.data()) + page - 1) / page * page;
    auto end = (reinterpret_cast<uintptr_t>(bytes.data()) + bytes.size()) / page * page;
    if (end > begin)
        ::madvise(reinterpret_cast<void*>(begin), end - begin, MADV_PAGEOUT);
#else
    (void)m;
    (void)t;
#endif
}
}  // namespace

PlanTarget targetForPath(const std::string& outPath)
{
    if (endsWithNoCase(outPath, ".gguf"))
        return PlanTarget::Gguf;
    if (endsWithNoCase(outPath, ".safetensors"))
        return PlanTarget::Safetensors;
    invalidInput(outPath, "unknown output format (the name must end in .gguf or .safetensors)");
}

void checkOutputIsNotInput(const Model& m, const std::string& outPath)
{
    const QFileInfo in(QString::fromStdString(m.path));
    const QFileInfo out(QString::fromStdString(outPath));
    auto refuse = [&] { invalidInput(outPath, "the output would overwrite the input model " + m.path); };
    if (!m.path.empty() && (sameFile(m.path, outPath) ||
                            (!in.canonicalFilePath().isEmpty() && in.canonicalFilePath() == out.canonicalFilePath())))
        refuse();
    if (in.isDir()) {
        const QDir dir(in.absoluteFilePath());
        for (const QFileInfo& f : dir.entryInfoList(QDir::Files | QDir::Hidden | QDir::System))
            if (sameFile(f.absoluteFilePath().toStdString(), outPath))
                refuse();
    }
}

namespace detail {

std::vector<float> sourceFloats(const Model& m, const TensorInfo& t, bool ggufLayout, const ExportOptions& opts)
{
    if (opts.loadFloats)
        return opts.loadFloats(t);
    return ggufLayout ? ggufWeights(m, t) : m.toFloat(t);
}

void streamTensors(const Model& m, const QuantPlan& plan, AtomicFile& out, const std::vector<uint64_t>& offsets,
                   const TensorEncoder& encode, const ExportOptions& opts, ExportResult& res)
{
    const int n = int(plan.entries.size());
    ExportProgress prog;
    prog.total = n;
    for (const auto& e : plan.entries)
        prog.bytesTotal += m.tensors.at(size_t(e.sourceIndex)).nbytes;
    std::mutex progressMutex;
    std::atomic<int> next{0};
    std::atomic<bool> stop{false};
    const int workers = std::clamp(std::min(opts.tensorsInFlight, maxThreads()), 1, std::max(1, n));
    parallelFor(workers, 1, [&](int64_t, int64_t) {
        for (;;) {
            if (stop.load())
                return;
            const int i = next.fetch_add(1);
            if (i >= n)
                return;
            const PlanEntry& e = plan.entries[size_t(i)];
            const TensorInfo& t = m.tensors.at(size_t(e.sourceIndex));
            try {
                throwIfCancelled();
                const std::vector<std::byte> bytes = encode(e);
                m.checkIntact();  // the source shrank while being read: its bytes were zeros
                throwIfCancelled();
                out.writeAt(bytes.data(), bytes.size(), offsets[size_t(i)]);
                if (!opts.loadFloats)
                    releaseSource(m, t);
            } catch (...) {
                stop.store(true);
                throw;
            }
            std::lock_guard lk(progressMutex);
            ++prog.done;
            prog.bytesRead += t.nbytes;
            prog.tensor = e.outputName;
            if (opts.progress)
                opts.progress(prog);
        }
    });
    throwIfCancelled();
    res.sourceBytesRead = prog.bytesRead;
}

}  // namespace detail

ExportResult exportModel(const Model& m, const QuantPlan& plan, const std::string& outPath, const ExportOptions& opts)
{
    const PlanTarget target = targetForPath(outPath);
    if (target != plan.target)
        invalidInput(outPath, target == PlanTarget::Gguf ? "the plan was made for a .safetensors output"
                                                         : "the plan was made for a .gguf output");
    checkOutputIsNotInput(m, outPath);
    for (const auto& e : plan.entries)
        if (e.sourceIndex < 0 || size_t(e.sourceIndex) >= m.tensors.size())
            failure(outPath, "the plan does not belong to this model");
    throwIfCancelled();
    QElapsedTimer timer;
    timer.start();
    AtomicFile file(outPath);
    ExportResult res = target == PlanTarget::Gguf ? detail::exportGguf(m, plan, file, opts)
                                                  : detail::exportSafetensors(m, plan, file, opts);
    throwIfCancelled();
    m.checkIntact();  // nothing computed from a source that shrank meanwhile is committed
    file.commit();
    res.seconds = double(timer.nsecsElapsed()) * 1e-9;
    return res;
}

}  // namespace qs
