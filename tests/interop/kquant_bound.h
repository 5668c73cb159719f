#pragma once
// The least squared error any Q4_K or Q3_K encoding of some weights can have: a lower bound, computed
// exactly, that no quantizer (ours, llama.cpp's or another) can beat.
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
// refitted by least squares (each weight on a boundary there takes either level); the least
// residual over all of them is the relaxed optimum (b < 0 is b > 0 with the codes reversed).
// Q4_K's costs about 15 ms per sub-block (-O2), Q3_K's microseconds.
#include <cstdint>

namespace qs::test {

// Sums over the consecutive sub-blocks of x (n a multiple of 32, resp. 16).
double q4kLowerBound(const float* x, int64_t n);
double q3kLowerBound(const float* x, int64_t n);

}  // namespace qs::test
