#pragma once
// Each format's instance (static lifetime), defined in its own file under formats/.
#include "core/formats/format.h"

#include <vector>

namespace qs {
const Format& formatF32();
const Format& formatF16();
const Format& formatBF16();
}  // namespace qs
