#pragma once

// The one error convention of PULC Studio's libraries: a function that can fail returns a value
// or an English message that names the file or setting and the problem (Result), or only the
// message (Status). Plain C++, so that both the Qt side (dataset::Result, QString messages) and
// the engine's core (engine::Result, std::string messages, engine/result.h) use the same type.
// See docs/architecture.md, "Errors".

#include <optional>
#include <utility>

namespace pulc {

template<class T, class Message> class BasicResult
{
public:
    BasicResult(T value)
        : m_value(std::move(value))
    {}
    static BasicResult failure(Message message)
    {
        BasicResult r;
        r.m_error = std::move(message);
        return r;
    }

    bool ok() const { return m_value.has_value(); }
    explicit operator bool() const { return ok(); }
    const Message &error() const { return m_error; }
    T &value() { return *m_value; }
    const T &value() const { return *m_value; }
    T *operator->() { return &*m_value; }
    const T *operator->() const { return &*m_value; }
    T &operator*() { return *m_value; }
    const T &operator*() const { return *m_value; }

private:
    BasicResult() = default;
    std::optional<T> m_value;
    Message m_error;
};

/// The result of an operation that returns nothing but may fail.
template<class Message> struct BasicStatus
{
    bool ok = true;
    Message error;

    static BasicStatus success() { return {}; }
    static BasicStatus failure(Message message) { return {false, std::move(message)}; }
    explicit operator bool() const { return ok; }
};

} // namespace pulc
