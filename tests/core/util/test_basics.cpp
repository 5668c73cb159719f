// Engine basics: GGUF type table, half/bfloat16 conversions, parallelFor, float formats, CLI shell.
#include "core/formats/format.h"
#include "core/formats/ggml_types.h"
#include "core/model/tensor_names.h"
#include "core/util/csv.h"
#include "core/util/half.h"
#include "core/util/heap_reuse.h"
#include "core/util/parallel.h"
#include "tests/support/fixtures.h"

#include <QtTest>

#include <QThreadPool>

#include <atomic>
#include <chrono>
#include <mutex>
#include <set>
#include <thread>
#include <bit>
#include <cmath>
#include <random>
#include <cstdlib>
#if defined(__GLIBC__) && !defined(QS_SANITIZE)
#include <malloc.h>
#endif
#ifndef __FLT16_MAX__
#include <cpuid.h>
#include <immintrin.h>
#endif

using namespace qs;

namespace {
// The blocks glibc's malloc has mapped on their own; -1 where malloc is not glibc's (the sanitizers').
long glibcMappedBlocks()
{
#if defined(__GLIBC__) && !defined(QS_SANITIZE)
    return long(mallinfo2().hblks);
#else
    return -1;
#endif
}

// IEEE binary16, rounded to nearest even, as the compiler or the CPU converts.
#ifdef __FLT16_MAX__
uint16_t referenceHalf(float f)
{
    return std::bit_cast<uint16_t>(static_cast<_Float16>(f));
}
#else
bool cpuHasF16c()  // CPUID leaf 1, ECX bit 29 (clang 14 knows no "f16c" for __builtin_cpu_supports)
{
    unsigned eax = 0, ebx = 0, ecx = 0, edx = 0;
    return __get_cpuid(1, &eax, &ebx, &ecx, &edx) && (ecx & (1u << 29)) != 0;
}

__attribute__((target("f16c"))) uint16_t referenceHalf(float f)
{
    return uint16_t(_cvtss_sh(f, _MM_FROUND_TO_NEAREST_INT));
}
#endif
}  // namespace

class TestBasics : public QObject {
    Q_OBJECT
private slots:
    void csvQuotesOnlyWhatNeedsIt()
    {
        QCOMPARE(qs::csvField(QStringLiteral("Q4_K_M")), QStringLiteral("Q4_K_M"));
        QCOMPARE(qs::csvField(QStringLiteral("a,b")), QStringLiteral("\"a,b\""));
        QCOMPARE(qs::csvField(QStringLiteral("say \"hi\"")), QStringLiteral("\"say \"\"hi\"\"\""));
        QCOMPARE(qs::csvField(QStringLiteral("two\nlines")), QStringLiteral("\"two\nlines\""));
        QCOMPARE(qs::csvLine({QStringLiteral("type"), QStringLiteral("x,y"), QString()}), QStringLiteral("type,\"x,y\",\n"));
    }

    void layerNumbers()
    {
        QCOMPARE(qs::layerNumber("blk.12.attn_q.weight"), 12);
        QCOMPARE(qs::layerNumber("blk.007.ffn_up.weight"), 7);
        QCOMPARE(qs::layerNumber("model.layers.3.mlp.down_proj.weight"), 3);
        QCOMPARE(qs::layerNumber("layers.4.attention.wq.weight"), 4);
        QCOMPARE(qs::layerNumber("transformer.h.5.attn.c_attn.weight"), 5);
        QCOMPARE(qs::layerNumber("token_embd.weight"), -1);
        QCOMPARE(qs::layerNumber("blk.x.attn_q.weight"), -1);
        QCOMPARE(qs::layerNumber("blk.3"), -1);               // no tensor part
        QCOMPARE(qs::layerNumber("blk.-1.attn_q.weight"), -1);
        QCOMPARE(qs::layerNumber("blk.1073741824.attn_q.weight"), -1);  // 2^30: not a layer
        QCOMPARE(qs::layerNumber("blk.99999999999999999999.x"), -1);    // overflow
    }

    void ggmlTypeSizes()
    {
        QCOMPARE(ggmlTypeInfo(GgmlType::Q4_0).typeSize, 18u);
        QCOMPARE(ggmlTypeInfo(GgmlType::Q2_K).typeSize, 84u);
        QCOMPARE(ggmlTypeInfo(GgmlType::Q6_K).typeSize, 210u);
        QVERIFY(!ggmlTypeInfo(4u).has_value());  // retired id
        QVERIFY(!ggmlTypeInfo(1000u).has_value());
        QCOMPARE(ggmlTypeFromName("q4_k").value(), GgmlType::Q4_K);
        QCOMPARE(ggmlTypeInfo(30u)->name, std::string_view("BF16"));
    }

    void halfRoundTripsEveryHalf()
    {
        // Every finite half converts to float and back to itself.
        for (uint32_t h = 0; h < 0x10000; ++h) {
            if ((h & 0x7c00) == 0x7c00)
                continue;
            const float f = fp16ToFp32(uint16_t(h));
            QCOMPARE(fp32ToFp16(f), uint16_t(h));
        }
        QCOMPARE(fp16ToFp32(0x3c00), 1.0f);
        QCOMPARE(fp16ToFp32(0x0001), std::ldexp(1.0f, -24));
        QCOMPARE(fp32ToFp16(65520.0f), uint16_t(0x7c00));  // rounds to infinity
        QCOMPARE(fp32ToFp16(65519.0f), uint16_t(0x7bff));
        QCOMPARE(fp32ToFp16(std::ldexp(1.0f, -25)), uint16_t(0));  // tie to even: zero
        QCOMPARE(fp32ToFp16(std::ldexp(1.5f, -25)), uint16_t(1));
        // 1 + 2^-11 is halfway between 1 and 1+2^-10: ties to even (1.0)
        QCOMPARE(fp32ToFp16(1.0f + std::ldexp(1.0f, -11)), uint16_t(0x3c00));
        QCOMPARE(fp32ToFp16(1.0f + 3 * std::ldexp(1.0f, -11)), uint16_t(0x3c02));
    }

    void halfMatchesHardwareRounding()
    {
        // Compare with the compiler's _Float16 conversion (IEEE round to nearest even) on random bits;
        // where the compiler has none (clang 14 on x86-64), with the CPU's F16C conversion.
#ifndef __FLT16_MAX__
        if (!cpuHasF16c())
            QSKIP("neither _Float16 nor F16C: no reference conversion");
#endif
        std::mt19937 rng(7);
        for (int i = 0; i < 200000; ++i) {
            const float f = std::bit_cast<float>(uint32_t(rng()));
            if (std::isnan(f))
                continue;
            QCOMPARE(fp32ToFp16(f), referenceHalf(f));
        }
    }

    void bf16()
    {
        QCOMPARE(fp32ToBf16(1.0f), uint16_t(0x3f80));
        QCOMPARE(bf16ToFp32(0x3f80), 1.0f);
        // 1 + 2^-8 is halfway between bf16 neighbours 1 and 1+2^-7: ties to even.
        QCOMPARE(fp32ToBf16(1.0f + std::ldexp(1.0f, -8)), uint16_t(0x3f80));
        QCOMPARE(fp32ToBf16(1.0f + 3 * std::ldexp(1.0f, -8)), uint16_t(0x3f82));
    }

    void parallelForCoversEachIndexOnce()
    {
        for (int threads : {1, 2, 4}) {
            setMaxThreads(threads);
            std::vector<std::atomic<int>> hits(10007);
            parallelFor(10007, 97, [&](int64_t b, int64_t e) {
                for (int64_t i = b; i < e; ++i)
                    hits[size_t(i)]++;
            });
            for (auto& h : hits)
                QCOMPARE(h.load(), 1);
        }
        setMaxThreads(0);
    }

    // Many short loops back to back from two threads at once (helpers lingering between loops
    // claim each offered job at most up to its helper count; a job nobody claims runs on its
    // caller): every index of every loop exactly once, and never more threads on a loop than allowed.
    void parallelForShortLoopsFromTwoThreads()
    {
        setMaxThreads(2);
        std::atomic<int> bad{0};
        auto run = [&] {
            for (int k = 0; k < 3000; ++k) {
                const int64_t n = 1 + k % 37;
                std::vector<std::atomic<int>> hits(static_cast<size_t>(n));
                std::mutex m;
                std::set<std::thread::id> ids;
                parallelFor(n, 1 + k % 3, [&](int64_t b, int64_t e) {
                    for (int64_t i = b; i < e; ++i)
                        hits[size_t(i)]++;
                    std::lock_guard lk(m);
                    ids.insert(std::this_thread::get_id());
                });
                for (auto& h : hits)
                    bad += h.load() != 1;
                bad += ids.size() > 2;
            }
        };
        std::thread other(run);
        run();
        other.join();
        QCOMPARE(bad.load(), 0);
        setMaxThreads(0);
    }

    // The engine's own pool: at most maxThreads() threads on a loop (the caller included), and
    // Qt's global pool (the window's workers) left alone.
    void parallelForUsesItsOwnPoolWithinTheLimit()
    {
        for (int threads : {1, 2, 3}) {
            setMaxThreads(threads);
            std::mutex m;
            std::set<std::thread::id> seen;
            int globalActive = 0;
            parallelFor(64, 1, [&](int64_t, int64_t) {
                std::this_thread::sleep_for(std::chrono::milliseconds(2));
                std::lock_guard lk(m);
                seen.insert(std::this_thread::get_id());
                globalActive = std::max(globalActive, QThreadPool::globalInstance()->activeThreadCount());
            });
            QVERIFY(int(seen.size()) <= threads);
            QVERIFY(seen.count(std::this_thread::get_id()) == 1 || threads > 1);
            QCOMPARE(globalActive, 0);
        }
        setMaxThreads(0);
    }

    void parallelForNestedAndThrowing()
    {
        std::atomic<int64_t> sum{0};
        parallelFor(8, 1, [&](int64_t b, int64_t e) {
            for (int64_t i = b; i < e; ++i)
                parallelFor(1000, 10, [&](int64_t b2, int64_t e2) { sum += e2 - b2; });
        });
        QCOMPARE(sum.load(), int64_t(8000));
        bool thrown = false;
        try {
            parallelFor(100, 1, [](int64_t b, int64_t) {
                if (b == 50)
                    throw std::runtime_error("boom");
            });
        } catch (const std::runtime_error&) {
            thrown = true;
        }
        QVERIFY(thrown);
    }

    // HeapReuse: while one lives, a block far above glibc's mapping threshold comes from the heap
    // (no mapping of its own); once the last one (of nested ones) ends, such a block is mapped on its
    // own again. (In the sanitizer build malloc is the sanitizer's and HeapReuse has nothing to set:
    // only the nesting runs there.)
    void heapReuseKeepsBigBlocksInTheHeap()
    {
        constexpr size_t kBig = size_t(96) << 20;
        static void* volatile block = nullptr;  // (volatile: the allocations are not optimised away)
        {
            const HeapReuse outer;
            { const HeapReuse inner; }  // a nested one ending leaves the outer one's settings
            const long mapped = glibcMappedBlocks();
            block = std::malloc(kBig);
            QVERIFY(block != nullptr);
            if (mapped >= 0)
                QCOMPARE(glibcMappedBlocks(), mapped);
            std::free(block);
        }
        const long mapped = glibcMappedBlocks();
        block = std::malloc(kBig);
        QVERIFY(block != nullptr);
        if (mapped >= 0)
            QCOMPARE(glibcMappedBlocks(), mapped + 1);
        std::free(block);
    }

    void floatFormats()
    {
        const Format* f16 = findFormat("f16");
        QVERIFY(f16);
        QCOMPARE(f16->storageBytes(3, 5), uint64_t(30));
        QCOMPARE(f16->bitsPerWeight(3, 5), 16.0);
        std::vector<float> x{1.0f, -2.5f, 3.14159f, 65504.0f, 1e-8f, 0.0f};
        auto y = f16->roundTrip(x.data(), 2, 3);
        QCOMPARE(y[0], 1.0f);
        QCOMPARE(y[3], 65504.0f);
        QCOMPARE(y[2], fp16ToFp32(fp32ToFp16(3.14159f)));
        QVERIFY(findFormat("F32")->roundTrip(x.data(), 1, 6) == x);
        QVERIFY(!findFormat("nope"));
    }

    void cliShell()
    {
        QByteArray out, err;
        QCOMPARE(test::runCli({"--version"}, &out), 0);
        QVERIFY(out.startsWith("quantscope-cli "));
        QCOMPARE(test::runCli({"--help"}, &out), 0);
        QVERIFY(out.contains("Commands:"));
        QCOMPARE(test::runCli({"no-such-command"}, &out, &err), 2);
        QVERIFY(err.contains("unknown command"));
        QCOMPARE(test::runCli({"formats", "--json"}, &out), 0);
        const auto doc = QJsonDocument::fromJson(out);
        QVERIFY(doc.isObject());
        QVERIFY(doc.object().value("formats").toArray().size() >= 3);
    }
};

QTEST_GUILESS_MAIN(TestBasics)
#include "test_basics.moc"
