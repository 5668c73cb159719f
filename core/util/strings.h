#pragma once
// Small string helpers shared by the core.
#include <cctype>
#include <string_view>

namespace qs {

// ASCII case-insensitive equality ("q4_k_m" == "Q4_K_M").
inline bool iequals(std::string_view a, std::string_view b)
{
    if (a.size() != b.size())
        return false;
    for (size_t i = 0; i < a.size(); ++i)
        if (std::toupper(static_cast<unsigned char>(a[i])) != std::toupper(static_cast<unsigned char>(b[i])))
            return false;
    return true;
}

// ASCII case-insensitive suffix test ("model.GGUF" ends with ".gguf").
inline bool endsWithNoCase(std::string_view s, std::string_view suffix)
{
    return s.size() >= suffix.size() && iequals(s.substr(s.size() - suffix.size()), suffix);
}

}  // namespace qs
