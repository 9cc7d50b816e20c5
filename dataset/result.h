#pragma once

#include <QString>

#include <optional>
#include <utility>

namespace pulc::dataset {

/// A value or an English error message: how errors cross the library boundary
/// (docs/architecture.md, 'Errors').
template<class T> class Result
{
public:
    Result(T value)
        : m_value(std::move(value))
    {}
    static Result failure(QString message)
    {
        Result r;
        r.m_error = std::move(message);
        return r;
    }

    bool ok() const { return m_value.has_value(); }
    explicit operator bool() const { return ok(); }
    const QString &error() const { return m_error; }
    T &value() { return *m_value; }
    const T &value() const { return *m_value; }
    T *operator->() { return &*m_value; }
    const T *operator->() const { return &*m_value; }
    T &operator*() { return *m_value; }

private:
    Result() = default;
    std::optional<T> m_value;
    QString m_error;
};

/// Result of an operation that returns nothing but may fail.
struct Status
{
    bool ok = true;
    QString error;

    static Status success() { return {}; }
    static Status failure(QString message) { return {false, std::move(message)}; }
    explicit operator bool() const { return ok; }
};

} // namespace pulc::dataset
