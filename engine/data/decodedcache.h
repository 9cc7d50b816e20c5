#pragma once
// Internal to engine/ (torch-free): the decoded-image cache of a project. Each training image is
// stored once, decoded to RGB and shrunk to a short side the run's augmentation can start from
// (trainDecodeShortSide() in pipeline.h), as raw uint8 pixels in one memory-mapped file, so an
// epoch reads pixels instead of decoding JPEGs. docs/training.md, 'Decoded-image cache', has the
// format, the measurements behind it and the rules below.
//
// - Never stale: an entry is used only while its source file has the size and modification time
//   it was made from, and only after its pixels matched their checksum when the cache was opened.
// - Safe to delete at any time: a run maps the file it opened; the next run builds a new one.
// - Written atomically (a ".partial" file renamed into place), so a killed build leaves the old
//   cache or none, never a torn one.

#include "engine/result.h"

#include <opencv2/core/mat.hpp>

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

namespace pulc::engine {

/// What identifies a file's content for the cache: its size and modification time (ns).
struct FileStamp
{
    int64_t size = -1; ///< -1: missing or unreadable
    int64_t mtimeNs = 0;
    bool operator==(const FileStamp &) const = default;
};

/// stat() of `path`.
FileStamp fileStamp(const std::string &path);

/// The cache file of one project folder for one short side: `<dir>/decoded-<side>.cache`.
std::string decodedCacheFile(const std::string &dir, int shortSide);

/// An open cache file, read-only. Thread-safe after verify(): find() only reads.
class DecodedCache
{
public:
    /// Maps `file` and reads its index. Fails (naming the file) when it is missing, truncated or
    /// not a cache of this version; a damaged entry only fails that entry's checksum in verify().
    static Result<std::unique_ptr<DecodedCache>> open(const std::string &file);
    ~DecodedCache();
    DecodedCache(const DecodedCache &) = delete;
    DecodedCache &operator=(const DecodedCache &) = delete;

    const std::string &file() const { return m_file; }
    int shortSide() const { return m_shortSide; }
    /// The byte limit the cache was built with, and how many images it left out for it.
    int64_t maxBytes() const { return m_maxBytes; }
    int overLimit() const { return m_overLimit; }
    int entryCount() const { return static_cast<int>(m_entries.size()); }
    int64_t fileBytes() const { return static_cast<int64_t>(m_size); }

    /// Checks every entry's pixels against its checksum and drops those that differ; returns
    /// their source paths. find() is only correct after this.
    std::vector<std::string> verify();

    /// The cached RGB pixels of `path` when the entry exists, is verified and was made from a
    /// file with this stamp; an empty Mat otherwise. The Mat views the read-only mapping: clone
    /// it before writing to it. Valid while the cache lives.
    cv::Mat find(const std::string &path, const FileStamp &stamp) const;

    /// Whether the cache was built from this version of `path`: its pixels, or the record that
    /// the file could not be decoded then (so it is not retried on every run).
    bool knows(const std::string &path, const FileStamp &stamp) const;

private:
    struct Entry
    {
        FileStamp stamp;
        uint64_t offset = 0;
        int width = 0;
        int height = 0;
        uint64_t checksum = 0;
        bool verified = false;
    };
    DecodedCache() = default;

    std::string m_file;
    int m_shortSide = 0;
    int64_t m_maxBytes = 0;
    int m_overLimit = 0;
    void *m_map = nullptr;
    size_t m_size = 0;
    std::unordered_map<std::string, Entry> m_entries;
};

/// How buildDecodedCache() works.
struct CacheBuildOptions
{
    int shortSide = 256;  ///< images with a longer short side are shrunk to it (INTER_AREA)
    int64_t maxBytes = 0; ///< pixels stored at most; images beyond it stay uncached (0: none)
    int threads = 2;      ///< decoding threads
    /// Called after each group of images with (done, total); return false to cancel.
    std::function<bool(int, int)> progress;
};

/// What a build did.
struct CacheBuildReport
{
    int reused = 0;    ///< entries copied from the previous cache file
    int decoded = 0;   ///< images decoded from their files
    int failed = 0;    ///< unreadable images (recorded as such; the loader reports them)
    int overLimit = 0; ///< left out by maxBytes
    int64_t bytes = 0; ///< file size
    std::vector<std::string> errors; ///< the first few failures, each naming the file
};

/// Writes `file` holding `paths` (duplicates once), reusing verified entries of `previous`
/// (may be null; any short side). Atomic: on failure (a full disk, cancel) the old file stays.
/// The error names the file and the problem.
Result<CacheBuildReport> buildDecodedCache(const std::string &file,
                                           const std::vector<std::string> &paths,
                                           const DecodedCache *previous,
                                           const CacheBuildOptions &options);

/// The checksum the cache keeps per entry (64-bit, word-wise multiply-xor). Exposed for tests.
uint64_t pixelChecksum(const unsigned char *data, size_t bytes);

} // namespace pulc::engine
