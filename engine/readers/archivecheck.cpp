#include "engine/readers/archivecheck.h"

#include <algorithm>
#include <cstring>
#include <new>
#include <set>
#include <vector>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace pulc::engine {
namespace {

// Record layouts of the zip format (PKWARE APPNOTE 4.3): signature and fixed size of each.
constexpr uint32_t kEndSig = 0x06054b50;
constexpr uint64_t kEndSize = 22;
constexpr uint32_t kZip64LocatorSig = 0x07064b50;
constexpr uint64_t kZip64LocatorSize = 20;
constexpr uint32_t kZip64EndSig = 0x06064b50;
constexpr uint64_t kZip64EndSize = 56;
constexpr uint32_t kCentralSig = 0x02014b50;
constexpr uint64_t kCentralSize = 46;
constexpr uint32_t kLocalSig = 0x04034b50;
constexpr uint64_t kLocalSize = 30;
constexpr uint64_t kMaxComment = 0xFFFF;
constexpr uint16_t kZip64ExtraId = 0x0001;
constexpr uint64_t kStored = 0;
constexpr uint64_t kDeflated = 8;
/// Deflate cannot expand data more than about 1032 times (258-byte matches in 2 bits).
constexpr uint64_t kMaxDeflateRatio = 1032;

uint64_t le(const uint8_t *p, int count)
{
    uint64_t v = 0;
    for (int i = count - 1; i >= 0; --i)
        v = (v << 8) | p[i];
    return v;
}

/// A directory entry as far as the check needs it.
struct Entry
{
    std::string name;
    uint64_t size = 0; // of the data as stored in the file (compressed or not)
    uint64_t localOffset = 0;
};

class Checker
{
public:
    Checker(uint64_t size, const ArchiveReadFn &read, const ArchiveLimits &limits)
        : m_size(size)
        , m_read(read)
        , m_limits(limits)
    {}

    bool run(std::string *why)
    {
        const bool ok = findEnd() && readDirectory() && checkEntries();
        if (!ok && why)
            *why = m_why;
        return ok;
    }

private:
    bool fail(std::string why)
    {
        m_why = std::move(why);
        return false;
    }

    /// `count` bytes at `offset`, which the caller has checked lie inside the file.
    bool readAt(uint64_t offset, size_t count, std::vector<uint8_t> *out)
    {
        out->resize(count);
        if (count > 0 && !m_read(offset, count, out->data()))
            return fail("the file cannot be read");
        return true;
    }

    bool inside(uint64_t offset, uint64_t count, uint64_t end) const
    {
        return offset <= end && count <= end - offset;
    }

    // The end record is the last thing in the file, followed only by a comment of at most
    // 64 KB; search backwards from where it would start without a comment.
    bool findEnd()
    {
        if (m_size < kEndSize)
            return fail("the file is too short to be a checkpoint (" + std::to_string(m_size) +
                        " bytes)");
        const uint64_t tailSize = std::min<uint64_t>(m_size, kEndSize + kMaxComment);
        const uint64_t tailStart = m_size - tailSize;
        std::vector<uint8_t> tail;
        if (!readAt(tailStart, tailSize, &tail))
            return false;
        for (uint64_t i = tailSize - kEndSize + 1; i-- > 0;) {
            const uint8_t *p = tail.data() + i;
            if (le(p, 4) != kEndSig || i + kEndSize + le(p + 20, 2) > tailSize)
                continue;
            m_endOffset = tailStart + i;
            if (le(p + 4, 2) != 0 || le(p + 6, 2) != 0 || le(p + 8, 2) != le(p + 10, 2))
                return fail("the zip archive spans several disks, which a checkpoint never does");
            m_entries = le(p + 10, 2);
            m_directorySize = le(p + 12, 4);
            m_directoryOffset = le(p + 16, 4);
            m_directoryEnd = m_endOffset;
            return readZip64End();
        }
        return fail("no zip end record at the end of the file (cut short, or not a checkpoint)");
    }

    // LibTorch writes ZIP64 records (a locator just before the end record, pointing at a
    // 64-bit end record) whatever the archive's size; their values replace the 16- and
    // 32-bit ones.
    bool readZip64End()
    {
        if (m_endOffset < kZip64LocatorSize)
            return true;
        const uint64_t locatorOffset = m_endOffset - kZip64LocatorSize;
        std::vector<uint8_t> locator;
        if (!readAt(locatorOffset, kZip64LocatorSize, &locator))
            return false;
        if (le(locator.data(), 4) != kZip64LocatorSig) {
            if (m_entries == 0xFFFF || m_directorySize == 0xFFFFFFFF ||
                m_directoryOffset == 0xFFFFFFFF)
                return fail("the zip end record refers to a ZIP64 record that is missing");
            return true;
        }
        const uint64_t recordOffset = le(locator.data() + 8, 8);
        if (le(locator.data() + 4, 4) != 0 || le(locator.data() + 16, 4) > 1)
            return fail("the zip archive spans several disks, which a checkpoint never does");
        if (!inside(recordOffset, kZip64EndSize, locatorOffset))
            return fail("the ZIP64 end record lies outside the file (cut short?)");
        std::vector<uint8_t> record;
        if (!readAt(recordOffset, kZip64EndSize, &record))
            return false;
        const uint8_t *p = record.data();
        if (le(p, 4) != kZip64EndSig)
            return fail("the ZIP64 end record is damaged");
        if (le(p + 16, 4) != 0 || le(p + 20, 4) != 0 || le(p + 24, 8) != le(p + 32, 8))
            return fail("the zip archive spans several disks, which a checkpoint never does");
        m_entries = le(p + 32, 8);
        m_directorySize = le(p + 40, 8);
        m_directoryOffset = le(p + 48, 8);
        m_directoryEnd = recordOffset;
        return true;
    }

    bool readDirectory()
    {
        if (m_entries == 0)
            return fail("the zip archive is empty");
        if (!inside(m_directoryOffset, m_directorySize, m_directoryEnd))
            return fail("the zip directory lies outside the file (cut short?)");
        if (m_entries > static_cast<uint64_t>(m_limits.maxEntries) ||
            static_cast<int64_t>(m_directorySize) > m_limits.maxDirectoryBytes)
            return fail("the zip directory declares " + std::to_string(m_entries) + " entries in " +
                        std::to_string(m_directorySize) + " bytes, more than any checkpoint holds");
        if (m_entries > m_directorySize / kCentralSize)
            return fail("the zip directory declares " + std::to_string(m_entries) +
                        " entries but has room for fewer");
        std::vector<uint8_t> directory;
        if (!readAt(m_directoryOffset, m_directorySize, &directory))
            return false;
        uint64_t pos = 0;
        m_list.reserve(m_entries);
        for (uint64_t i = 0; i < m_entries; ++i) {
            if (!inside(pos, kCentralSize, directory.size()))
                return fail("the zip directory ends after " + std::to_string(i) + " of " +
                            std::to_string(m_entries) + " entries");
            const uint8_t *p = directory.data() + pos;
            if (le(p, 4) != kCentralSig)
                return fail("the zip directory is damaged at entry " + std::to_string(i + 1));
            const uint64_t nameLength = le(p + 28, 2);
            const uint64_t extraLength = le(p + 30, 2);
            const uint64_t commentLength = le(p + 32, 2);
            if (!inside(pos + kCentralSize, nameLength + extraLength + commentLength,
                        directory.size()))
                return fail("the zip directory is damaged at entry " + std::to_string(i + 1));
            Entry e;
            e.name.assign(reinterpret_cast<const char *>(p + kCentralSize), nameLength);
            const std::string quoted = "entry '" + e.name + "'";
            if (le(p + 8, 2) & 0x1)
                return fail(quoted + " is encrypted, which a checkpoint never is");
            const uint64_t method = le(p + 10, 2);
            if (method != kStored && method != kDeflated)
                return fail(quoted + " uses compression method " + std::to_string(method) +
                            ", which LibTorch never writes");
            uint64_t compressed = le(p + 20, 4);
            uint64_t size = le(p + 24, 4);
            uint64_t offset = le(p + 42, 4);
            const uint64_t disk = le(p + 34, 2);
            if (!readZip64Extra(p + kCentralSize + nameLength, extraLength, &size, &compressed,
                                &offset, disk))
                return fail(quoted + " has a damaged ZIP64 field");
            if (method == kStored && compressed != size)
                return fail(quoted + " declares two different sizes");
            // The reader allocates the declared size before inflating: it must be one deflate
            // can reach from the stored bytes, and all inflated entries (LibTorch compresses
            // only the model's code and debug tables) must stay small.
            if (method == kDeflated) {
                if (size / kMaxDeflateRatio > compressed + 1)
                    return fail(quoted + " declares " + std::to_string(size) +
                                " bytes, more than its compressed data can hold");
                m_inflatedBytes += size;
                if (m_inflatedBytes > static_cast<uint64_t>(m_limits.maxInflatedBytes))
                    return fail("the compressed entries declare more than " +
                                std::to_string(m_limits.maxInflatedBytes / (1024 * 1024)) +
                                " MB, more than any checkpoint holds");
            }
            e.size = compressed;
            e.localOffset = offset;
            m_list.push_back(std::move(e));
            pos += kCentralSize + nameLength + extraLength + commentLength;
        }
        return true;
    }

    // Sizes and the offset that do not fit 32 bits are 0xFFFFFFFF in the directory entry and
    // given in its ZIP64 extra field instead, in this order, only those that overflowed.
    static bool readZip64Extra(const uint8_t *extra, uint64_t length, uint64_t *size,
                               uint64_t *compressed, uint64_t *offset, uint64_t disk)
    {
        const bool needed =
            *size == 0xFFFFFFFF || *compressed == 0xFFFFFFFF || *offset == 0xFFFFFFFF;
        uint64_t pos = 0;
        while (pos + 4 <= length) {
            const uint64_t id = le(extra + pos, 2);
            const uint64_t fieldLength = le(extra + pos + 2, 2);
            if (pos + 4 + fieldLength > length)
                return false;
            if (id == kZip64ExtraId) {
                const uint8_t *field = extra + pos + 4;
                uint64_t used = 0;
                for (uint64_t *value : {size, compressed, offset}) {
                    if (*value != 0xFFFFFFFF)
                        continue;
                    if (used + 8 > fieldLength)
                        return false;
                    *value = le(field + used, 8);
                    used += 8;
                }
                return disk == 0 ||
                       (disk == 0xFFFF && used + 4 <= fieldLength && le(field + used, 4) == 0);
            }
            pos += 4 + fieldLength;
        }
        return !needed && disk == 0;
    }

    bool checkEntries()
    {
        const std::string &first = m_list.front().name;
        const size_t slash = first.find('/');
        if (slash == std::string::npos || slash == 0)
            return fail("the zip archive holds no checkpoint folder (entry '" + first + "')");
        const std::string folder = first.substr(0, slash + 1);
        std::set<std::string> names;
        std::vector<uint8_t> local;
        for (const Entry &e : m_list) {
            const std::string quoted = "entry '" + e.name + "'";
            if (e.name.compare(0, folder.size(), folder) != 0)
                return fail(quoted + " is outside the checkpoint folder '" + folder + "'");
            names.insert(e.name.substr(folder.size()));
            // Local header, name, extra field, then the data: all before the directory.
            if (!inside(e.localOffset, kLocalSize, m_directoryOffset))
                return fail(quoted + " starts outside the file's data (cut short?)");
            if (!readAt(e.localOffset, kLocalSize, &local))
                return false;
            const uint64_t nameLength = le(local.data() + 26, 2);
            const uint64_t extraLength = le(local.data() + 28, 2);
            if (le(local.data(), 4) != kLocalSig || nameLength != e.name.size())
                return fail(quoted + " has a damaged local header");
            const uint64_t dataOffset = e.localOffset + kLocalSize + nameLength + extraLength;
            if (!inside(dataOffset, e.size, m_directoryOffset))
                return fail(quoted + " extends past the end of the data (cut short?)");
            if (!readAt(e.localOffset + kLocalSize, nameLength, &local))
                return false;
            if (std::memcmp(local.data(), e.name.data(), nameLength) != 0)
                return fail(quoted + " has a damaged local header");
        }
        for (const char *required : {"data.pkl", "constants.pkl"}) {
            if (!names.count(required))
                return fail("the checkpoint has no '" + folder + required + "' entry");
        }
        if (!names.count("version") && !names.count(".data/version"))
            return fail("the checkpoint has no '" + folder + "version' entry");
        return true;
    }

    const uint64_t m_size;
    const ArchiveReadFn &m_read;
    const ArchiveLimits &m_limits;
    std::string m_why;
    uint64_t m_endOffset = 0;
    uint64_t m_entries = 0;
    uint64_t m_directorySize = 0;
    uint64_t m_directoryOffset = 0;
    uint64_t m_directoryEnd = 0; // where the directory must end: at the first end record
    uint64_t m_inflatedBytes = 0;
    std::vector<Entry> m_list;
};

} // namespace

bool checkTorchArchive(uint64_t size, const ArchiveReadFn &read, std::string *why,
                       const ArchiveLimits &limits)
{
    try {
        return Checker(size, read, limits).run(why);
    } catch (const std::bad_alloc &) {
        if (why)
            *why = "out of memory while checking the zip directory";
        return false;
    }
}

bool checkTorchArchiveBytes(const uint8_t *data, size_t size, std::string *why,
                            const ArchiveLimits &limits)
{
    const ArchiveReadFn read = [data, size](uint64_t offset, size_t count, uint8_t *out) {
        if (offset > size || count > size - offset)
            return false;
        std::memcpy(out, data + offset, count);
        return true;
    };
    return checkTorchArchive(size, read, why, limits);
}

bool checkTorchArchiveFile(const std::string &path, std::string *why, const ArchiveLimits &limits)
{
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    struct stat info = {};
    if (fd < 0 || ::fstat(fd, &info) != 0) {
        if (fd >= 0)
            ::close(fd);
        if (why)
            *why = "the file cannot be opened";
        return false;
    }
    const ArchiveReadFn read = [fd](uint64_t offset, size_t count, uint8_t *out) {
        while (count > 0) {
            const ssize_t got = ::pread(fd, out, count, static_cast<off_t>(offset));
            if (got <= 0)
                return false;
            out += got;
            offset += static_cast<uint64_t>(got);
            count -= static_cast<size_t>(got);
        }
        return true;
    };
    const bool ok = checkTorchArchive(static_cast<uint64_t>(info.st_size), read, why, limits);
    ::close(fd);
    return ok;
}

} // namespace pulc::engine
