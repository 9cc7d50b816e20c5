#pragma once
// Internal to engine/, and free of Torch and Qt (plain C++ only), so the fuzz target builds it
// alone with clang: a structural check of a checkpoint's zip container before it is handed to
// LibTorch's reader.
//
// A checkpoint is a LibTorch archive: a zip file whose entries lie under one folder named after
// the archive ("last/data.pkl", "last/data/0", "last/version", ...), the tensors stored as they
// are and the model's code and debug tables deflated.
// LibTorch's reader (miniz and the TorchScript unpickler) trusts what the file declares; this
// check reads only the zip's end records, central directory and local headers, and refuses a
// file whose declared sizes and offsets do not fit inside it, so that a cut-short or garbled
// file gets a clear message instead of whatever the reader makes of it.

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>

namespace pulc::engine {

/// Bounds on the directory a checkpoint may declare. The defaults are far above what any
/// model's checkpoint holds (a few thousand entries, a directory of well under 1 MB).
struct ArchiveLimits
{
    int64_t maxEntries = 1 << 20;
    int64_t maxDirectoryBytes = 64LL * 1024 * 1024;
    int64_t maxInflatedBytes = 256LL * 1024 * 1024; ///< compressed entries, once inflated
};

/// Reads `count` bytes at `offset` into `out`; false when they cannot be read.
using ArchiveReadFn = std::function<bool(uint64_t offset, size_t count, uint8_t *out)>;

/// Checks a `size`-byte file read through `read`: an end-of-central-directory record (ZIP64
/// when present) within the file, a central directory inside the file holding the declared
/// number of entries, and for each entry a local header at its offset with the same name and
/// data ending before the directory, stored or deflated (to a size deflate can reach, all
/// inflated entries within `limits`); all entries under one folder, with
/// `<folder>/data.pkl`, `constants.pkl` and `version` present. False with `why`, one English
/// sentence without the file's name (callers add it). Never throws; memory is bounded by `limits`.
bool checkTorchArchive(uint64_t size, const ArchiveReadFn &read, std::string *why,
                       const ArchiveLimits &limits = {});

/// checkTorchArchive() on bytes in memory.
bool checkTorchArchiveBytes(const uint8_t *data, size_t size, std::string *why,
                            const ArchiveLimits &limits = {});

/// checkTorchArchive() on the file at `path`, reading only the parts named above. False with
/// `why` also when the file cannot be opened or read.
bool checkTorchArchiveFile(const std::string &path, std::string *why,
                           const ArchiveLimits &limits = {});

} // namespace pulc::engine
