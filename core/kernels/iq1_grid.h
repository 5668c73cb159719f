#pragma once
// IQ1_S/IQ1_M's grid pre-scaled for the kernels (kernel_impl.h iq1, kernels_avx512_vnni.cpp): each
// byte g of point k & 2047 as 8(g + 1) + 2 (k < 2048: delta +1/8) or 8(g + 1) (k >= 2048: -1/8), so
// a point with its delta is one lookup. Data only: the builder is consteval, so no ISA unit emits
// code for it (test_isa_symbols).
#include "core/formats/iq_grids.h"

#include <cstdint>

namespace qs::kernels {

struct Iq1Grid {
    uint64_t v[4096];
};
consteval Iq1Grid makeIq1Grid()
{
    Iq1Grid t{};
    for (int k = 0; k < 4096; ++k)
        for (int i = 0; i < 8; ++i) {
            const int g = int(int8_t(uint8_t(iq::kIq1sGrid[k & 2047] >> (8 * i))));
            t.v[k] |= uint64_t(8 * (g + 1) + (k >> 11 ? 0 : 2)) << (8 * i);
        }
    return t;
}
alignas(64) inline constexpr Iq1Grid kIq1Grid = makeIq1Grid();

}  // namespace qs::kernels
