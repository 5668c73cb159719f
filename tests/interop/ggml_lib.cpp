#include "tests/interop/ggml_lib.h"

#include "core/formats/format.h"
#include "core/util/cpu.h"
#include "tests/support/fixtures.h"

#include <QFile>
#include <QtGlobal>

#include <dlfcn.h>

#include <cctype>
#include <cmath>
#include <cstring>
#include <map>
#include <memory>
#include <mutex>
#include <random>

namespace qs::test {

std::string ggmlSymbolType(std::string_view formatName)
{
    std::string s(formatName);
    for (char& c : s)
        c = char(std::tolower(static_cast<unsigned char>(c)));
    if (s.size() >= 2 && s.compare(s.size() - 2, 2, "_k") == 0)
        s.back() = 'K';
    return s;
}

namespace {
void* library()
{
    static void* handle = [] {
        const QByteArray path = ggmlBaseLib().toLocal8Bit();
        void* h = dlopen(path.constData(), RTLD_NOW | RTLD_LOCAL);
        if (!h)
            qFatal("cannot load %s: %s", path.constData(), dlerror());
        return h;
    }();
    return handle;
}
}  // namespace

std::string ggmlCpuLib()
{
    const QByteArray env = qgetenv("QS_GGML_CPU_LIB");
    if (!env.isEmpty())
        return env.toStdString();
    const QString base = ggmlBaseLib();
    return (base.left(base.lastIndexOf(QLatin1Char('/')) + 1) + QStringLiteral("libggml-cpu-%1.so").arg(QLatin1String(llamaCppCpuVariant())))
        .toStdString();
}

namespace {
const cli::LlamaCpuLib& cpuLibrary()
{
    static const cli::LlamaCpuLib lib = [] {
        (void)library();  // libggml-base.so first (the CPU library needs it)
        cli::LlamaCpuLib l = cli::loadLlamaCpuLib(ggmlCpuLib());
        if (!l.loaded())
            qFatal("cannot load llama.cpp's CPU library: %s", l.error.c_str());
        return l;
    }();
    return lib;
}
}  // namespace

void* ggmlCpuSymbol(const char* name) { return dlsym(cpuLibrary().handle, name); }

const GgmlCpuTraits& ggmlCpuTraits(int type)
{
    const GgmlCpuTraits* t = cpuLibrary().traits(type);
    if (!t)
        qFatal("ggml_get_type_traits_cpu(%d) is null", type);
    return *t;
}

const GgmlFns& ggmlFns(std::string_view typeName)
{
    static std::mutex m;
    static std::map<std::string, std::unique_ptr<GgmlFns>> cache;
    const std::string t = ggmlSymbolType(typeName);
    std::lock_guard lk(m);
    auto& slot = cache[t];
    if (!slot) {
        void* h = library();
        auto f = std::make_unique<GgmlFns>();
        f->symbolType = t;
        f->quantize = reinterpret_cast<GgmlFns::QuantizeFn>(dlsym(h, ("quantize_" + t).c_str()));
        f->quantizeRowRef = reinterpret_cast<GgmlFns::QuantizeRowRefFn>(dlsym(h, ("quantize_row_" + t + "_ref").c_str()));
        f->dequantize = reinterpret_cast<GgmlFns::DequantizeFn>(dlsym(h, ("dequantize_row_" + t).c_str()));
        if (!f->quantize || !f->dequantize)
            qFatal("libggml-base.so lacks quantize_%s or dequantize_row_%s", t.c_str(), t.c_str());
        if (const auto type = ggmlTypeFromName(typeName)) {
            using InitFn = void (*)(int);
            using RequiresFn = bool (*)(int);
            if (auto init = reinterpret_cast<InitFn>(dlsym(h, "ggml_quantize_init")))
                init(int(*type));
            if (auto req = reinterpret_cast<RequiresFn>(dlsym(h, "ggml_quantize_requires_imatrix")))
                f->requiresImatrix = req(int(*type));
        }
        slot = std::move(f);
    }
    return *slot;
}

std::vector<unsigned char> ggmlQuantize(const GgmlFns& f, const float* src, int64_t rows, int64_t cols,
                                        uint64_t bytesPerRow, const float* imatrix)
{
    std::vector<unsigned char> out(size_t(bytesPerRow * uint64_t(rows)) + 1, 0xA5);
    const size_t n = f.quantize(src, out.data(), rows, cols, imatrix);
    if (n != bytesPerRow * uint64_t(rows))
        qFatal("quantize_%s wrote %zu bytes, expected %llu", f.symbolType.c_str(), n,
               static_cast<unsigned long long>(bytesPerRow * uint64_t(rows)));
    if (out.back() != 0xA5)
        qFatal("quantize_%s wrote past the end", f.symbolType.c_str());
    out.pop_back();
    return out;
}

std::vector<unsigned char> ggmlQuantizeRowRef(const GgmlFns& f, const float* src, int64_t rows, int64_t cols,
                                              uint64_t bytesPerRow)
{
    if (!f.quantizeRowRef)
        qFatal("libggml-base.so lacks quantize_row_%s_ref", f.symbolType.c_str());
    std::vector<unsigned char> out(size_t(bytesPerRow * uint64_t(rows)));
    for (int64_t r = 0; r < rows; ++r)
        f.quantizeRowRef(src + r * cols, out.data() + size_t(r) * bytesPerRow, cols);
    return out;
}

std::vector<float> ggmlDequantize(const GgmlFns& f, const unsigned char* bytes, int64_t rows, int64_t cols)
{
    std::vector<float> out(size_t(rows * cols));
    f.dequantize(bytes, out.data(), rows * cols);
    return out;
}

// ---- A minimal GGUF v3 reader for the F32 fixture (test-only, independent of the engine) ----
namespace {
struct Cursor {
    const unsigned char* p;
    size_t n;
    size_t at = 0;
    template <class T>
    T get()
    {
        if (at + sizeof(T) > n)
            qFatal("stories260K-f32.gguf: truncated at byte %zu", at);
        T v;
        std::memcpy(&v, p + at, sizeof(T));
        at += sizeof(T);
        return v;
    }
    std::string str()
    {
        const uint64_t len = get<uint64_t>();
        if (len > n - at)
            qFatal("stories260K-f32.gguf: bad string length at byte %zu", at);
        std::string s(reinterpret_cast<const char*>(p + at), size_t(len));
        at += size_t(len);
        return s;
    }
    void skipValue(uint32_t type)
    {
        static const size_t sizes[] = {1, 1, 2, 2, 4, 4, 4, 1, 0, 0, 8, 8, 8};
        if (type == 8) {
            (void)str();
        } else if (type == 9) {
            const uint32_t et = get<uint32_t>();
            const uint64_t count = get<uint64_t>();
            for (uint64_t i = 0; i < count; ++i)
                skipValue(et);
        } else if (type < 13) {
            if (at + sizes[type] > n)
                qFatal("stories260K-f32.gguf: truncated value");
            at += sizes[type];
        } else {
            qFatal("stories260K-f32.gguf: unknown metadata type %u", type);
        }
    }
};
}  // namespace

const std::vector<Matrix>& storiesMatrices()
{
    static const std::vector<Matrix> all = [] {
        QFile f(stories(QStringLiteral("stories260K-f32.gguf")));
        if (!f.open(QIODevice::ReadOnly))
            qFatal("cannot open %s", qPrintable(f.fileName()));
        const QByteArray bytes = f.readAll();
        Cursor c{reinterpret_cast<const unsigned char*>(bytes.constData()), size_t(bytes.size())};
        if (c.get<uint32_t>() != 0x46554747u)
            qFatal("stories260K-f32.gguf: not a GGUF file");
        (void)c.get<uint32_t>();  // version
        const uint64_t nTensors = c.get<uint64_t>();
        const uint64_t nKv = c.get<uint64_t>();
        uint64_t alignment = 32;
        for (uint64_t i = 0; i < nKv; ++i) {
            const std::string key = c.str();
            const uint32_t type = c.get<uint32_t>();
            if (key == "general.alignment" && type == 4)
                alignment = c.get<uint32_t>();
            else
                c.skipValue(type);
        }
        struct Info {
            std::string name;
            std::vector<uint64_t> ne;
            uint32_t type;
            uint64_t offset;
        };
        std::vector<Info> infos;
        for (uint64_t i = 0; i < nTensors; ++i) {
            Info in;
            in.name = c.str();
            const uint32_t nd = c.get<uint32_t>();
            for (uint32_t d = 0; d < nd; ++d)
                in.ne.push_back(c.get<uint64_t>());
            in.type = c.get<uint32_t>();
            in.offset = c.get<uint64_t>();
            infos.push_back(std::move(in));
        }
        const size_t dataStart = (c.at + alignment - 1) / alignment * alignment;
        std::vector<Matrix> out;
        for (const Info& in : infos) {
            if (in.ne.size() != 2 || in.type != 0)
                continue;
            Matrix m;
            m.name = in.name;
            m.cols = int64_t(in.ne[0]);
            m.rows = int64_t(in.ne[1]);
            const size_t nb = size_t(m.rows * m.cols) * sizeof(float);
            if (dataStart + in.offset + nb > c.n)
                qFatal("stories260K-f32.gguf: tensor %s out of bounds", in.name.c_str());
            m.data.resize(size_t(m.rows * m.cols));
            std::memcpy(m.data.data(), c.p + dataStart + in.offset, nb);
            out.push_back(std::move(m));
        }
        if (out.empty())
            qFatal("stories260K-f32.gguf: no 2-D F32 tensors");
        return out;
    }();
    return all;
}

std::vector<const Format*> ggufFormats()
{
    std::vector<const Format*> v;
    for (const Format* f : allFormats())
        if (f->family() == FormatFamily::Gguf)
            v.push_back(f);
    return v;
}

Matrix heavyTailedMatrix(uint32_t seed, int64_t rows, int64_t cols, int outlierCols)
{
    std::mt19937 rng(seed);
    std::student_t_distribution<float> t(3.0f);
    Matrix m;
    m.name = "heavy-tailed seed " + std::to_string(seed);
    m.rows = rows;
    m.cols = cols;
    m.data.resize(size_t(rows * cols));
    for (float& v : m.data)
        v = 0.02f * t(rng);
    std::uniform_int_distribution<int64_t> col(0, cols - 1);
    std::uniform_real_distribution<float> gain(10.0f, 50.0f);
    for (int k = 0; k < outlierCols; ++k) {
        const int64_t j = col(rng);
        const float g = gain(rng);
        for (int64_t r = 0; r < rows; ++r)
            m.data[size_t(r * cols + j)] *= g;
    }
    return m;
}

std::vector<Matrix> syntheticMatrices(uint32_t seed, int64_t rows, int64_t cols)
{
    std::mt19937 rng(seed);
    std::vector<Matrix> out;
    auto make = [&](const std::string& name, auto gen) {
        Matrix m;
        m.name = name;
        m.rows = rows;
        m.cols = cols;
        m.data.resize(size_t(rows * cols));
        for (int64_t r = 0; r < rows; ++r)
            for (int64_t j = 0; j < cols; ++j)
                m.data[size_t(r * cols + j)] = gen(r, j);
        out.push_back(std::move(m));
    };
    std::normal_distribution<float> normal(0.0f, 1.0f);
    std::uniform_real_distribution<float> uni(-1.0f, 1.0f);
    std::uniform_real_distribution<float> unit(0.0f, 1.0f);
    make("gaussian", [&](int64_t, int64_t) { return normal(rng); });
    make("uniform", [&](int64_t, int64_t) { return uni(rng); });
    make("positive", [&](int64_t, int64_t) { return 3.0f + unit(rng); });
    out.push_back(heavyTailedMatrix(seed + 1, rows, cols, 6));
    make("zeros", [&](int64_t, int64_t) { return 0.0f; });
    make("constant rows", [&](int64_t r, int64_t) { return float(r - rows / 2) * 0.37f; });
    make("tiny", [&](int64_t r, int64_t) { return normal(rng) * std::ldexp(1.0f, -20 - int(r % 8) * 10); });
    make("huge", [&](int64_t r, int64_t) { return normal(rng) * (1e4f + 2e3f * float(r % 4)); });
    make("near fp16 max", [&](int64_t, int64_t) { return uni(rng) * 60000.0f; });
    make("spikes", [&](int64_t, int64_t) {
        const float u = unit(rng);
        return u < 0.02f ? (u < 0.01f ? -1.0f : 1.0f) * 100.0f : 0.01f * normal(rng);
    });
    make("sparse", [&](int64_t, int64_t) { return unit(rng) < 0.9f ? 0.0f : normal(rng); });
    make("half zero blocks", [&](int64_t, int64_t j) { return (j / 32) % 2 ? 0.0f : normal(rng); });
    return out;
}

double weightedSquaredError(const float* a, const float* b, int64_t rows, int64_t cols, const float* w)
{
    double s = 0;
    for (int64_t r = 0; r < rows; ++r)
        for (int64_t j = 0; j < cols; ++j) {
            const double d = double(a[r * cols + j]) - double(b[r * cols + j]);
            s += (w ? double(w[j]) : 1.0) * d * d;
        }
    return s;
}

}  // namespace qs::test

namespace qs::test {
Matrix shapedFor(const Format& f, const Matrix& m)
{
    if (f.supports(m.rows, m.cols))
        return m;
    const int64_t n = m.rows * m.cols;
    for (int64_t c : {2 * f.blockSize(), f.blockSize()}) {
        if (n % c == 0) {
            Matrix r = m;
            r.cols = c;
            r.rows = n / c;
            r.name += " (as " + std::to_string(r.rows) + "x" + std::to_string(c) + ")";
            return r;
        }
    }
    return Matrix{};
}
}  // namespace qs::test
