#pragma once

#include "importer.h"
#include "result.h"

#include <QByteArray>
#include <QString>

// How an import touches files on disk: it reads a user's files and creates new ones in the
// project, and never writes over or removes a file it did not create itself (the rules are in
// docs/dataset.md, "Your files are safe").
// Internal to the dataset library; safe to call from several threads at once.
namespace pulc::dataset::detail {

/// The folder below images/ for a source's copies: its name, unless that name would lead
/// elsewhere (a source given as "..", or the root folder).
QString copyFolderName(const QString &name);

/// Where the copy of `file` goes below `copyRoot`, given its path `relative` to the source's
/// folder: that path, when it stays inside. A file outside the folder (a list entry with ".."
/// or an absolute path) would climb out of images/ that way, so it goes below `_outside/`
/// under its absolute path instead, which also keeps two such files from sharing a name.
QString copyDestination(const QString &copyRoot, const QString &relative, const QString &file);

/// Reads `path` (symbolic links followed) when it is a regular file of at most `maxBytes`.
/// FIFOs, devices and sockets are refused without being opened, since opening one can block
/// forever; the error is the reason to report ("not a regular file (a FIFO)").
Result<QByteArray> readRegularFile(const QString &path, qint64 maxBytes);

/// Creates `path` with `bytes`, atomically, only when nothing (not even a dangling link) is
/// there yet: the result is false when the name is taken, and the caller picks another. A
/// failed write removes the file this call created and nothing else.
Result<bool> createNewFile(const QString &path, const QByteArray &bytes);

/// True when `path`, or the part of it that exists, resolves (through symbolic links) to
/// `canonicalFolder` or below it. Used to keep copies inside the project's images/ folder.
bool resolvesInside(const QString &canonicalFolder, const QString &path);

/// The files and folders in `dir` whose names are not valid UTF-8, with the reason to report:
/// Qt cannot name them (its folder listings leave them out), so they cannot be imported. Each
/// is named `dir/name` with the bytes that do not decode written as `\xHH`. Hidden names are
/// left out, as imports skip those silently.
QList<SkippedFile> undecodableEntries(const QString &dir);

} // namespace pulc::dataset::detail
