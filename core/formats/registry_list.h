#pragma once
// Each format's instance (static lifetime), defined in its own file under formats/.
#include "core/formats/format.h"

#include <array>
#include <vector>

namespace qs {
const Format& formatF32();
const Format& formatF16();
const Format& formatBF16();
void appendIntFormats(std::vector<const Format*>& v);  // int_uniform.cpp: the INTn family
const Format& formatNF4();                              // nf4.cpp
const std::array<float, 16>& nf4Levels();               // nf4.cpp: the 16 NF4 code values
}  // namespace qs
