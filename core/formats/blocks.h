#pragma once
// The packed block layouts of llama.cpp's block formats (GGUF spec), declared once: the formats
// (core/formats/q*.cpp, iq4_nl.cpp) encode, decode and explain (block inspector) through them.
// Sizes are not written here: the format templates (LegacyFormat, KQuantFormat) check every
// block's size and weight count against the one type-traits table (ggml_types.h) at compile time.
#include <cstdint>

namespace qs {

struct BlockQ8_0 {
    uint16_t d;
    int8_t qs[32];
};

struct BlockQ4_0 {
    uint16_t d;
    uint8_t qs[16];
};

struct BlockQ4_1 {
    uint16_t d;
    uint16_t m;
    uint8_t qs[16];
};

struct BlockQ5_0 {
    uint16_t d;
    uint8_t qh[4];
    uint8_t qs[16];
};

struct BlockQ5_1 {
    uint16_t d;
    uint16_t m;
    uint8_t qh[4];
    uint8_t qs[16];
};

struct BlockIq4Nl {
    uint16_t d;
    uint8_t qs[16];
};

struct BlockQ2K {
    uint8_t scales[16];  // low nibble scale, high nibble min
    uint8_t qs[64];      // 2-bit levels: weight 128h+32j+l -> bits 2j of qs[32h+l]
    uint16_t d;
    uint16_t dmin;
};

struct BlockQ3K {
    uint8_t hmask[32];   // high level bit: weight i -> bit i/32 of hmask[i%32]
    uint8_t qs[64];      // low 2 bits: weight 128h+32j+l -> bits 2j of qs[32h+l]
    uint8_t scales[12];  // 16 scales, 6 bits each, biased by 32
    uint16_t d;          // fp16 super-block scale
};

struct BlockQ4K {
    uint16_t d;          // fp16 scale of the sub-block scales
    uint16_t dmin;       // fp16 scale of the sub-block mins
    uint8_t scales[12];  // 8 scales + 8 mins, 6 bits each
    uint8_t qs[128];     // 4-bit levels
};

struct BlockQ5K {
    uint16_t d;
    uint16_t dmin;
    uint8_t scales[12];  // 8 scales + 8 mins, 6 bits each
    uint8_t qh[32];      // fifth bit: weight 64c+l -> bit 2c of qh[l], 64c+32+l -> bit 2c+1
    uint8_t qs[128];     // low 4 bits
};

struct BlockQ6K {
    uint8_t ql[128];     // low 4 bits
    uint8_t qh[64];      // high 2 bits
    int8_t scales[16];   // sub-block scales
    uint16_t d;          // fp16 super-block scale
};

}  // namespace qs
