#pragma once
// Code compiled for more than one instruction set: the formats' fast paths are compiled once for
// the baseline (x86-64: SSE2) and once more, in their own translation units, with
// -mavx2 -mfma -mf16c (core/formats/CMakeLists.txt); qs::cpuHasAvx2() picks one at start-up.
//
// One definition rule: an inline function or template compiled with different -m flags must not
// be one symbol, or the linker keeps either copy for the whole program (and an AVX2 copy crashes
// a CPU without AVX2). So every header with such code puts it in
//     namespace qs { inline namespace QS_ISA { ... } }
// which names the instruction set the translation unit is compiled for; callers need not know.
// tests/core/formats/check_isa_symbols.cmake checks that the AVX2 objects define nothing else.
#if defined(__AVX2__) && defined(__FMA__) && defined(__F16C__)
#define QS_ISA isa_avx2
#define QS_ISA_NAME "avx2"
#else
#define QS_ISA isa_base
#define QS_ISA_NAME "base"
#endif
