#pragma once
// Unaligned loads of the kernels' 2- and 4-byte fields (an activation block's int8 quads, its float
// scale, IQ2_XS's index words, IQ1_M's scale words). Included inside namespace qs::kernels::QS_KERNEL_ISA by kernel_impl.h and
// repack_impl.h, after their backend: each instruction set's units get their own copies, so no
// inline code is shared between units compiled with different -m flags. (<cstdint> and
// <cstring> are included before, outside the namespace.)

QS_KERNEL_INLINE uint32_t load32(const uint8_t* p)
{
    uint32_t v;
    std::memcpy(&v, p, 4);
    return v;
}
QS_KERNEL_INLINE uint32_t load16(const uint8_t* p)
{
    uint16_t v;
    std::memcpy(&v, p, 2);
    return v;
}
QS_KERNEL_INLINE uint64_t load64(const uint8_t* p)
{
    uint64_t v;
    std::memcpy(&v, p, 8);
    return v;
}
QS_KERNEL_INLINE float loadF32(const uint8_t* p)
{
    float v;
    std::memcpy(&v, p, 4);
    return v;
}
