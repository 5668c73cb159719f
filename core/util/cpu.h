#pragma once
// Run-time CPU features, for choosing among paths compiled for several instruction sets
// (core/util/isa.h).
namespace qs {

// True when the CPU and the OS support AVX2, FMA and F16C (the instruction sets of the fast
// paths compiled in their own translation units with -mavx2 -mfma -mf16c).
// QS_NO_AVX2=1 in the environment forces false (to run the baseline paths).
bool cpuHasAvx2();

}  // namespace qs
