// Fake-quant safetensors export: every eligible tensor replaced by its dequantized values in
// the source dtype (F32/F16/BF16; F32 for quantized sources); other tensors copied as they are.
#include "core/util/error.h"
#include "core/util/parallel.h"
#include "core/export/export_internal.h"
#include "core/formats/format.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cstring>
#include <set>

namespace qs {

namespace {

uint64_t dtypeSize(const std::string& dtype) { return dtype == "F32" ? 4 : 2; }

}  // namespace

namespace detail {

ExportResult exportSafetensors(const Model& m, const QuantPlan& plan, AtomicFile& out, const ExportOptions& opts)
{
    ExportResult res;
    std::set<std::string> names;
    // The header through Qt's JSON writer (names escaped as JSON wants; key order is free).
    QJsonObject header{{QStringLiteral("__metadata__"),
                        QJsonObject{{QStringLiteral("format"), QStringLiteral("pt")},
                                    {QStringLiteral("quantscope.type"), QString::fromStdString(plan.type)},
                                    {QStringLiteral("quantscope.fake_quant"),
                                     QStringLiteral("eligible tensors hold dequantized values")}}}};
    std::vector<uint64_t> rel;
    uint64_t pos = 0;
    for (const auto& e : plan.entries) {
        if (e.outputDtype != "F32" && e.outputDtype != "F16" && e.outputDtype != "BF16")
            failure(out.target(), "cannot store dtype " + e.outputDtype + " in safetensors");
        const QString name = QString::fromStdString(e.outputName);
        if (!names.insert(e.outputName).second || e.outputName == "__metadata__" || header.contains(name))
            invalidInput(m.path, "duplicate tensor name '" + e.outputName + "'");
        if (e.eligible)
            planFormat(e);
        const uint64_t bytes = uint64_t(e.numel()) * dtypeSize(e.outputDtype);
        QJsonArray shape;
        for (int64_t d : e.shape)
            shape.append(qint64(d));
        header.insert(name, QJsonObject{{QStringLiteral("dtype"), QString::fromStdString(e.outputDtype)},
                                        {QStringLiteral("shape"), shape},
                                        {QStringLiteral("data_offsets"), QJsonArray{qint64(pos), qint64(pos + bytes)}}});
        rel.push_back(pos);
        pos += bytes;
    }
    QByteArray json = QJsonDocument(header).toJson(QJsonDocument::Compact);
    while (json.size() % 8 != 0)
        json += ' ';
    std::vector<std::byte> head(8 + size_t(json.size()));
    const uint64_t hlen = uint64_t(json.size());
    std::memcpy(head.data(), &hlen, 8);
    std::memcpy(head.data() + 8, json.constData(), size_t(json.size()));
    out.writeAt(head.data(), head.size(), 0);
    std::vector<uint64_t> offsets;
    for (uint64_t r : rel)
        offsets.push_back(head.size() + r);

    auto encode = [&](const PlanEntry& e) {
        const TensorInfo& t = m.tensors.at(size_t(e.sourceIndex));
        const Format* store = findFormat(e.outputDtype);
        if (!store)
            failure(out.target(), "dtype " + e.outputDtype + " is not available");
        if (opts.replaceFloats) {
            const std::vector<float> v = opts.replaceFloats(e);
            if (!v.empty()) {
                if (int64_t(v.size()) != e.numel())
                    failure(m.path, "tensor '" + t.name + "' was given the wrong number of values");
                std::vector<std::byte> bytes(store->storageBytes(e.rows(), e.cols()));
                store->quantize(v.data(), e.rows(), e.cols(), bytes.data());
                return bytes;
            }
        }
        if (!e.eligible && !opts.loadFloats && t.dtype == e.outputDtype) {
            const auto src = m.data(t);
            if (src.size() != uint64_t(e.numel()) * dtypeSize(e.outputDtype))
                invalidInput(m.path, "tensor '" + t.name + "' has the wrong number of bytes");
            return std::vector<std::byte>(src.begin(), src.end());
        }
        std::vector<float> values = sourceFloats(m, t, /*llamaLayout=*/false, opts);
        if (int64_t(values.size()) != e.numel())
            failure(m.path, "tensor '" + t.name + "' decoded to the wrong number of values");
        throwIfCancelled();
        if (e.eligible) {
            const std::vector<float> imp = opts.importance ? opts.importance(e) : std::vector<float>();
            if (!imp.empty() && int64_t(imp.size()) != e.cols())
                failure(m.path, "importance of tensor '" + t.name + "' has the wrong length");
            values = planFormat(e).roundTrip(values.data(), e.rows(), e.cols(), imp.empty() ? nullptr : imp.data());
        }
        std::vector<std::byte> bytes(store->storageBytes(e.rows(), e.cols()));
        store->quantize(values.data(), e.rows(), e.cols(), bytes.data());
        return bytes;
    };
    streamTensors(m, plan, out, offsets, encode, opts, res);
    res.bytesWritten = head.size() + pos;
    out.resize(res.bytesWritten);
    return res;
}

}  // namespace detail
}  // namespace qs
