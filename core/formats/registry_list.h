#pragma once
// Each format's instance (static lifetime), defined in its own file under formats/.
#include "core/formats/format.h"

#include <array>
#include <vector>

namespace qs {
const Format& formatF32();
const Format& formatF16();
const Format& formatBF16();
const Format& formatQ8_0();
const Format& formatQ6_K();
const Format& formatQ5_1();
const Format& formatQ5_K();
const Format& formatQ5_0();
const Format& formatQ4_1();
const Format& formatQ4_K();
const Format& formatQ4_0();
const Format& formatIQ4_NL();
const Format& formatQ3_K();
const Format& formatQ2_K();
void appendIntFormats(std::vector<const Format*>& v);  // int_uniform.cpp: the INTn family
const Format& formatNF4();                              // nf4.cpp
const std::array<float, 16>& nf4Levels();               // nf4.cpp: the 16 NF4 code values
}  // namespace qs
