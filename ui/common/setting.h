#pragma once

#include <QSettings>
#include <QString>
#include <QVariant>

#include <utility>

namespace pulc::ui {

/// A typed key in the application's QSettings. Declare each one next to the code that uses
/// it, so a key's name, type and default live in one place and no widget spells a raw string.
/// Reads and writes go through a fresh QSettings, which is safe from any thread.
template<typename T> class Setting
{
public:
    Setting(const char *key, T defaultValue = T())
        : m_key(QString::fromLatin1(key))
        , m_default(std::move(defaultValue))
    {}

    const QString &key() const { return m_key; }

    /// The stored value, or the default when the key is missing or holds another type.
    T value() const
    {
        const QVariant v = QSettings().value(m_key);
        if (!v.isValid() || !v.canConvert<T>())
            return m_default;
        return v.value<T>();
    }

    void setValue(const T &value) const { QSettings().setValue(m_key, QVariant::fromValue(value)); }
    bool isSet() const { return QSettings().contains(m_key); }
    void remove() const { QSettings().remove(m_key); }

private:
    QString m_key;
    T m_default;
};

} // namespace pulc::ui
