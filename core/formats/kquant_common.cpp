#include "core/formats/kquant_common.h"

namespace qs::kq {

void packScaleMin6(const uint8_t sc[8], const uint8_t mn[8], uint8_t out[12])
{
    std::memset(out, 0, 12);
    for (int j = 0; j < 8; ++j) {
        if (j < 4) {
            out[j] = uint8_t(out[j] | (sc[j] & 63));
            out[j + 4] = uint8_t(out[j + 4] | (mn[j] & 63));
        } else {
            out[j + 4] = uint8_t((sc[j] & 0xF) | ((mn[j] & 0xF) << 4));
            out[j - 4] = uint8_t(out[j - 4] | ((sc[j] >> 4) << 6));
            out[j] = uint8_t(out[j] | ((mn[j] >> 4) << 6));
        }
    }
}

void packScale6Q3(const int8_t sc[16], uint8_t out[12])
{
    std::memset(out, 0, 12);
    for (int j = 0; j < 16; ++j) {
        const int v = clampInt(sc[j], -32, 31) + 32;
        if (j < 8)
            out[j] = uint8_t(out[j] | (v & 0xF));
        else
            out[j - 8] = uint8_t(out[j - 8] | ((v & 0xF) << 4));
        out[8 + j % 4] = uint8_t(out[8 + j % 4] | ((v >> 4) << (2 * (j / 4))));
    }
}

}  // namespace qs::kq
