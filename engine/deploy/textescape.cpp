#include "engine/deploy/textescape.h"

#include <cstdio>

namespace pulc::engine {
namespace {

/// The escape for `c` under `rules`, or nullptr when `c` is written as it is.
const char *namedEscape(char c, QuoteRules rules)
{
    switch (c) {
    case '"':
        return "\\\"";
    case '\\':
        return "\\\\";
    case '\n':
        return rules == QuoteRules::Cpp ? nullptr : "\\n";
    case '\t':
        return rules == QuoteRules::Cpp ? nullptr : "\\t";
    case '\r':
        return rules == QuoteRules::Json ? "\\r" : nullptr;
    default:
        return nullptr;
    }
}

} // namespace

std::string quoted(const std::string &text, QuoteRules rules)
{
    std::string out = "\"";
    for (const char c : text) {
        const auto byte = static_cast<unsigned char>(c);
        if (const char *escape = namedEscape(c, rules)) {
            out += escape;
        } else if (byte < 0x20 && rules != QuoteRules::Yaml) {
            char buffer[8];
            std::snprintf(buffer, sizeof buffer, rules == QuoteRules::Json ? "\\u%04x" : "\\x%02x",
                          byte);
            out += buffer;
        } else {
            out += c;
        }
    }
    return out + "\"";
}

} // namespace pulc::engine
