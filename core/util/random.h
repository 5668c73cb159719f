#pragma once
// SplitMix64 (Steele, Lea, Flood 2014): the one small, portable random generator of QuantScope, so
// that sampled token streams, demo models and benchmark matrices are the same on every platform.
#include <cstdint>

namespace qs {

// One SplitMix64 step: advances the state and returns the next 64 random bits.
constexpr uint64_t splitmix64(uint64_t& state)
{
    uint64_t z = (state += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
}

// The 64 random bits of state x (a hash of x: the output of one step from x).
constexpr uint64_t splitmix64Hash(uint64_t x) { return splitmix64(x); }

}  // namespace qs
