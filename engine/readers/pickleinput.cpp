// Where the restricted unpickler's bytes come from (pickleparse.h): the whole file in memory,
// or an open file read in pieces as the opcodes need them, with long byte strings (array data)
// left in the file and fetched straight into the arrays. Every read is checked against the
// file's size before it happens, so a declared length larger than the rest of the file is
// refused before anything is allocated for it.
#include "engine/readers/pickleparse.h"

#include <algorithm>
#include <cerrno>
#include <cstring>

#include <unistd.h>

namespace pulc::engine::pickle {

Unpickler::Unpickler(int fd, uint64_t size, size_t deferMin, size_t readAhead,
                     const PickleLimits &limits)
    : Unpickler(nullptr, 0, limits)
{
    m_size = size;
    m_filled = 0;
    m_fd = fd;
    m_deferMin = std::max<size_t>(deferMin, 1);
    m_readAhead = std::max<size_t>(readAhead, 1);
}

std::string_view Unpickler::bytes(const Value &v) const
{
    if (v.flags & kOwned)
        return m_owned[v.a];
    if (v.flags & kDeferred)
        return {};
    return {reinterpret_cast<const char *>(m_data) + v.a, static_cast<size_t>(v.b)};
}

bool Unpickler::fetch(const Value &v, void *out) const
{
    if (!(v.flags & kDeferred)) {
        if (v.b)
            std::memcpy(out, bytes(v).data(), v.b);
        return true;
    }
    auto *to = static_cast<uint8_t *>(out);
    for (uint64_t done = 0; done < v.b;) {
        const ssize_t n = ::pread(m_fd, to + done, v.b - done, off_t(v.a + done));
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return false;
        done += uint64_t(n);
    }
    return true;
}

bool Unpickler::fill(uint64_t end)
{
    // Reads at least m_readAhead bytes at a time, so small opcodes cost few system calls.
    end = std::min(m_size, std::max<uint64_t>(end, m_filled + m_readAhead));
    const size_t old = m_buffer.size();
    m_buffer.resize(old + (end - m_filled));
    m_data = m_buffer.data();
    size_t got = 0;
    while (m_filled + got < end) {
        const ssize_t n =
            ::pread(m_fd, m_buffer.data() + old + got, end - m_filled - got, off_t(m_filled + got));
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            m_buffer.resize(old + got);
            m_filled += got;
            return fail("the file changed while it was read (it ends before byte " +
                        std::to_string(end) + ")");
        }
        got += size_t(n);
    }
    m_filled = end;
    return true;
}

bool Unpickler::need(uint64_t n, std::string_view what)
{
    const uint64_t remaining = m_size - m_pos;
    if (n <= remaining)
        return m_pos + n <= m_filled || fill(m_pos + n);
    std::string problem =
        "truncated at byte " + std::to_string(m_size) + " while reading " + std::string(what);
    if (n > 8)
        problem += " (it declares " + std::to_string(n) + " bytes, " + std::to_string(remaining) +
                   " remain)";
    return fail(problem);
}

uint64_t Unpickler::readLE(int n)
{
    uint64_t v = 0;
    for (int i = 0; i < n; ++i)
        v |= uint64_t(byteAt(m_pos + i)) << (8 * i);
    m_pos += n;
    return v;
}

bool Unpickler::loadString(Kind kind, uint64_t length, std::string_view op, uint8_t flags)
{
    if (m_fd >= 0 && kind == Kind::Bytes && !(flags & kFromString) && length >= m_deferMin) {
        // Array data: leave it in the file (dropping what was read ahead of it) and fetch it
        // straight into the array later.
        if (length > m_size - m_pos)
            return need(length, op); // the "truncated" message
        if (m_filled > m_pos) {
            m_buffer.resize(m_pos - m_base);
            m_data = m_buffer.data();
        }
        const Value v{kind, uint8_t(flags | kFrozen | kDeferred), 0, 0, m_pos, length};
        m_pos += length;
        m_filled = m_pos;
        m_base = m_pos - m_buffer.size();
        return push(v);
    }
    if (!need(length, op))
        return false;
    const Value v{kind, static_cast<uint8_t>(flags | kFrozen), 0, 0, m_pos - m_base, length};
    m_pos += length;
    return push(v);
}

bool Unpickler::readLine(uint64_t *end)
{
    uint64_t searched = m_pos;
    for (;;) {
        const auto *start = m_data + (searched - m_base);
        if (const auto *found = static_cast<const uint8_t *>(
                std::memchr(start, '\n', size_t(m_filled - searched)))) {
            *end = searched + uint64_t(found - start);
            return true;
        }
        if (m_filled >= m_size)
            return fail("truncated at byte " + std::to_string(m_size) +
                        " while reading GLOBAL (no end of line)");
        searched = m_filled;
        if (!fill(m_filled + 1))
            return false;
    }
}

} // namespace pulc::engine::pickle
