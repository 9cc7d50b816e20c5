// The public side of weightsfile.h: parse (through the restricted unpickler in pickleparse.h),
// read a file, and write NumPy-compatible protocol 4 pickles atomically.
#include "engine/readers/weightsfile.h"
#include "engine/readers/pickleparse.h"

#include <bit>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>
#include <new>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace pulc::engine {

namespace {

/// Builds a protocol 4 pickle with the same opcodes CPython's pickler uses for these objects.
class PickleWriter
{
public:
    std::vector<uint8_t> bytes;

    void op(uint8_t code) { bytes.push_back(code); }
    void little(uint64_t v, int n)
    {
        for (int i = 0; i < n; ++i)
            bytes.push_back(uint8_t(v >> (8 * i)));
    }
    void raw(const void *data, size_t n)
    {
        const auto *p = static_cast<const uint8_t *>(data);
        bytes.insert(bytes.end(), p, p + n);
    }
    void text(std::string_view s)
    {
        if (s.size() < 256) {
            op(0x8c); // SHORT_BINUNICODE
            little(s.size(), 1);
        } else if (s.size() <= 0xffffffffu) {
            op('X'); // BINUNICODE
            little(s.size(), 4);
        } else {
            op(0x8d); // BINUNICODE8
            little(s.size(), 8);
        }
        raw(s.data(), s.size());
    }
    void byteString(const void *data, size_t n)
    {
        if (n < 256) {
            op('C'); // SHORT_BINBYTES
            little(n, 1);
        } else if (n <= 0xffffffffu) {
            op('B'); // BINBYTES
            little(n, 4);
        } else {
            op(0x8e); // BINBYTES8
            little(n, 8);
        }
        raw(data, n);
    }
    void integer(int64_t v)
    {
        if (v >= 0 && v < 256) {
            op('K'); // BININT1
            little(uint64_t(v), 1);
        } else if (v >= 0 && v < 65536) {
            op('M'); // BININT2
            little(uint64_t(v), 2);
        } else if (v >= INT32_MIN && v <= INT32_MAX) {
            op('J'); // BININT
            little(uint64_t(v), 4);
        } else {
            int n = 8; // LONG1: shortest two's complement
            while (n > 1 && (v >> (8 * (n - 1) - 1)) == (v >> 63))
                --n;
            op(0x8a);
            little(uint64_t(n), 1);
            little(uint64_t(v), n);
        }
    }
};

constexpr uint8_t kMark = '(', kTuple = 't', kTuple1 = 0x85, kTuple3 = 0x87, kReduce = 'R',
                  kBuild = 'b', kStackGlobal = 0x93, kMemoize = 0x94, kBinGet = 'h', kNone = 'N',
                  kNewFalse = 0x89, kNewTrue = 0x88, kSetItem = 's', kSetItems = 'u',
                  kEmptyDict = '}', kEmptyTuple = ')';

/// One float32 C-order ndarray as NumPy pickles it: _reconstruct, then BUILD with the state.
/// The globals and the dtype are memoised by the first array (memo 0, 1, 2) and reused.
void writeArray(PickleWriter &w, const NamedArray &array, bool first)
{
    if (first) {
        w.text("numpy.core.multiarray");
        w.text("_reconstruct");
        w.op(kStackGlobal);
        w.op(kMemoize); // 0
        w.text("numpy");
        w.text("ndarray");
        w.op(kStackGlobal);
        w.op(kMemoize); // 1
    } else {
        w.op(kBinGet);
        w.little(0, 1);
        w.op(kBinGet);
        w.little(1, 1);
    }
    w.integer(0);
    w.op(kTuple1);
    w.byteString("b", 1);
    w.op(kTuple3);
    w.op(kReduce);

    w.op(kMark);
    w.integer(1);
    if (array.shape.empty()) {
        w.op(kEmptyTuple);
    } else if (array.shape.size() <= 3) {
        for (int64_t d : array.shape)
            w.integer(d);
        w.op(uint8_t(kTuple1 + array.shape.size() - 1));
    } else {
        w.op(kMark);
        for (int64_t d : array.shape)
            w.integer(d);
        w.op(kTuple);
    }
    if (first) {
        w.text("numpy");
        w.text("dtype");
        w.op(kStackGlobal);
        w.text("f4");
        w.op(kNewFalse);
        w.op(kNewTrue);
        w.op(kTuple3);
        w.op(kReduce);
        w.op(kMark);
        w.integer(3);
        w.text("<");
        w.op(kNone);
        w.op(kNone);
        w.op(kNone);
        w.integer(-1);
        w.integer(-1);
        w.integer(0);
        w.op(kTuple);
        w.op(kBuild);
        w.op(kMemoize); // 2
    } else {
        w.op(kBinGet);
        w.little(2, 1);
    }
    w.op(kNewFalse); // C order
    const size_t bytes = array.data.size() * sizeof(float);
    if constexpr (std::endian::native == std::endian::little) {
        w.byteString(array.data.data(), bytes);
    } else {
        std::vector<uint8_t> le(bytes);
        for (size_t i = 0; i < array.data.size(); ++i) {
            const auto v = std::bit_cast<uint32_t>(array.data[i]);
            for (int b = 0; b < 4; ++b)
                le[4 * i + b] = uint8_t(v >> (8 * b));
        }
        w.byteString(le.data(), bytes);
    }
    w.op(kTuple);
    w.op(kBuild);
}

std::string systemError()
{
    return std::strerror(errno);
}

} // namespace

namespace pickle {

bool unpickleWeights(Unpickler &unpickler, uint64_t size, const std::string &sourceName,
                     const PickleLimits &limits, WeightsFile *out, std::string *error)
{
    auto failWith = [&](const std::string &message) {
        if (error)
            *error = sourceName + ": " + message;
        return false;
    };
    if (!unpickler.run())
        return failWith("byte " + std::to_string(unpickler.problemOffset()) + ": " +
                        unpickler.problem());
    WeightsFile result;
    result.protocol = unpickler.protocol();
    // Converted floats are at most twice the stored bytes (float16); 4x leaves room for a few
    // shared arrays, and the constant for the names of tiny files.
    const uint64_t budget = 4 * size + (uint64_t(1) << 24);
    std::string problem;
    uint64_t offset = 0;
    if (!flattenWeights(unpickler, limits, budget, &result, &problem, &offset))
        return failWith((offset ? "byte " + std::to_string(offset) + ": " : "") + problem);
    if (out)
        *out = std::move(result);
    return true;
}

bool readWeightsFd(int fd, const std::string &sourceName, WeightsFile *out, std::string *error,
                   const PickleLimits &limits, size_t deferMin, size_t readAhead)
{
    auto fail = [&](const std::string &why) {
        if (error)
            *error = sourceName + ": " + why;
        return false;
    };
    struct stat info = {};
    if (::fstat(fd, &info) != 0)
        return fail("cannot read (" + systemError() + ")");
    if (S_ISDIR(info.st_mode))
        return fail("is a folder, not a weights file");
    if (info.st_size <= 0)
        return fail("the file is empty");
    try {
        Unpickler unpickler(fd, uint64_t(info.st_size), deferMin, readAhead, limits);
        return unpickleWeights(unpickler, uint64_t(info.st_size), sourceName, limits, out, error);
    } catch (const std::bad_alloc &) {
        return fail("out of memory while reading the weights");
    } catch (...) {
        return fail("internal error while reading the weights");
    }
}

} // namespace pickle

bool parseWeights(const uint8_t *data, size_t size, const std::string &sourceName, WeightsFile *out,
                  std::string *error, const PickleLimits &limits)
{
    auto failWith = [&](const std::string &message) {
        if (error)
            *error = sourceName + ": " + message;
        return false;
    };
    try {
        if (size == 0 || !data)
            return failWith("the file is empty");
        pickle::Unpickler unpickler(data, size, limits);
        return pickle::unpickleWeights(unpickler, size, sourceName, limits, out, error);
    } catch (const std::bad_alloc &) {
        return failWith("out of memory while reading the weights");
    } catch (...) {
        return failWith("internal error while reading the weights");
    }
}

bool readWeightsFile(const std::string &path, WeightsFile *out, std::string *error,
                     const PickleLimits &limits)
{
    // Read with pread() as the opcodes need it, array data straight into the arrays (one copy,
    // like Python's pickle.load), rather than mmap: a file truncated by another program while
    // we read it would make a mapping raise SIGBUS; here it is an error message.
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        if (error)
            *error = path + ": cannot open (" + systemError() + ")";
        return false;
    }
    constexpr size_t kDeferMin = size_t(64) << 10, kReadAhead = size_t(64) << 10;
    const bool ok = pickle::readWeightsFd(fd, path, out, error, limits, kDeferMin, kReadAhead);
    ::close(fd);
    return ok;
}

std::vector<uint8_t> encodeWeights(const std::vector<NamedArray> &arrays)
{
    PickleWriter w;
    size_t total = 64;
    for (const NamedArray &a : arrays)
        total += a.name.size() + a.data.size() * sizeof(float) + 64 + 3 * a.shape.size();
    w.bytes.reserve(total + 200);
    w.op(0x80); // PROTO 4
    w.op(4);
    w.op(kEmptyDict);
    // SETITEMS in batches of at most 1000 pairs, like CPython; a lone pair uses SETITEM.
    constexpr size_t kBatch = 1000;
    for (size_t start = 0; start < arrays.size(); start += kBatch) {
        const size_t end = std::min(arrays.size(), start + kBatch);
        if (end - start > 1)
            w.op(kMark);
        for (size_t i = start; i < end; ++i) {
            w.text(arrays[i].name);
            writeArray(w, arrays[i], i == 0);
        }
        w.op(end - start > 1 ? kSetItems : kSetItem);
    }
    w.op('.'); // STOP
    return std::move(w.bytes);
}

bool writeWeightsFile(const std::string &path, const std::vector<NamedArray> &arrays,
                      std::string *error)
{
    auto fail = [&](const std::string &why) {
        if (error)
            *error = path + ": " + why;
        return false;
    };
    for (const NamedArray &a : arrays) {
        uint64_t count = 1;
        bool valid = true;
        for (int64_t d : a.shape) {
            valid = valid && d >= 0 && (d == 0 || count <= UINT64_MAX / uint64_t(d));
            count = valid ? count * uint64_t(d) : 0;
        }
        if (!valid || count != a.data.size())
            return fail("array '" + a.name + "' has " + std::to_string(a.data.size()) +
                        " values, which does not fit its shape");
    }
    std::vector<uint8_t> bytes;
    try {
        bytes = encodeWeights(arrays);
    } catch (const std::bad_alloc &) {
        return fail("not enough memory to encode the weights");
    }
    // A temporary file in the same folder, renamed over the target once it is complete and on
    // disk: a crash or a full disk leaves the old file or the new one, never half of one.
    std::string temporary = path + ".tmp-XXXXXX";
    const int fd = ::mkstemp(temporary.data());
    if (fd < 0)
        return fail("cannot create a file next to it (" + systemError() + ")");
    size_t written = 0;
    while (written < bytes.size()) {
        const ssize_t n = ::write(fd, bytes.data() + written, bytes.size() - written);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break;
        written += size_t(n);
    }
    const bool complete = written == bytes.size();
    const std::string writeError = complete ? "" : systemError();
    const bool synced = complete && ::fsync(fd) == 0;
    // mkstemp makes the file 0600; weights are ordinary documents.
    ::fchmod(fd, 0644);
    const bool closed = ::close(fd) == 0;
    if (!complete || !synced || !closed) {
        ::unlink(temporary.c_str());
        return fail("cannot write (" + (complete ? systemError() : writeError) + "; disk full?)");
    }
    if (std::rename(temporary.c_str(), path.c_str()) != 0) {
        const std::string why = systemError();
        ::unlink(temporary.c_str());
        return fail("cannot replace it (" + why + ")");
    }
    return true;
}

bool looksLikePickle(const uint8_t *data, size_t size)
{
    return data && size >= 2 && data[0] == 0x80 && data[1] >= 2 && data[1] <= 5;
}

} // namespace pulc::engine
