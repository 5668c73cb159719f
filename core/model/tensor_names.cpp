#include "core/model/tensor_names.h"

#include <charconv>

namespace qs {

int layerNumber(std::string_view name)
{
    for (std::string_view prefix : {"blk.", "model.layers.", "layers.", "transformer.h."}) {
        if (name.substr(0, prefix.size()) != prefix)
            continue;
        const std::string_view rest = name.substr(prefix.size());
        const size_t dot = rest.find('.');
        if (dot == std::string_view::npos || dot == 0)
            return -1;
        int layer = 0;
        const auto [ptr, ec] = std::from_chars(rest.data(), rest.data() + dot, layer);
        if (ec != std::errc() || ptr != rest.data() + dot || layer < 0 || layer >= (1 << 30))
            return -1;
        return layer;
    }
    return -1;
}

}  // namespace qs
