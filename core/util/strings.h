#pragma once
// Small string helpers shared by the core.
#include <cctype>
#include <cstdio>
#include <string>
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

// Text safe to show on a terminal: every control character (C0 including NUL, ESC, CR and
// newline; DEL; the C1 range U+0080-U+009F) becomes a visible escape (\0 \n \r \t \e \xNN,
// \u0085), so a name or value read from a file cannot cut, split, forge or restyle a line of
// output. Everything else (UTF-8 included) is kept.
inline std::string printable(std::string_view s)
{
    std::string out;
    out.reserve(s.size());
    for (size_t i = 0; i < s.size(); ++i) {
        const auto c = static_cast<unsigned char>(s[i]);
        if (c == 0xC2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) >= 0x80 &&
            static_cast<unsigned char>(s[i + 1]) <= 0x9F) {
            char buf[8];
            std::snprintf(buf, sizeof buf, "\\u%04x", static_cast<unsigned char>(s[i + 1]));
            out += buf;
            ++i;
            continue;
        }
        if (c >= 0x20 && c != 0x7F) {
            out += char(c);
            continue;
        }
        switch (c) {
        case 0: out += "\\0"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        case 0x1B: out += "\\e"; break;
        default: {
            char buf[8];
            std::snprintf(buf, sizeof buf, "\\x%02x", c);
            out += buf;
        }
        }
    }
    return out;
}

}  // namespace qs
