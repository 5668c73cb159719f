#pragma once
// The packed block layouts of llama.cpp's block formats (GGUF spec), declared once: the formats
// (core/formats/q*.cpp, iq*.cpp, tq*.cpp, mxfp4.cpp) encode, decode and explain (block inspector)
// through them. Sizes are not written here: the formats check every block's size and weight count
// against the one type-traits table (ggml_types.h) at compile time.
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

// ---- 256-weight formats of the IQ family, ternary and MXFP4 (ggml-common.h) ----

struct BlockIq4Xs {
    uint16_t d;           // fp16 super-block scale
    uint16_t scalesH;     // top 2 bits of the 8 sub-block scales (2 bits each)
    uint8_t scalesL[4];   // low 4 bits of the sub-block scales (two per byte); scale = value - 32
    uint8_t qs[128];      // 4-bit IQ4_NL level indices, per 32 weights as in IQ4_NL
};

struct BlockTq1_0 {
    uint8_t qs[48];  // 5 trits per byte (base-3 number scaled to 0..255, rounded up)
    uint8_t qh[4];   // 4 trits per byte, same encoding
    uint16_t d;      // fp16 scale
};

struct BlockTq2_0 {
    uint8_t qs[64];  // 2-bit codes q, weight = (q - 1) * d
    uint16_t d;
};

struct BlockMxfp4 {
    uint8_t e;       // E8M0 shared exponent
    uint8_t qs[16];  // 4-bit E2M1 codes, weight j (low) and j + 16 (high)
};

struct BlockIq2Xxs {
    uint16_t d;
    uint16_t qs[32];  // per 32 weights: 4 grid indices (bytes), then 4 x 7 sign bits + 4-bit scale
};

struct BlockIq2Xs {
    uint16_t d;
    uint16_t qs[32];     // per 8 weights: 9-bit grid index | 7 sign bits << 9
    uint8_t scales[8];   // two 4-bit scales per 32 weights
};

struct BlockIq2S {
    uint16_t d;
    uint8_t qs[64];      // low 8 bits of the 32 grid indices, then the 32 sign bytes
    uint8_t qh[8];       // top 2 bits of the grid indices, 4 per byte
    uint8_t scales[8];   // two 4-bit scales per 32 weights
};

struct BlockIq3Xxs {
    uint16_t d;
    uint8_t qs[96];  // 64 grid indices (4 weights each), then per 32 weights 4 x 7 sign bits + 4-bit scale
};

struct BlockIq3S {
    uint16_t d;
    uint8_t qs[64];      // low 8 bits of the 64 grid indices (4 weights each)
    uint8_t qh[8];       // ninth bits, 8 per byte
    uint8_t signs[32];   // one sign bit per weight
    uint8_t scales[4];   // two 4-bit scales per byte, one per 32 weights
};

struct BlockIq1S {
    uint16_t d;
    uint8_t qs[32];   // low 8 bits of the 11-bit grid indices
    uint16_t qh[8];   // per 32 weights: 4 x 3 high index bits, 3-bit scale << 12, delta sign << 15
};

struct BlockIq1M {
    uint8_t qs[32];      // low 8 bits of the 11-bit grid indices
    uint8_t qh[16];      // per 8 weights a nibble: 3 high index bits, delta sign
    uint8_t scales[8];   // 16 x 3-bit scales; the top nibble of each 16-bit word holds 4 bits of the fp16 d
};

}  // namespace qs
