// Fake-quant safetensors export: every eligible tensor replaced by its dequantized values in
// the source dtype (F32/F16/BF16; F32 for quantized sources); other tensors copied as they are.
#include "core/util/error.h"
#include "core/export/export_internal.h"
#include "core/formats/format.h"

#include <cstring>
#include <set>

namespace qs {

namespace {

std::string jsonString(const std::string& s)
{
    std::string r = "\"";
    for (unsigned char c : s) {
        if (c == '"' || c == '\\') {
            r += '\\';
            r += char(c);
        } else if (c < 0x20) {
            char buf[8];
            std::snprintf(buf, sizeof buf, "\\u%04x", c);
            r += buf;
        } else {
            r += char(c);
        }
    }
    return r + "\"";
}

uint64_t dtypeSize(const std::string& dtype) { return dtype == "F32" ? 4 : 2; }

}  // namespace

namespace detail {

ExportResult exportSafetensors(const Model& m, const QuantPlan& plan, AtomicFile& out, const ExportOptions& opts)
{
    ExportResult res;
    std::set<std::string> names;
    std::string json = "{\"__metadata__\":{\"format\":\"pt\",\"quantscope.type\":" + jsonString(plan.type) +
                       ",\"quantscope.fake_quant\":\"eligible tensors hold dequantized values\"}";
    std::vector<uint64_t> rel;
    uint64_t pos = 0;
    for (const auto& e : plan.entries) {
        if (e.outputDtype != "F32" && e.outputDtype != "F16" && e.outputDtype != "BF16")
            failure(out.target(), "cannot store dtype " + e.outputDtype + " in safetensors");
        if (!names.insert(e.outputName).second || e.outputName == "__metadata__")
            invalidInput(m.path, "duplicate tensor name '" + e.outputName + "'");
        if (e.eligible)
            planFormat(e);
        const uint64_t bytes = uint64_t(e.numel()) * dtypeSize(e.outputDtype);
        json += "," + jsonString(e.outputName) + ":{\"dtype\":\"" + e.outputDtype + "\",\"shape\":[";
        for (size_t d = 0; d < e.shape.size(); ++d)
            json += (d ? "," : "") + std::to_string(e.shape[d]);
        json += "],\"data_offsets\":[" + std::to_string(pos) + "," + std::to_string(pos + bytes) + "]}";
        rel.push_back(pos);
        pos += bytes;
    }
    json += "}";
    while (json.size() % 8 != 0)
        json += ' ';
    std::vector<std::byte> header(8 + json.size());
    const uint64_t hlen = json.size();
    std::memcpy(header.data(), &hlen, 8);
    std::memcpy(header.data() + 8, json.data(), json.size());
    out.writeAt(header.data(), header.size(), 0);
    std::vector<uint64_t> offsets;
    for (uint64_t r : rel)
        offsets.push_back(header.size() + r);

    auto encode = [&](const PlanEntry& e) {
        const TensorInfo& t = m.tensors.at(size_t(e.sourceIndex));
        if (!e.eligible && !opts.loadFloats && t.dtype == e.outputDtype) {
            const auto src = m.data(t);
            if (src.size() != uint64_t(e.numel()) * dtypeSize(e.outputDtype))
                invalidInput(m.path, "tensor '" + t.name + "' has the wrong number of bytes");
            return std::vector<std::byte>(src.begin(), src.end());
        }
        std::vector<float> values = sourceFloats(m, t, /*llamaLayout=*/false, opts);
        if (int64_t(values.size()) != e.numel())
            failure(m.path, "tensor '" + t.name + "' decoded to the wrong number of values");
        throwIfCancelled(opts);
        if (e.eligible) {
            const std::vector<float> imp = opts.importance ? opts.importance(e) : std::vector<float>();
            if (!imp.empty() && int64_t(imp.size()) != e.cols())
                failure(m.path, "importance of tensor '" + t.name + "' has the wrong length");
            values = planFormat(e).roundTrip(values.data(), e.rows(), e.cols(), imp.empty() ? nullptr : imp.data());
        }
        const Format* store = findFormat(e.outputDtype);
        if (!store)
            failure(out.target(), "dtype " + e.outputDtype + " is not available");
        std::vector<std::byte> bytes(store->storageBytes(e.rows(), e.cols()));
        store->quantize(values.data(), e.rows(), e.cols(), bytes.data());
        return bytes;
    };
    streamTensors(m, plan, out, offsets, encode, opts, res);
    res.bytesWritten = header.size() + pos;
    out.resize(res.bytesWritten);
    return res;
}

}  // namespace detail
}  // namespace qs
