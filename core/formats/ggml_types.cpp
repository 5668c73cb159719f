#include "core/formats/ggml_types.h"

#include "core/util/strings.h"

namespace qs {

std::optional<GgmlTypeInfo> ggmlTypeInfo(uint32_t id)
{
    for (const auto& t : kGgmlTypes)
        if (static_cast<uint32_t>(t.type) == id)
            return t;
    return std::nullopt;
}

std::optional<GgmlType> ggmlTypeFromName(std::string_view name)
{
    for (const auto& t : kGgmlTypes)
        if (iequals(t.name, name))
            return t.type;
    return std::nullopt;
}

}  // namespace qs
