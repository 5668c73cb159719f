// The registry of formats: every registered format describes itself consistently (name, GGUF
// type and the type-traits table, file type, fallback, INT parameters), and the layers that
// need a format fact (plan) take it from the format object.
#include "core/formats/format.h"
#include "core/model/model.h"
#include "core/plan/plan.h"

#include <QtTest>

#include <map>
#include <set>
#include <string>

using namespace qs;

namespace {

// Shapes only: a plan never reads the data.
class ShapeModel : public Model {
public:
    std::span<const std::byte> data(const TensorInfo&) const override { return {}; }
};

}  // namespace

class TestRegistry : public QObject {
    Q_OBJECT
private slots:
    void namesAreUniqueAndFound()
    {
        std::set<std::string> names;
        for (const Format* f : allFormats()) {
            QVERIFY2(names.insert(f->name()).second, f->name().c_str());
            QCOMPARE(findFormat(f->name()), f);
            std::string lower = f->name();
            for (char& c : lower)
                c = char(std::tolower(static_cast<unsigned char>(c)));
            QCOMPARE(findFormat(lower), f);
            QVERIFY2(!f->description().empty(), f->name().c_str());
        }
        QVERIFY(names.size() >= 30);
    }

    // A GGUF format is its table entry: name, block geometry and bytes per block.
    void ggufFormatsMatchTheTypeTable()
    {
        std::map<uint32_t, std::string> fileTypes;
        int gguf = 0;
        for (const Format* f : allFormats()) {
            const auto t = f->ggmlType();
            QCOMPARE(t.has_value(), f->family() != FormatFamily::Int);
            if (!t)
                continue;
            ++gguf;
            const GgmlTypeInfo& info = ggmlTypeInfo(*t);
            QCOMPARE(f->name(), std::string(info.name));
            QCOMPARE(f->blockSize(), int64_t(info.blockSize));
            QCOMPARE(f->storageBytes(3, 2 * info.blockSize), uint64_t(6 * info.typeSize));
            QCOMPARE(formatForGgml(*t), f);
            // llama.cpp's file type: none for F32 ("all F32"), one of its own for every other type.
            if (*t == GgmlType::F32) {
                QCOMPARE(f->ggufFileType(), 0u);
            } else {
                QVERIFY2(f->ggufFileType() > 0, f->name().c_str());
                QVERIFY2(fileTypes.emplace(f->ggufFileType(), f->name()).second, f->name().c_str());
            }
        }
        QVERIFY(gguf >= 14);
    }

    // llama.cpp's fallbacks: the K-quants to a 32-weight type, everything else to F16.
    void fallbacks()
    {
        for (const Format* f : allFormats()) {
            const Format* fb = f->fallback();
            if (f->blockSize() == 256) {
                QVERIFY2(fb, f->name().c_str());
                QVERIFY(fb->ggmlType().has_value());
                QCOMPARE(fb->blockSize(), int64_t(32));
                QVERIFY(!fb->fallback());
            } else {
                QVERIFY2(!fb, f->name().c_str());
            }
        }
        QCOMPARE(findFormat("Q4_K")->fallback(), findFormat("Q5_0"));
        QCOMPARE(findFormat("Q5_K")->fallback(), findFormat("Q5_1"));
        QCOMPARE(findFormat("Q6_K")->fallback(), findFormat("Q8_0"));
        QCOMPARE(findFormat("Q3_K")->fallback(), findFormat("Q4_0"));
        QCOMPARE(findFormat("Q2_K")->fallback(), findFormat("Q4_0"));
        QCOMPARE(findFormat("TQ1_0")->fallback(), findFormat("Q4_0"));
        QCOMPARE(findFormat("TQ2_0")->fallback(), findFormat("Q4_0"));
        QCOMPARE(findFormat("IQ4_XS")->fallback(), findFormat("IQ4_NL"));
    }

    // The INT family's parameters are the format's, and spell its name.
    void intParameters()
    {
        int n = 0;
        for (const Format* f : allFormats()) {
            const auto p = f->intParams();
            if (!p) {
                QVERIFY2(f->name().rfind("INT", 0) != 0, f->name().c_str());
                continue;
            }
            ++n;
            QCOMPARE(f->family(), FormatFamily::Int);
            using G = IntParams::Granularity;
            const std::string gran = p->granularity == G::Tensor    ? "TENSOR"
                                     : p->granularity == G::Channel ? "CHANNEL"
                                                                    : "G" + std::to_string(p->group);
            QCOMPARE(f->name(), "INT" + std::to_string(p->bits) + (p->symmetric ? "_SYM_" : "_ASYM_") + gran);
            QCOMPARE(f->blockSize(), int64_t(p->granularity == G::Group ? p->group : 1));
        }
        QCOMPARE(n, 30);
    }

    // The plan takes a type's file type and a block's fallback from the format.
    void planAsksTheFormat()
    {
        ShapeModel m;
        m.format = "memory";
        m.tensors.push_back({"blk.0.attn_q.weight", {64, 96}, "F32", GgmlType::F32, 0, 64 * 96 * 4, 0});
        for (const Format* f : allFormats()) {
            if (!f->ggmlType())
                continue;
            PlanSpec spec(f->name());
            spec.pure = true;
            const QuantPlan p = buildPlan(m, spec);
            QCOMPARE(p.fileType, f->ggufFileType());
            const PlanEntry& e = p.entries.at(0);
            if (f->supports(64, 96)) {
                QCOMPARE(e.format, f->name());
            } else {
                const Format* fb = f->fallback() && f->fallback()->supports(64, 96) ? f->fallback() : findFormat("F16");
                QCOMPARE(e.format, fb->name());
                QVERIFY(e.fallback);
            }
        }
    }
};

QTEST_GUILESS_MAIN(TestRegistry)
#include "test_registry.moc"
