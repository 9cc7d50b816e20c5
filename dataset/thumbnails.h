#pragma once

#include "imageprobe.h"
#include "result.h"

#include <QString>

namespace pulc::dataset {

/// Outcome of making a thumbnail: the cached JPEG file, or why the image cannot be shown.
struct Thumbnail
{
    QString file;         ///< the cached JPEG, when ok
    bool missing = false; ///< the source file does not exist
    QString reason;       ///< why there is no thumbnail (English), when not ok
    bool ok() const { return reason.isEmpty(); }
};

/// Returns the cached thumbnail of `sourcePath` (content `hash`) at most `size` pixels on its long
/// side, making it when missing: `cacheDir/<hash[0..1]>/<hash>-<size>.jpg`, written atomically.
/// Decoding stays cheap for large JPEGs (reduced-scale decode) and respects `limits`, so a huge
/// image gives a reason instead of exhausting memory. Thread-safe; meant for worker threads.
Thumbnail ensureThumbnail(const QString &cacheDir, const QString &sourcePath, const QString &hash,
                          int size, const ProbeLimits &limits = {});

} // namespace pulc::dataset
