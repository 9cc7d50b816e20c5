#include "engine/data/decodedcache.h"

#include "engine/pipeline.h"

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <thread>
#include <unordered_set>

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

namespace pulc::engine {
namespace {

// File layout (little-endian, this machine's):
//   [0, 64)        header: magic, version, short side, entry count, index offset and size,
//                  index checksum
//   [4096, ...)    pixels, one entry after the other, each at a 64-byte boundary
//   [index, end)   index: per entry path length, path, stamp, offset, width, height, checksum
constexpr char kMagic[8] = {'P', 'U', 'L', 'C', 'D', 'E', 'C', '1'};
constexpr uint32_t kVersion = 1;
constexpr uint64_t kDataStart = 4096;
constexpr uint64_t kAlign = 64;

struct Header
{
    char magic[8];
    uint32_t version;
    int32_t shortSide;
    uint64_t entryCount;
    uint64_t indexOffset;
    uint64_t indexBytes;
    uint64_t indexChecksum;
    int64_t maxBytes;
    int64_t overLimit;
};
static_assert(sizeof(Header) == 64);

std::string errnoText()
{
    return std::strerror(errno);
}

template<class T> void put(std::string &out, const T &value)
{
    out.append(reinterpret_cast<const char *>(&value), sizeof value);
}

template<class T> bool take(const unsigned char *&p, const unsigned char *end, T *value)
{
    if (static_cast<size_t>(end - p) < sizeof(T))
        return false;
    std::memcpy(value, p, sizeof(T));
    p += sizeof(T);
    return true;
}

/// Decodes `path` and shrinks it to `shortSide` (never enlarges). Empty Mat and `error` on
/// failure.
cv::Mat decodeForCache(const std::string &path, int shortSide, std::string *error)
{
    AugmentResult rgb = loadRgbFile(path, shortSide);
    if (!rgb.ok()) {
        *error = rgb.error;
        return {};
    }
    cv::Mat image = rgb.image;
    const int side = std::min(image.cols, image.rows);
    if (side > shortSide) {
        const cv::Size size = resizeShortSize(image.size(), shortSide);
        cv::Mat small;
        cv::resize(image, small, size, 0, 0, cv::INTER_AREA);
        image = small;
    }
    return image.isContinuous() ? image : image.clone();
}

/// Writes all of `data` at `offset`; false with errno set on failure.
bool writeAll(int fd, const void *data, size_t bytes, uint64_t offset)
{
    const auto *p = static_cast<const unsigned char *>(data);
    while (bytes > 0) {
        const ssize_t n = ::pwrite(fd, p, bytes, static_cast<off_t>(offset));
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return false;
        }
        p += n;
        bytes -= static_cast<size_t>(n);
        offset += static_cast<uint64_t>(n);
    }
    return true;
}

} // namespace

uint64_t pixelChecksum(const unsigned char *data, size_t bytes)
{
    uint64_t h = 0x9E3779B97F4A7C15ull ^ bytes;
    size_t i = 0;
    for (; i + 8 <= bytes; i += 8) {
        uint64_t word;
        std::memcpy(&word, data + i, 8);
        h = (h ^ word) * 0xFF51AFD7ED558CCDull;
        h ^= h >> 32;
    }
    for (; i < bytes; ++i)
        h = (h ^ data[i]) * 0x100000001B3ull;
    return h ^ (h >> 29);
}

FileStamp fileStamp(const std::string &path)
{
    struct stat st
    {
    };
    if (::stat(path.c_str(), &st) != 0)
        return {};
    return {static_cast<int64_t>(st.st_size),
            static_cast<int64_t>(st.st_mtim.tv_sec) * 1000000000LL + st.st_mtim.tv_nsec};
}

std::string decodedCacheFile(const std::string &dir, int shortSide)
{
    return (std::filesystem::path(dir) / ("decoded-" + std::to_string(shortSide) + ".cache"))
        .string();
}

Result<std::unique_ptr<DecodedCache>> DecodedCache::open(const std::string &file)
{
    using R = Result<std::unique_ptr<DecodedCache>>;
    const int fd = ::open(file.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return R::failure(file + ": cannot open the cache: " + errnoText());
    struct stat st
    {
    };
    if (::fstat(fd, &st) != 0 || st.st_size < static_cast<off_t>(kDataStart)) {
        ::close(fd);
        return R::failure(file + ": not a decoded-image cache (too short)");
    }
    const size_t size = static_cast<size_t>(st.st_size);
    void *map = ::mmap(nullptr, size, PROT_READ, MAP_SHARED, fd, 0);
    ::close(fd); // the mapping keeps the file
    if (map == MAP_FAILED)
        return R::failure(file + ": cannot map the cache: " + errnoText());
    std::unique_ptr<DecodedCache> cache(new DecodedCache);
    cache->m_file = file;
    cache->m_map = map;
    cache->m_size = size;

    Header header;
    std::memcpy(&header, map, sizeof header);
    const auto *base = static_cast<const unsigned char *>(map);
    if (std::memcmp(header.magic, kMagic, sizeof kMagic) != 0 || header.version != kVersion)
        return R::failure(file + ": not a decoded-image cache of this version");
    if (header.indexOffset < kDataStart || header.indexOffset > size ||
        header.indexBytes > size - header.indexOffset ||
        pixelChecksum(base + header.indexOffset, header.indexBytes) != header.indexChecksum)
        return R::failure(file + ": the cache's index is damaged");
    cache->m_shortSide = header.shortSide;
    cache->m_maxBytes = header.maxBytes;
    cache->m_overLimit = static_cast<int>(header.overLimit);
    const unsigned char *p = base + header.indexOffset;
    const unsigned char *end = p + header.indexBytes;
    for (uint64_t i = 0; i < header.entryCount; ++i) {
        uint32_t length = 0;
        Entry entry;
        if (!take(p, end, &length) || static_cast<size_t>(end - p) < length)
            return R::failure(file + ": the cache's index is damaged");
        std::string path(reinterpret_cast<const char *>(p), length);
        p += length;
        if (!take(p, end, &entry.stamp.size) || !take(p, end, &entry.stamp.mtimeNs) ||
            !take(p, end, &entry.offset) || !take(p, end, &entry.width) ||
            !take(p, end, &entry.height) || !take(p, end, &entry.checksum))
            return R::failure(file + ": the cache's index is damaged");
        const uint64_t bytes =
            3ull * uint64_t(std::max(0, entry.width)) * uint64_t(std::max(0, entry.height));
        const bool unreadable = entry.width == 0 && entry.height == 0; // see buildDecodedCache
        if ((!unreadable && (entry.width < 1 || entry.height < 1)) || entry.offset < kDataStart ||
            entry.offset > header.indexOffset || bytes > header.indexOffset - entry.offset)
            return R::failure(file + ": the cache's index is damaged");
        cache->m_entries.emplace(std::move(path), entry);
    }
    return R(std::move(cache));
}

DecodedCache::~DecodedCache()
{
    if (m_map)
        ::munmap(m_map, m_size);
}

std::vector<std::string> DecodedCache::verify()
{
    std::vector<std::string> bad;
    const auto *base = static_cast<const unsigned char *>(m_map);
    for (auto it = m_entries.begin(); it != m_entries.end();) {
        Entry &e = it->second;
        const size_t bytes = 3ull * size_t(e.width) * size_t(e.height);
        if (bytes > 0 && pixelChecksum(base + e.offset, bytes) != e.checksum) {
            bad.push_back(it->first);
            it = m_entries.erase(it);
        } else {
            e.verified = true;
            ++it;
        }
    }
    return bad;
}

cv::Mat DecodedCache::find(const std::string &path, const FileStamp &stamp) const
{
    const auto it = m_entries.find(path);
    if (it == m_entries.end() || !it->second.verified || !(it->second.stamp == stamp) ||
        stamp.size < 0)
        return {};
    const Entry &e = it->second;
    if (e.width == 0)
        return {};
    auto *pixels = static_cast<unsigned char *>(m_map) + e.offset;
    return cv::Mat(e.height, e.width, CV_8UC3, pixels);
}

bool DecodedCache::knows(const std::string &path, const FileStamp &stamp) const
{
    const auto it = m_entries.find(path);
    return it != m_entries.end() && it->second.verified && it->second.stamp == stamp;
}

Result<CacheBuildReport> buildDecodedCache(const std::string &file,
                                           const std::vector<std::string> &paths,
                                           const DecodedCache *previous,
                                           const CacheBuildOptions &options)
{
    using R = Result<CacheBuildReport>;
    std::error_code ec;
    std::filesystem::create_directories(std::filesystem::path(file).parent_path(), ec);
    if (ec)
        return R::failure(std::filesystem::path(file).parent_path().string() +
                          ": cannot create the cache folder: " + ec.message());
    const std::string partial = file + ".partial";
    const int fd = ::open(partial.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0)
        return R::failure(partial + ": cannot write the cache: " + errnoText());
    auto failed = [&](const std::string &why) {
        ::close(fd);
        ::unlink(partial.c_str());
        return R::failure(partial + ": " + why);
    };

    std::vector<std::string> unique;
    {
        std::unordered_set<std::string> seen;
        for (const std::string &path : paths)
            if (seen.insert(path).second)
                unique.push_back(path);
    }
    CacheBuildReport report;
    std::string index;
    uint64_t entryCount = 0;
    uint64_t offset = kDataStart;
    int64_t pixelBytes = 0;
    const int threads = std::max(1, options.threads);
    const size_t group = static_cast<size_t>(16 * threads);
    for (size_t begin = 0; begin < unique.size(); begin += group) {
        const size_t end = std::min(unique.size(), begin + group);
        // Decoded in parallel, written in order by this thread.
        std::vector<cv::Mat> images(end - begin);
        std::vector<FileStamp> stamps(end - begin);
        std::vector<std::string> errors(end - begin);
        std::vector<char> reused(end - begin, 0);
        std::atomic<size_t> next{begin};
        auto work = [&] {
            for (size_t i; (i = next.fetch_add(1)) < end;) {
                const size_t k = i - begin;
                stamps[k] = fileStamp(unique[i]);
                if (previous && previous->shortSide() == options.shortSide) {
                    const cv::Mat old = previous->find(unique[i], stamps[k]);
                    if (!old.empty()) {
                        images[k] = old; // read from the old mapping while writing below
                        reused[k] = 1;
                        continue;
                    }
                }
                images[k] = decodeForCache(unique[i], options.shortSide, &errors[k]);
            }
        };
        std::vector<std::thread> pool;
        for (int t = 1; t < threads; ++t)
            pool.emplace_back(work);
        work();
        for (std::thread &thread : pool)
            thread.join();

        for (size_t k = 0; k < images.size(); ++k) {
            const cv::Mat &image = images[k];
            const std::string &path = unique[begin + k];
            auto record = [&](uint64_t at, int width, int height, uint64_t checksum) {
                put(index, static_cast<uint32_t>(path.size()));
                index += path;
                put(index, stamps[k].size);
                put(index, stamps[k].mtimeNs);
                put(index, at);
                put(index, static_cast<int32_t>(width));
                put(index, static_cast<int32_t>(height));
                put(index, checksum);
                ++entryCount;
            };
            if (image.empty()) {
                // Recorded as unreadable at this stamp (0x0), so later runs do not rebuild the
                // cache for it; a changed file gets a new stamp and is tried again.
                ++report.failed;
                if (report.errors.size() < 5)
                    report.errors.push_back(errors[k]);
                if (stamps[k].size >= 0)
                    record(kDataStart, 0, 0, 0);
                continue;
            }
            const size_t bytes = image.total() * image.elemSize();
            if (options.maxBytes > 0 && pixelBytes + int64_t(bytes) > options.maxBytes) {
                ++report.overLimit;
                continue;
            }
            const unsigned char *data = image.ptr<unsigned char>(0);
            if (!writeAll(fd, data, bytes, offset))
                return failed("cannot write the cache: " + errnoText());
            record(offset, image.cols, image.rows, pixelChecksum(data, bytes));
            pixelBytes += int64_t(bytes);
            offset = (offset + bytes + kAlign - 1) / kAlign * kAlign;
            reused[k] ? ++report.reused : ++report.decoded;
        }
        if (options.progress &&
            !options.progress(static_cast<int>(end), static_cast<int>(unique.size())))
            return failed("cancelled");
    }
    Header header{};
    std::memcpy(header.magic, kMagic, sizeof kMagic);
    header.version = kVersion;
    header.shortSide = options.shortSide;
    header.entryCount = entryCount;
    header.indexOffset = offset;
    header.indexBytes = index.size();
    header.indexChecksum =
        pixelChecksum(reinterpret_cast<const unsigned char *>(index.data()), index.size());
    header.maxBytes = options.maxBytes;
    header.overLimit = report.overLimit;
    if (!writeAll(fd, index.data(), index.size(), offset) ||
        !writeAll(fd, &header, sizeof header, 0))
        return failed("cannot write the cache: " + errnoText());
    if (::fsync(fd) != 0)
        return failed("cannot write the cache: " + errnoText());
    if (::close(fd) != 0) {
        ::unlink(partial.c_str());
        return R::failure(partial + ": cannot write the cache: " + errnoText());
    }
    if (::rename(partial.c_str(), file.c_str()) != 0) {
        const std::string why = errnoText();
        ::unlink(partial.c_str());
        return R::failure(file + ": cannot put the cache in place: " + why);
    }
    report.bytes = static_cast<int64_t>(offset + index.size());
    return R(std::move(report));
}

} // namespace pulc::engine
