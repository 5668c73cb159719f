// kquant-bound: the least squared error any Q4_K or Q3_K encoding of a GGUF file's F32 matrices can
// have — a lower bound, computed exactly, that no quantizer (ours, llama.cpp's or another) can beat.
//
//   g++ -O2 -std=c++20 -o /tmp/kquant-bound scripts/kquant-bound.cpp
//   /tmp/kquant-bound tests/data/stories260K/stories260K-f32.gguf [q4k|q3k]
//
// The bound relaxes each format to real numbers where it stores rounded ones:
//   Q4_K stores w = d·sc·q − dmin·m per sub-block of 32 (q in 0..15; sc, m 6-bit; d, dmin fp16), so every
//        value it can store is a + b·q with real a, b per sub-block;
//   Q3_K stores w = d·(sc − 32)·(q − 4) per sub-block of 16 (q in 0..7; sc 6-bit; d fp16): s·{−4..3}
//        with real s per sub-block.
// The relaxed problem is solved exactly per sub-block. For Q3_K the rounding of each weight changes
// only where s crosses x_i / (k + ½): one least-squares fit per interval between those points. For
// Q4_K the rounding is constant on each face of the arrangement of the lines x_i = a + b·(k + ½)
// (k = 0..14) in the (a, b) plane, and every face has a vertex: two such lines crossing, or a line
// meeting b = 0 (at a = x_i). Around each vertex every code assignment of the faces that touch it is
// tried (each weight on a boundary there takes either level) and refitted by least squares; the
// least residual over all of them is the relaxed optimum (b < 0 is b > 0 with the codes reversed).
// Matrices whose size is not a multiple of 256 are skipped, as K-quants cannot store them.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iterator>
#include <stdexcept>
#include <string>
#include <vector>

namespace {
struct Cursor {
    const std::vector<unsigned char>& b;
    size_t at = 0;
    template <class T>
    T get()
    {
        if (at + sizeof(T) > b.size())
            throw std::runtime_error("truncated GGUF header");
        T v;
        std::memcpy(&v, b.data() + at, sizeof v);
        at += sizeof v;
        return v;
    }
    std::string str()
    {
        const uint64_t n = get<uint64_t>();
        if (n > b.size() - at)
            throw std::runtime_error("truncated GGUF string");
        std::string s(reinterpret_cast<const char*>(b.data()) + at, n);
        at += n;
        return s;
    }
    void skipValue(uint32_t type)
    {
        static const int size[] = {1, 1, 2, 2, 4, 4, 4, 1, 0, 0, 8, 8, 8};
        if (type == 8) {
            str();
        } else if (type == 9) {
            const uint32_t elem = get<uint32_t>();
            const uint64_t n = get<uint64_t>();
            for (uint64_t i = 0; i < n; ++i)
                skipValue(elem);
        } else if (type < 13) {
            at += size[type];
        } else {
            throw std::runtime_error("unknown GGUF value type");
        }
    }
};

// Sums of one sub-block's x and codes; the least-squares residual of x ≈ a + b·q (affine) or s·q.
struct Sums {
    double n = 0, x = 0, q = 0, xx = 0, qq = 0, xq = 0;
    void add(double xv, double qv, double w = 1)
    {
        n += w;
        x += w * xv;
        q += w * qv;
        xx += w * xv * xv;
        qq += w * qv * qv;
        xq += w * xv * qv;
    }
    double affineResidual() const
    {
        const double vx = xx - x * x / n, vq = qq - q * q / n, c = xq - x * q / n;
        return std::max(0.0, vq > 1e-12 ? vx - c * c / vq : vx);
    }
    double scaleResidual() const { return std::max(0.0, qq > 0 ? xx - xq * xq / qq : xx); }
};

constexpr int kQ4Levels = 16;

// Every code assignment that rounding at (a, b) can give, with each weight whose value lies on a
// boundary there (within rounding noise) taking either neighbouring level; the least residual.
double q4AroundVertex(const double* x, int n, double a, double b)
{
    int base[32];
    std::vector<int> tied;  // indices of distinct x values on a boundary
    for (int m = 0; m < n; ++m) {
        const double t = (x[m] - a) / b;
        const double fl = std::floor(t);
        const bool onBoundary = std::fabs(t - (fl + 0.5)) <= 1e-9 * std::max(1.0, std::fabs(t)) && fl >= 0
                                && fl < kQ4Levels - 1;
        base[m] = std::clamp(int(std::floor(t + 0.5)), 0, kQ4Levels - 1);
        if (onBoundary) {
            base[m] = int(fl);  // the lower of the two; +1 below
            bool seen = false;
            for (int u : tied)
                seen = seen || x[u] == x[m];
            if (!seen)
                tied.push_back(m);
        }
    }
    if (tied.size() > 12)
        throw std::runtime_error("too many weights on one vertex");
    double best = INFINITY;
    for (uint32_t mask = 0; mask < (1u << tied.size()); ++mask) {
        Sums s;
        for (int m = 0; m < n; ++m) {
            int q = base[m];
            for (size_t g = 0; g < tied.size(); ++g)
                if ((mask >> g) & 1 && x[tied[g]] == x[m])
                    q += 1;
            s.add(x[m], q);
        }
        best = std::min(best, s.affineResidual());
    }
    return best;
}

double q4kBound(const double* x)
{
    const int n = 32;
    double best;
    {
        Sums s;
        for (int m = 0; m < n; ++m)
            s.add(x[m], 0);
        best = s.affineResidual();  // one level for all
    }
    // Vertices on b = 0 (b → 0+ at a = x_i): below x_i code 0, above 15, x_i's own weights any code.
    for (int i = 0; i < n; ++i)
        for (int c = 0; c < kQ4Levels; ++c) {
            Sums s;
            for (int m = 0; m < n; ++m)
                s.add(x[m], x[m] < x[i] ? 0 : x[m] > x[i] ? kQ4Levels - 1 : c);
            best = std::min(best, s.affineResidual());
        }
    // Two boundary lines crossing at b > 0: x_i at boundary k + ½, x_j at l + ½, k > l, x_i > x_j.
    for (int i = 0; i < n; ++i)
        for (int j = 0; j < n; ++j) {
            if (!(x[i] > x[j]))
                continue;
            for (int k = 1; k < kQ4Levels - 1; ++k)
                for (int l = 0; l < k; ++l) {
                    const double b = (x[i] - x[j]) / double(k - l);
                    const double a = x[i] - b * (k + 0.5);
                    best = std::min(best, q4AroundVertex(x, n, a, b));
                }
        }
    return best;
}

// Q3_K relaxed, s > 0 (s < 0 is s > 0 for −x): the rounding changes only at s = x_i / (k + ½).
double q3kHalf(const double* x, int n)
{
    std::vector<double> cuts;
    for (int i = 0; i < n; ++i)
        for (int k = -4; k <= 2; ++k) {
            const double s = x[i] / (k + 0.5);
            if (s > 0)
                cuts.push_back(s);
        }
    std::sort(cuts.begin(), cuts.end());
    std::vector<double> probes;
    if (cuts.empty()) {
        probes.push_back(1);
    } else {
        probes.push_back(cuts.front() * 0.5);
        for (size_t t = 0; t + 1 < cuts.size(); ++t)
            if (cuts[t + 1] > cuts[t])
                probes.push_back(0.5 * (cuts[t] + cuts[t + 1]));
        probes.push_back(cuts.back() * 2);
    }
    double best = INFINITY;
    for (double s : probes) {
        Sums sum;
        for (int m = 0; m < n; ++m)
            sum.add(x[m], std::clamp(int(std::floor(x[m] / s + 0.5)), -4, 3));
        best = std::min(best, sum.scaleResidual());
    }
    return best;
}

double q3kBound(const double* x)
{
    double neg[16];
    for (int i = 0; i < 16; ++i)
        neg[i] = -x[i];
    return std::min(q3kHalf(x, 16), q3kHalf(neg, 16));
}
}  // namespace

int main(int argc, char** argv)
{
    if (argc < 2) {
        std::fprintf(stderr, "usage: kquant-bound FILE.gguf [q4k|q3k]\n");
        return 2;
    }
    const std::string which = argc > 2 ? argv[2] : "both";
    try {
        std::ifstream f(argv[1], std::ios::binary);
        if (!f)
            throw std::runtime_error("cannot open");
        const std::vector<unsigned char> bytes((std::istreambuf_iterator<char>(f)), {});
        Cursor c{bytes};
        if (c.get<uint32_t>() != 0x46554747u)
            throw std::runtime_error("not a GGUF file");
        c.get<uint32_t>();
        const uint64_t nTensors = c.get<uint64_t>(), nKv = c.get<uint64_t>();
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
            const uint32_t dims = c.get<uint32_t>();
            for (uint32_t d = 0; d < dims; ++d)
                in.ne.push_back(c.get<uint64_t>());
            in.type = c.get<uint32_t>();
            in.offset = c.get<uint64_t>();
            infos.push_back(std::move(in));
        }
        const size_t dataStart = (c.at + alignment - 1) / alignment * alignment;
        double total4 = 0, total3 = 0;
        for (const Info& in : infos) {
            if (in.ne.size() != 2 || in.type != 0)  // F32 matrices only
                continue;
            const size_t n = in.ne[0] * in.ne[1];
            if (n % 256 != 0)
                continue;
            if (dataStart + in.offset + n * 4 > bytes.size())
                throw std::runtime_error(in.name + ": data past the end of the file");
            std::vector<double> x(n);
            for (size_t i = 0; i < n; ++i) {
                float v;
                std::memcpy(&v, bytes.data() + dataStart + in.offset + 4 * i, 4);
                x[i] = v;
            }
            double s4 = 0, s3 = 0;
            if (which != "q3k")
                for (size_t o = 0; o < n; o += 32)
                    s4 += q4kBound(&x[o]);
            if (which != "q4k")
                for (size_t o = 0; o < n; o += 16)
                    s3 += q3kBound(&x[o]);
            std::printf("%-28s %8zu weights  Q4_K >= %-10.6g Q3_K >= %.6g\n", in.name.c_str(), n, s4, s3);
            std::fflush(stdout);
            total4 += s4;
            total3 += s3;
        }
        std::printf("total squared error: Q4_K >= %.6g, Q3_K >= %.6g\n", total4, total3);
    } catch (const std::exception& e) {
        std::fprintf(stderr, "kquant-bound: %s: %s\n", argv[1], e.what());
        return 1;
    }
    return 0;
}
