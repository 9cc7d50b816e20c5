// From the unpickled dict to NamedArrays (pickleparse.h): keys in file order with Python's
// "last value wins" for repeated keys, nested dicts as "outer.inner", Paddle's (name, ndarray)
// pairs, float16/float64 and big-endian data converted to native float32, Fortran order
// reordered to C order. The walk uses an explicit stack; its depth is bounded by maxDepth.
#include "engine/readers/pickleparse.h"

#include <bit>
#include <cmath>
#include <cstring>
#include <unordered_map>

#if defined(__linux__)
#include <sys/mman.h>
#endif

namespace pulc::engine::pickle {

namespace {

constexpr std::string_view kStructuredNames = "StructuredToParameterName@@";

uint32_t byteSwap32(uint32_t v)
{
    return (v >> 24) | ((v >> 8) & 0xff00) | ((v << 8) & 0xff0000) | (v << 24);
}

uint64_t byteSwap64(uint64_t v)
{
    return (uint64_t(byteSwap32(uint32_t(v))) << 32) | byteSwap32(uint32_t(v >> 32));
}

/// IEEE half to single precision; exact for every value (subnormals, infinities, NaN payloads).
float halfToFloat(uint16_t h)
{
    const uint32_t sign = uint32_t(h & 0x8000) << 16;
    uint32_t exponent = (h >> 10) & 0x1f;
    uint32_t mantissa = h & 0x3ff;
    uint32_t bits = 0;
    if (exponent == 0x1f) {
        bits = sign | 0x7f800000 | (mantissa << 13);
    } else if (exponent != 0) {
        bits = sign | ((exponent + 112) << 23) | (mantissa << 13);
    } else if (mantissa == 0) {
        bits = sign;
    } else { // subnormal: normalise into single precision's range
        exponent = 113;
        while (!(mantissa & 0x400)) {
            mantissa <<= 1;
            --exponent;
        }
        bits = sign | (exponent << 23) | ((mantissa & 0x3ff) << 13);
    }
    return std::bit_cast<float>(bits);
}

/// Double to float, rounding to nearest like the hardware, with the out-of-range and NaN cases
/// spelled out (a plain cast of those is undefined behaviour in C++).
float narrow(double d)
{
    const uint64_t bits = std::bit_cast<uint64_t>(d);
    if (std::isnan(d))
        return std::bit_cast<float>(uint32_t(bits >> 32 & 0x80000000u) | 0x7fc00000u |
                                    uint32_t(bits >> 29 & 0x3fffff));
    if (std::fabs(d) >= 0x1.ffffffp+127) // at or past halfway to 2^128: rounds to infinity
        return std::signbit(d) ? -INFINITY : INFINITY;
    return static_cast<float>(d);
}

/// `count` elements of `itemSize` bytes, in storage order, to native floats.
void convertRun(const uint8_t *src, size_t count, int itemSize, bool bigEndian, float *dst)
{
    const bool swap = bigEndian != (std::endian::native == std::endian::big);
    if (count == 0)
        return; // dst may be null
    if (itemSize == 4) {
        if (!swap) {
            std::memcpy(dst, src, count * 4);
            return;
        }
        for (size_t i = 0; i < count; ++i) {
            uint32_t v;
            std::memcpy(&v, src + 4 * i, 4);
            v = byteSwap32(v);
            std::memcpy(dst + i, &v, 4);
        }
    } else if (itemSize == 2) {
        for (size_t i = 0; i < count; ++i) {
            const uint16_t lo = src[2 * i], hi = src[2 * i + 1];
            dst[i] = halfToFloat(bigEndian ? uint16_t(lo << 8 | hi) : uint16_t(hi << 8 | lo));
        }
    } else {
        for (size_t i = 0; i < count; ++i) {
            uint64_t v;
            std::memcpy(&v, src + 8 * i, 8);
            if (swap)
                v = byteSwap64(v);
            dst[i] = narrow(std::bit_cast<double>(v));
        }
    }
}

/// Fortran (column-major) `in` to C (row-major) `out`; every dimension is at least 1.
void fortranToC(const float *in, const std::vector<int64_t> &shape, float *out, size_t count)
{
    const size_t dims = shape.size();
    std::vector<size_t> stride(dims, 1), index(dims, 0);
    for (size_t k = 1; k < dims; ++k)
        stride[k] = stride[k - 1] * size_t(shape[k - 1]);
    const size_t inner = size_t(shape[dims - 1]), innerStride = stride[dims - 1];
    size_t base = 0;
    for (size_t o = 0; o < count;) {
        size_t s = base;
        for (size_t j = 0; j < inner; ++j, s += innerStride)
            out[o++] = in[s];
        for (size_t k = dims - 1; k-- > 0;) { // odometer over the outer dimensions
            base += stride[k];
            if (++index[k] < size_t(shape[k]))
                break;
            base -= stride[k] * size_t(shape[k]);
            index[k] = 0;
        }
    }
}

} // namespace

void prefault(void *memory, size_t bytes)
{
#if defined(__linux__) && defined(MADV_POPULATE_WRITE)
    if (bytes < (size_t(256) << 10))
        return; // not worth a system call
    constexpr uintptr_t kPage = 4096;
    const uintptr_t begin = (reinterpret_cast<uintptr_t>(memory) + kPage - 1) & ~(kPage - 1);
    const uintptr_t end = (reinterpret_cast<uintptr_t>(memory) + bytes) & ~(kPage - 1);
    if (end > begin) // failure (an older kernel) only costs the speed-up
        ::madvise(reinterpret_cast<void *>(begin), end - begin, MADV_POPULATE_WRITE);
#else
    (void)memory;
    (void)bytes;
#endif
}

namespace {

class Flattener
{
public:
    Flattener(const Unpickler &u, const PickleLimits &limits, uint64_t budget, WeightsFile *out)
        : m_u(u)
        , m_limits(limits)
        , m_budget(budget)
        , m_out(out)
    {}

    bool run(std::string *problem, uint64_t *offset);

private:
    struct Frame
    {
        std::string prefix;
        std::vector<std::pair<uint32_t, uint32_t>> entries; ///< key, value (deduplicated)
        size_t next = 0;
    };

    bool charge(uint64_t bytes);
    bool openDict(uint32_t dict, std::string prefix);
    bool keyText(uint32_t key, std::string *text, std::string *identity);
    bool emitArray(const std::string &name, const ArrayInfo &info);
    bool fail(const std::string &problem, uint64_t offset = 0)
    {
        m_problem = problem;
        m_offset = offset;
        return false;
    }

    const Unpickler &m_u;
    const PickleLimits &m_limits;
    uint64_t m_budget;
    WeightsFile *m_out;
    std::vector<Frame> m_frames;
    std::string m_problem;
    uint64_t m_offset = 0;
};

bool Flattener::charge(uint64_t bytes)
{
    if (bytes <= m_budget) {
        m_budget -= bytes;
        return true;
    }
    return fail("the arrays and names would take more than 4 times the file's size (the file "
                "refers to the same values over and over)");
}

bool Flattener::keyText(uint32_t key, std::string *text, std::string *identity)
{
    const Value &k = m_u.value(key);
    // Keys are copied on every visit: their length counts against the budget, so a long key
    // shared through the memo by many entries cannot make the walk slow.
    if ((k.kind == Kind::Str || k.kind == Kind::Bytes) && !charge(k.b))
        return false;
    switch (k.kind) {
    case Kind::Str:
        *text = std::string(m_u.bytes(k));
        break;
    case Kind::Bytes: {             // Python 2 str or bytes: latin1 to UTF-8
        std::string raw(k.b, '\0'); // a deferred key is at most the file's size
        if (!m_u.fetch(k, raw.data()))
            return fail("the file changed while it was read");
        text->clear();
        for (const char c : raw) {
            const auto b = static_cast<unsigned char>(c);
            if (b < 0x80) {
                *text += c;
            } else {
                *text += static_cast<char>(0xc0 | (b >> 6));
                *text += static_cast<char>(0x80 | (b & 0x3f));
            }
        }
        break;
    }
    case Kind::Int:
        *text = std::to_string(int64_t(k.a));
        break;
    case Kind::Bool:
        *text = k.a ? "True" : "False";
        break;
    default:
        return fail("a dict key is " + kindName(k.kind) + ", not a name");
    }
    // Python compares keys by type and value (True == 1); the identity follows that.
    const char tag = k.kind == Kind::Str ? 's' : k.kind == Kind::Bytes ? 'b' : 'i';
    *identity = tag + (k.kind == Kind::Bool ? std::to_string(k.a) : *text);
    return true;
}

bool Flattener::openDict(uint32_t dict, std::string prefix)
{
    if (int64_t(m_frames.size()) >= m_limits.maxDepth)
        return fail("dicts nest more than " + std::to_string(m_limits.maxDepth) + " levels deep");
    const std::vector<uint32_t> &items = m_u.items(m_u.value(dict));
    // Each visit costs budget, so a dict shared by many keys cannot make the walk quadratic.
    if (!charge(16 * uint64_t(items.size())))
        return false;
    Frame frame;
    frame.prefix = std::move(prefix);
    std::unordered_map<std::string, size_t> seen;
    std::string text, identity;
    for (size_t i = 0; i + 1 < items.size(); i += 2) {
        if (!keyText(items[i], &text, &identity))
            return false;
        const auto [it, added] = seen.emplace(identity, frame.entries.size());
        if (added)
            frame.entries.emplace_back(items[i], items[i + 1]);
        else // a repeated key keeps its first place and takes the last value, as in Python
            frame.entries[it->second].second = items[i + 1];
    }
    m_frames.push_back(std::move(frame));
    return true;
}

bool Flattener::emitArray(const std::string &name, const ArrayInfo &info)
{
    if (!info.problem.empty())
        return fail("'" + printable(name) + "': " + info.problem, info.offset);
    if (int64_t(m_out->arrays.size()) >= m_limits.maxArrays)
        return fail("more than " + std::to_string(m_limits.maxArrays) + " arrays", info.offset);
    const Value &raw = m_u.value(info.data);
    const size_t count = size_t(raw.b) / size_t(info.itemSize);
    if (!charge(4 * uint64_t(count) + name.size()))
        return false;
    NamedArray array;
    array.name = name;
    array.shape = info.shape;
    array.sourceType =
        info.typeName + (info.bigEndian ? " big-endian" : "") + (info.fortran ? " Fortran" : "");
    array.data.reserve(count);
    prefault(array.data.data(), count * sizeof(float));
    array.data.resize(count);
    const bool inOrder = !info.fortran || info.shape.size() < 2 || count == 0;
    const bool native =
        info.itemSize == 4 && info.bigEndian == (std::endian::native == std::endian::big);
    if (inOrder && native) { // the common case: one copy, straight from the file if deferred
        if (!m_u.fetch(raw, array.data.data()))
            return fail("the file changed while it was read", info.offset);
    } else {
        std::string_view bytes = m_u.bytes(raw);
        std::vector<uint8_t> fetched;
        if (raw.flags & kDeferred) {
            fetched.resize(raw.b);
            if (!m_u.fetch(raw, fetched.data()))
                return fail("the file changed while it was read", info.offset);
            bytes = {reinterpret_cast<const char *>(fetched.data()), fetched.size()};
        }
        const auto *src = reinterpret_cast<const uint8_t *>(bytes.data());
        if (inOrder) {
            convertRun(src, count, info.itemSize, info.bigEndian, array.data.data());
        } else {
            std::vector<float> stored(count);
            convertRun(src, count, info.itemSize, info.bigEndian, stored.data());
            fortranToC(stored.data(), info.shape, array.data.data(), count);
        }
    }
    m_out->arrays.push_back(std::move(array));
    return true;
}

bool Flattener::run(std::string *problem, uint64_t *offset)
{
    bool ok = openDict(m_u.result(), "");
    std::string key, identity;
    while (ok && !m_frames.empty()) {
        Frame &frame = m_frames.back();
        if (frame.next == frame.entries.size()) {
            m_frames.pop_back();
            continue;
        }
        const auto [keyId, valueId] = frame.entries[frame.next++];
        ok = keyText(keyId, &key, &identity);
        if (!ok)
            break;
        const std::string name = frame.prefix + key;
        ok = charge(name.size());
        if (!ok)
            break;
        const Value &v = m_u.value(valueId);
        if (v.kind == Kind::Array) {
            ok = emitArray(name, m_u.array(v));
            continue;
        }
        if (v.kind == Kind::Tuple) { // Paddle's (name, ndarray) pair
            const std::vector<uint32_t> &pair = m_u.items(v);
            std::string_view ignored;
            if (pair.size() == 2 && m_u.text(pair[0], &ignored) &&
                m_u.value(pair[1]).kind == Kind::Array) {
                ok = emitArray(name, m_u.array(m_u.value(pair[1])));
                continue;
            }
        }
        if (v.kind == Kind::Dict && key != kStructuredNames) {
            ok = openDict(valueId, name + "."); // invalidates `frame`
            continue;
        }
        ok = charge(16 + name.size());
        if (ok)
            m_out->skipped.push_back(name);
    }
    if (!ok) {
        *problem = m_problem;
        *offset = m_offset;
    }
    return ok;
}

} // namespace

bool flattenWeights(const Unpickler &unpickler, const PickleLimits &limits, uint64_t budget,
                    WeightsFile *out, std::string *problem, uint64_t *offset)
{
    return Flattener(unpickler, limits, budget, out).run(problem, offset);
}

} // namespace pulc::engine::pickle
