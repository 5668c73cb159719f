#pragma once
// The scalar reference backend of the kernels (core/kernels/kernel_impl.h): the operations of
// simd_avx2.h written lane by lane in plain C++, each with the result the AVX2 instruction has
// (wrapping or saturating integer lanes, the pshufb/maddubs/madd lane layouts, IEEE float lanes
// with a fused multiply-add by std::fma, the same fixed horizontal-sum trees). So the two
// instantiations of a kernel template compute identical integers and identical floats.
// Lives in namespace isa_scalar (see simd_avx2.h for why).
#include "core/util/half.h"

#include <cmath>
#include <cstdint>
#include <cstring>

#define QS_SIMD_INLINE inline
#define QS_KERNEL_INLINE inline
#define QS_KERNEL_LAMBDA_INLINE
#define QS_KERNEL_UNROLL

namespace qs::kernels::isa_scalar {

struct Simd {
    static constexpr bool kAvx2 = false;
    struct I {
        uint8_t b[32];
    };
    struct H {
        uint8_t b[16];
    };
    struct F {
        float f[8];
    };

private:
    template <class T, int N>
    struct Lanes {
        T v[N];
    };
    template <class T>
    static QS_SIMD_INLINE Lanes<T, 32 / sizeof(T)> get(const I& a)
    {
        Lanes<T, 32 / sizeof(T)> r;
        std::memcpy(r.v, a.b, 32);
        return r;
    }
    template <class T>
    static QS_SIMD_INLINE I put(const Lanes<T, 32 / sizeof(T)>& l)
    {
        I r;
        std::memcpy(r.b, l.v, 32);
        return r;
    }
    static QS_SIMD_INLINE int16_t sat16(int32_t v) { return int16_t(v < -32768 ? -32768 : v > 32767 ? 32767 : v); }
    static QS_SIMD_INLINE int8_t sat8(int32_t v) { return int8_t(v < -128 ? -128 : v > 127 ? 127 : v); }

public:
    // ---- loads, stores, constants
    static QS_SIMD_INLINE I load(const void* p)
    {
        I r;
        std::memcpy(r.b, p, 32);
        return r;
    }
    static QS_SIMD_INLINE H load16(const void* p)
    {
        H r;
        std::memcpy(r.b, p, 16);
        return r;
    }
    static QS_SIMD_INLINE void store(void* p, I v) { std::memcpy(p, v.b, 32); }
    static QS_SIMD_INLINE I join(H lo, H hi)
    {
        I r;
        std::memcpy(r.b, lo.b, 16);
        std::memcpy(r.b + 16, hi.b, 16);
        return r;
    }
    static QS_SIMD_INLINE I dup16(H v) { return join(v, v); }
    static QS_SIMD_INLINE I zero() { return I{}; }
    static QS_SIMD_INLINE H seth(uint32_t a, uint32_t b, uint32_t c, uint32_t d)
    {
        const uint32_t w[4] = {a, b, c, d};
        H r;
        std::memcpy(r.b, w, 16);
        return r;
    }
    static QS_SIMD_INLINE I set8(int8_t v)
    {
        I r;
        std::memset(r.b, uint8_t(v), 32);
        return r;
    }
    static QS_SIMD_INLINE I set16(int16_t v)
    {
        Lanes<int16_t, 16> l;
        for (auto& x : l.v)
            x = v;
        return put(l);
    }
    static QS_SIMD_INLINE I set32(int32_t v)
    {
        Lanes<int32_t, 8> l;
        for (auto& x : l.v)
            x = v;
        return put(l);
    }
    static QS_SIMD_INLINE I set64x4(uint64_t a, uint64_t b, uint64_t c, uint64_t d)
    {
        const uint64_t w[4] = {a, b, c, d};
        I r;
        std::memcpy(r.b, w, 32);
        return r;
    }
    static QS_SIMD_INLINE I set64(uint64_t v)
    {
        Lanes<uint64_t, 4> l;
        for (auto& x : l.v)
            x = v;
        return put(l);
    }
    static QS_SIMD_INLINE I set16x2(int16_t a, int16_t b)
    {
        Lanes<int16_t, 16> l;
        for (int i = 0; i < 16; ++i)
            l.v[i] = i < 8 ? a : b;
        return put(l);
    }

    // ---- bitwise
    static QS_SIMD_INLINE I and_(I a, I b)
    {
        for (int i = 0; i < 32; ++i)
            a.b[i] &= b.b[i];
        return a;
    }
    static QS_SIMD_INLINE I or_(I a, I b)
    {
        for (int i = 0; i < 32; ++i)
            a.b[i] |= b.b[i];
        return a;
    }
    static QS_SIMD_INLINE I andnot(I a, I b)
    {
        for (int i = 0; i < 32; ++i)
            a.b[i] = uint8_t(~a.b[i] & b.b[i]);
        return a;
    }
    template <int N>
    static QS_SIMD_INLINE I srl16(I a)
    {
        auto l = get<uint16_t>(a);
        for (auto& x : l.v)
            x = uint16_t(x >> N);
        return put(l);
    }
    template <int N>
    static QS_SIMD_INLINE I sll16(I a)
    {
        auto l = get<uint16_t>(a);
        for (auto& x : l.v)
            x = uint16_t(x << N);
        return put(l);
    }
    template <int N>
    static QS_SIMD_INLINE I sll32(I a)
    {
        auto l = get<uint32_t>(a);
        for (auto& x : l.v)
            x = x << N;
        return put(l);
    }
    template <int N>
    static QS_SIMD_INLINE H srl16h(H a)
    {
        uint16_t l[8];
        std::memcpy(l, a.b, 16);
        for (auto& x : l)
            x = uint16_t(x >> N);
        std::memcpy(a.b, l, 16);
        return a;
    }

    // ---- integer arithmetic
    static QS_SIMD_INLINE I add8(I a, I b)
    {
        for (int i = 0; i < 32; ++i)
            a.b[i] = uint8_t(a.b[i] + b.b[i]);
        return a;
    }
    static QS_SIMD_INLINE I sub8(I a, I b)
    {
        for (int i = 0; i < 32; ++i)
            a.b[i] = uint8_t(a.b[i] - b.b[i]);
        return a;
    }
    static QS_SIMD_INLINE I add16(I a, I b)
    {
        auto x = get<uint16_t>(a), y = get<uint16_t>(b);
        for (int i = 0; i < 16; ++i)
            x.v[i] = uint16_t(x.v[i] + y.v[i]);
        return put(x);
    }
    static QS_SIMD_INLINE I sub16(I a, I b)
    {
        auto x = get<uint16_t>(a), y = get<uint16_t>(b);
        for (int i = 0; i < 16; ++i)
            x.v[i] = uint16_t(x.v[i] - y.v[i]);
        return put(x);
    }
    static QS_SIMD_INLINE I add32(I a, I b)
    {
        auto x = get<uint32_t>(a), y = get<uint32_t>(b);
        for (int i = 0; i < 8; ++i)
            x.v[i] = x.v[i] + y.v[i];
        return put(x);
    }
    static QS_SIMD_INLINE I sub32(I a, I b)
    {
        auto x = get<uint32_t>(a), y = get<uint32_t>(b);
        for (int i = 0; i < 8; ++i)
            x.v[i] = x.v[i] - y.v[i];
        return put(x);
    }
    static QS_SIMD_INLINE I cmpeq8(I a, I b)
    {
        for (int i = 0; i < 32; ++i)
            a.b[i] = a.b[i] == b.b[i] ? 0xFF : 0;
        return a;
    }
    static QS_SIMD_INLINE I cmpgt8(I a, I b)  // signed bytes
    {
        for (int i = 0; i < 32; ++i)
            a.b[i] = int8_t(a.b[i]) > int8_t(b.b[i]) ? 0xFF : 0;
        return a;
    }
    static QS_SIMD_INLINE I mullo16(I a, I b)
    {
        auto x = get<uint16_t>(a), y = get<uint16_t>(b);
        for (int i = 0; i < 16; ++i)
            x.v[i] = uint16_t(uint32_t(x.v[i]) * y.v[i]);
        return put(x);
    }
    static QS_SIMD_INLINE I sign8(I a, I b)
    {
        for (int i = 0; i < 32; ++i) {
            const int8_t s = int8_t(b.b[i]);
            a.b[i] = s < 0 ? uint8_t(-a.b[i]) : s == 0 ? 0 : a.b[i];
        }
        return a;
    }
    static QS_SIMD_INLINE I maddubs(I a, I b)
    {
        Lanes<int16_t, 16> r;
        for (int i = 0; i < 16; ++i)
            r.v[i] = sat16(int32_t(a.b[2 * i]) * int8_t(b.b[2 * i]) + int32_t(a.b[2 * i + 1]) * int8_t(b.b[2 * i + 1]));
        return put(r);
    }
    static QS_SIMD_INLINE I madd(I a, I b)
    {
        auto x = get<int16_t>(a), y = get<int16_t>(b);
        Lanes<uint32_t, 8> r;
        for (int i = 0; i < 8; ++i)  // wraps only for (-32768)^2 * 2, as the instruction does
            r.v[i] = uint32_t(int32_t(x.v[2 * i]) * y.v[2 * i]) + uint32_t(int32_t(x.v[2 * i + 1]) * y.v[2 * i + 1]);
        return put(r);
    }
    static QS_SIMD_INLINE I shuffle8(I t, I idx)
    {
        I r;
        for (int i = 0; i < 32; ++i) {
            const int base = i & 16;
            r.b[i] = (idx.b[i] & 0x80) ? 0 : t.b[base + (idx.b[i] & 15)];
        }
        return r;
    }
    static QS_SIMD_INLINE I widen8(H v)
    {
        Lanes<int16_t, 16> r;
        for (int i = 0; i < 16; ++i)
            r.v[i] = int8_t(v.b[i]);
        return put(r);
    }
    static QS_SIMD_INLINE I widenU8(H v)
    {
        Lanes<int16_t, 16> r;
        for (int i = 0; i < 16; ++i)
            r.v[i] = int16_t(v.b[i]);
        return put(r);
    }
    template <int Lane>
    static QS_SIMD_INLINE I dupLane(I a)
    {
        I r;
        std::memcpy(r.b, a.b + 16 * Lane, 16);
        std::memcpy(r.b + 16, a.b + 16 * Lane, 16);
        return r;
    }
    static QS_SIMD_INLINE int32_t hsum32(I a)
    {
        const auto l = get<uint32_t>(a);
        uint32_t s = 0;
        for (uint32_t v : l.v)
            s += v;
        return int32_t(s);
    }

    // ---- float
    static QS_SIMD_INLINE F fzero() { return F{}; }
    static QS_SIMD_INLINE F fset(float v)
    {
        F r;
        for (auto& x : r.f)
            x = v;
        return r;
    }
    static QS_SIMD_INLINE F fload(const float* p)
    {
        F r;
        std::memcpy(r.f, p, 32);
        return r;
    }
    static QS_SIMD_INLINE void fstore(float* p, F v) { std::memcpy(p, v.f, 32); }
    static QS_SIMD_INLINE F cvt(I a)
    {
        const auto l = get<int32_t>(a);
        F r;
        for (int i = 0; i < 8; ++i)
            r.f[i] = float(l.v[i]);
        return r;
    }
    static QS_SIMD_INLINE F fmul(F a, F b)
    {
        for (int i = 0; i < 8; ++i)
            a.f[i] = a.f[i] * b.f[i];
        return a;
    }
    static QS_SIMD_INLINE F fadd(F a, F b)
    {
        for (int i = 0; i < 8; ++i)
            a.f[i] = a.f[i] + b.f[i];
        return a;
    }
    static QS_SIMD_INLINE F fmax(F a, F b)  // maxps: a > b ? a : b (b when unordered)
    {
        for (int i = 0; i < 8; ++i)
            a.f[i] = a.f[i] > b.f[i] ? a.f[i] : b.f[i];
        return a;
    }
    static QS_SIMD_INLINE F fabs(F a)
    {
        for (int i = 0; i < 8; ++i)
            a.f[i] = std::fabs(a.f[i]);
        return a;
    }
    static QS_SIMD_INLINE F fma(F a, F b, F c)
    {
        for (int i = 0; i < 8; ++i)
            a.f[i] = std::fma(a.f[i], b.f[i], c.f[i]);
        return a;
    }
    static QS_SIMD_INLINE I roundToInt(F a)
    {
        Lanes<int32_t, 8> r;
        for (int i = 0; i < 8; ++i)
            r.v[i] = int32_t(std::nearbyint(a.f[i]));  // default rounding mode: nearest even
        return put(r);
    }
    static QS_SIMD_INLINE I packs32to8(I a, I b, I c, I d)
    {
        I r;
        const I* src[4] = {&a, &b, &c, &d};
        for (int k = 0; k < 4; ++k) {
            const auto l = get<int32_t>(*src[k]);
            for (int i = 0; i < 8; ++i)
                r.b[8 * k + i] = uint8_t(sat8(l.v[i]));
        }
        return r;
    }
    // 8 16-bit floats widened by `to32` (fp16ToFp32 or bf16ToFp32).
    template <float (*to32)(uint16_t)>
    static QS_SIMD_INLINE F load16bit8(const void* p)
    {
        uint16_t h[8];
        std::memcpy(h, p, 16);
        F r;
        for (int i = 0; i < 8; ++i)
            r.f[i] = to32(h[i]);
        return r;
    }
    static QS_SIMD_INLINE F loadHalf8(const void* p) { return load16bit8<fp16ToFp32>(p); }
    static QS_SIMD_INLINE F loadBf8(const void* p) { return load16bit8<bf16ToFp32>(p); }
    static QS_SIMD_INLINE F floadu(const void* p)
    {
        F r;
        std::memcpy(r.f, p, 32);
        return r;
    }
    static QS_SIMD_INLINE F fbcast(const float* p) { return fset(*p); }
    static QS_SIMD_INLINE F fset2(float lo, float hi)
    {
        F r;
        for (int i = 0; i < 8; ++i)
            r.f[i] = i < 4 ? lo : hi;
        return r;
    }
    static QS_SIMD_INLINE F permf(F v, I idx)
    {
        const auto l = get<uint32_t>(idx);
        F r;
        for (int i = 0; i < 8; ++i)
            r.f[i] = v.f[l.v[i] & 7];
        return r;
    }
    template <int Stride>
    static QS_SIMD_INLINE I bytes8(const uint8_t* p)
    {
        Lanes<int32_t, 8> r;
        for (int k = 0; k < 8; ++k)
            r.v[k] = p[k * Stride];
        return put(r);
    }
    static QS_SIMD_INLINE I max32(I a, I b)
    {
        auto x = get<int32_t>(a), y = get<int32_t>(b);
        for (int i = 0; i < 8; ++i)
            x.v[i] = x.v[i] > y.v[i] ? x.v[i] : y.v[i];
        return put(x);
    }
    static QS_SIMD_INLINE F asFloat(I a)
    {
        F r;
        std::memcpy(r.f, a.b, 32);
        return r;
    }
    template <int Stride>
    static QS_SIMD_INLINE F halves8(const uint8_t* p)
    {
        F r;
        for (int k = 0; k < 8; ++k)
            r.f[k] = half(p + k * Stride);
        return r;
    }
    template <int Stride>
    static QS_SIMD_INLINE void halfPairs8(const uint8_t* p, F& lo, F& hi)
    {
        for (int k = 0; k < 8; ++k) {
            lo.f[k] = half(p + k * Stride);
            hi.f[k] = half(p + k * Stride + 2);
        }
    }
    static QS_SIMD_INLINE float hsum(F a)
    {
        const float s0 = a.f[0] + a.f[4], s1 = a.f[1] + a.f[5], s2 = a.f[2] + a.f[6], s3 = a.f[3] + a.f[7];
        return (s0 + s2) + (s1 + s3);
    }
    static QS_SIMD_INLINE float hmax(F a)
    {
        float m = a.f[0];
        for (int i = 1; i < 8; ++i)
            m = a.f[i] > m ? a.f[i] : m;
        return m;
    }

    // ---- scalar conversions (exact)
    static QS_SIMD_INLINE float half(const void* p)
    {
        uint16_t h;
        std::memcpy(&h, p, 2);
        return fp16ToFp32(h);
    }
    static QS_SIMD_INLINE uint16_t toHalf(float f) { return fp32ToFp16(f); }
    static QS_SIMD_INLINE float bf16(const void* p)
    {
        uint16_t h;
        std::memcpy(&h, p, 2);
        return bf16ToFp32(h);
    }
};

}  // namespace qs::kernels::isa_scalar
