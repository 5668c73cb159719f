#include "core/util/json_keys.h"

#include <cstdint>
#include <unordered_set>
#include <vector>

namespace qs {

namespace {

void appendUtf8(std::string& out, uint32_t cp)
{
    if (cp < 0x80) {
        out += char(cp);
    } else if (cp < 0x800) {
        out += char(0xC0 | (cp >> 6));
        out += char(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        out += char(0xE0 | (cp >> 12));
        out += char(0x80 | ((cp >> 6) & 0x3F));
        out += char(0x80 | (cp & 0x3F));
    } else {
        out += char(0xF0 | (cp >> 18));
        out += char(0x80 | ((cp >> 12) & 0x3F));
        out += char(0x80 | ((cp >> 6) & 0x3F));
        out += char(0x80 | (cp & 0x3F));
    }
}

int hexDigit(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

// Reads the string starting at json[i] == '"'; returns its decoded value, i past the closing quote.
std::string readString(std::string_view json, size_t& i)
{
    std::string out;
    ++i;  // opening quote
    auto hex4 = [&](size_t at) -> int32_t {
        if (at + 4 > json.size())
            return -1;
        int32_t v = 0;
        for (size_t k = 0; k < 4; ++k) {
            const int d = hexDigit(json[at + k]);
            if (d < 0)
                return -1;
            v = v * 16 + d;
        }
        return v;
    };
    while (i < json.size() && json[i] != '"') {
        const char c = json[i];
        if (c != '\\') {
            out += c;
            ++i;
            continue;
        }
        if (i + 1 >= json.size())
            break;
        const char e = json[i + 1];
        i += 2;
        switch (e) {
        case 'b': out += '\b'; break;
        case 'f': out += '\f'; break;
        case 'n': out += '\n'; break;
        case 'r': out += '\r'; break;
        case 't': out += '\t'; break;
        case 'u': {
            int32_t cp = hex4(i);
            if (cp < 0)
                break;
            i += 4;
            if (cp >= 0xD800 && cp < 0xDC00 && i + 1 < json.size() && json[i] == '\\' && json[i + 1] == 'u') {
                const int32_t lo = hex4(i + 2);
                if (lo >= 0xDC00 && lo < 0xE000) {
                    cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
                    i += 6;
                }
            }
            appendUtf8(out, uint32_t(cp));
            break;
        }
        default: out += e; break;  // \" \\ \/
        }
    }
    ++i;  // closing quote
    return out;
}

}  // namespace

std::optional<std::string> findDuplicateJsonKey(std::string_view json)
{
    // One key set per open object; arrays push an empty marker so nesting stays aligned.
    struct Level {
        bool object;
        std::unordered_set<std::string> keys;
    };
    std::vector<Level> stack;
    bool expectKey = false;  // inside an object, after '{' or ','
    size_t i = 0;
    while (i < json.size()) {
        const char c = json[i];
        switch (c) {
        case '{':
            stack.push_back({true, {}});
            expectKey = true;
            ++i;
            break;
        case '[':
            stack.push_back({false, {}});
            expectKey = false;
            ++i;
            break;
        case '}':
        case ']':
            if (!stack.empty())
                stack.pop_back();
            expectKey = false;
            ++i;
            break;
        case ',':
            expectKey = !stack.empty() && stack.back().object;
            ++i;
            break;
        case '"': {
            const bool isKey = expectKey;
            std::string s = readString(json, i);
            if (isKey && !stack.empty()) {
                if (!stack.back().keys.insert(s).second)
                    return s;
                expectKey = false;
            }
            break;
        }
        default:
            ++i;
            break;
        }
    }
    return std::nullopt;
}

}  // namespace qs
