#include "importfiles.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>
#include <QStringDecoder>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace pulc::dataset::detail {
namespace {

QString kindOf(mode_t mode)
{
    if (S_ISDIR(mode))
        return QStringLiteral("a folder");
    if (S_ISFIFO(mode))
        return QStringLiteral("a FIFO");
    if (S_ISCHR(mode) || S_ISBLK(mode))
        return QStringLiteral("a device");
    if (S_ISSOCK(mode))
        return QStringLiteral("a socket");
    return QStringLiteral("not a plain file");
}

QString statError(int error)
{
    if (error == ENOENT)
        return QStringLiteral("no such file");
    if (error == ELOOP)
        return QStringLiteral("a symbolic link loop");
    return QStringLiteral("cannot read: %1").arg(QString::fromLocal8Bit(std::strerror(error)));
}

bool isValidUtf8(const QByteArray &bytes)
{
    if (std::all_of(bytes.begin(), bytes.end(), [](char c) { return uchar(c) < 0x80; }))
        return true; // most names: no decoder needed
    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    [[maybe_unused]] const QString text = decoder.decode(bytes);
    return !decoder.hasError();
}

/// `name` with the bytes that are not part of a valid UTF-8 sequence written as `\xHH`.
QString escapedName(const QByteArray &name)
{
    QString out;
    for (qsizetype i = 0; i < name.size();) {
        const uchar lead = uchar(name[i]);
        const qsizetype length = lead < 0x80 ? 1 : lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2;
        const QByteArray piece = name.mid(i, length);
        if (lead >= 0xC2 && lead <= 0xF4 && piece.size() == length && isValidUtf8(piece)) {
            out += QString::fromUtf8(piece);
            i += length;
        } else if (lead < 0x80) {
            out += QLatin1Char(char(lead));
            ++i;
        } else {
            out += QStringLiteral("\\x") +
                   QString::number(lead, 16).toUpper().rightJustified(2, QLatin1Char('0'));
            ++i;
        }
    }
    return out;
}

} // namespace

QString copyFolderName(const QString &name)
{
    if (name.isEmpty() || name == QLatin1String(".") || name == QLatin1String("..") ||
        name.contains(QLatin1Char('/')))
        return QStringLiteral("import");
    return name;
}

QString copyDestination(const QString &copyRoot, const QString &relative, const QString &file)
{
    const QString clean = QDir::cleanPath(relative);
    // "." would name copyRoot itself.
    const bool outside = clean.isEmpty() || clean == QLatin1String(".") ||
                         QDir::isAbsolutePath(clean) || clean == QLatin1String("..") ||
                         clean.startsWith(QLatin1String("../"));
    if (!outside)
        return QDir::cleanPath(copyRoot + QLatin1Char('/') + clean);
    QString absolute = QDir::cleanPath(file);
    while (absolute.startsWith(QLatin1Char('/')))
        absolute.remove(0, 1);
    return QDir::cleanPath(copyRoot + QStringLiteral("/_outside/") + absolute);
}

Result<QByteArray> readRegularFile(const QString &path, qint64 maxBytes)
{
    const QByteArray native = QFile::encodeName(path);
    struct stat st;
    if (::stat(native.constData(), &st) != 0)
        return Result<QByteArray>::failure(statError(errno));
    if (!S_ISREG(st.st_mode))
        return Result<QByteArray>::failure(
            QStringLiteral("not a regular file (%1)").arg(kindOf(st.st_mode)));
    if (st.st_size > maxBytes)
        return Result<QByteArray>::failure(QStringLiteral("file too large (%1 MB, limit %2 MB)")
                                               .arg(qint64(st.st_size) / (1024 * 1024))
                                               .arg(maxBytes / (1024 * 1024)));
    // The file can be swapped for a FIFO between stat() and open(): O_NONBLOCK keeps open()
    // from waiting for a writer, and fstat() checks what was actually opened.
    const int fd = ::open(native.constData(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0)
        return Result<QByteArray>::failure(statError(errno));
    QFile f;
    if (!f.open(fd, QIODevice::ReadOnly, QFileDevice::AutoCloseHandle)) {
        ::close(fd);
        return Result<QByteArray>::failure(QStringLiteral("cannot read: %1").arg(f.errorString()));
    }
    if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode))
        return Result<QByteArray>::failure(QStringLiteral("not a regular file (it changed)"));
    if (st.st_size > maxBytes)
        return Result<QByteArray>::failure(QStringLiteral("file too large (%1 MB, limit %2 MB)")
                                               .arg(qint64(st.st_size) / (1024 * 1024))
                                               .arg(maxBytes / (1024 * 1024)));
    QByteArray bytes = f.readAll();
    if (f.error() != QFileDevice::NoError)
        return Result<QByteArray>::failure(QStringLiteral("cannot read: %1").arg(f.errorString()));
    return bytes;
}

Result<bool> createNewFile(const QString &path, const QByteArray &bytes)
{
    // O_EXCL claims the name atomically, also against another process; it fails on a dangling
    // link too, which would otherwise be followed to wherever it points.
    QFile claim(path);
    if (!claim.open(QIODevice::WriteOnly | QIODevice::NewOnly)) {
        const QFileInfo fi(path);
        if (fi.exists() || fi.isSymLink())
            return false;
        return Result<bool>::failure(
            QStringLiteral("cannot write %1: %2").arg(path, claim.errorString()));
    }
    claim.close();
    // The content goes through QSaveFile so a crash leaves an empty file of ours, never half
    // an image; its rename replaces only the file claimed above.
    QSaveFile f(path);
    f.setDirectWriteFallback(false);
    if (!f.open(QIODevice::WriteOnly) || f.write(bytes) != bytes.size() || !f.commit()) {
        const QString error = f.errorString();
        QFile::remove(path);
        return Result<bool>::failure(QStringLiteral("cannot write %1: %2").arg(path, error));
    }
    return true;
}

bool resolvesInside(const QString &canonicalFolder, const QString &path)
{
    if (canonicalFolder.isEmpty())
        return false;
    QString existing = QDir::cleanPath(path);
    while (!QFileInfo::exists(existing)) {
        const QString parent = QFileInfo(existing).path();
        if (parent == existing)
            return false;
        existing = parent;
    }
    const QString canonical = QFileInfo(existing).canonicalFilePath();
    return canonical == canonicalFolder || canonical.startsWith(canonicalFolder + QLatin1Char('/'));
}

QList<SkippedFile> undecodableEntries(const QString &dir)
{
    QList<SkippedFile> out;
    DIR *d = ::opendir(QFile::encodeName(dir).constData());
    if (!d)
        return out;
    while (const dirent *e = ::readdir(d)) {
        const QByteArray name(e->d_name);
        if (name.startsWith('.') || isValidUtf8(name))
            continue;
        const QString path = dir + QLatin1Char('/') + escapedName(name);
        struct stat st;
        const bool isDir = ::fstatat(::dirfd(d), e->d_name, &st, 0) == 0 && S_ISDIR(st.st_mode);
        out.append({path, isDir ? QStringLiteral("the folder name is not valid UTF-8; rename it "
                                                 "to import what it holds")
                                : QStringLiteral("the file name is not valid UTF-8; rename it to "
                                                 "import it")});
    }
    ::closedir(d);
    std::sort(out.begin(), out.end(),
              [](const SkippedFile &a, const SkippedFile &b) { return a.path < b.path; });
    return out;
}

} // namespace pulc::dataset::detail
