#pragma once

// The one conversion between the engine's strings (std::string, UTF-8) and Qt's, for the code
// that speaks both: the project-level jobs, the CLI and the UI.

#include <QString>

#include <string>

namespace pulc::dataset {

/// A UTF-8 std::string as a QString.
inline QString qstr(const std::string &s)
{
    return QString::fromStdString(s);
}

/// A QString as a UTF-8 std::string.
inline std::string str(const QString &s)
{
    return s.toStdString();
}

} // namespace pulc::dataset
