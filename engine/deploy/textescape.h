#pragma once
// Internal to engine/: one loop that writes a string as a double-quoted literal for the text
// files the engine writes (run logs and ONNX metadata in JSON, inference.yml, the bundle's C++
// example), each with its own escaping rules.

#include <string>

namespace pulc::engine {

/// Which language the quoted string is read back by.
enum class QuoteRules {
    Json, ///< \" \\ \n \r \t, other control characters as \u00XX (RFC 8259)
    Yaml, ///< \" \\ \n \t; other bytes as they are (a YAML double-quoted scalar)
    Cpp,  ///< \" \\, control characters as \xXX (a C++ string literal)
};

/// `text` between double quotes, escaped by `rules`. Bytes from 0x80 (UTF-8) pass unchanged.
std::string quoted(const std::string &text, QuoteRules rules);

} // namespace pulc::engine
