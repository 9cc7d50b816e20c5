// The opcode loop of the restricted unpickler (pickleparse.h): stack, marks, memo, containers,
// strings and numbers, with every opcode a weights file does not need refused by name. Reading
// the bytes themselves is pickleinput.cpp's job.
#include "engine/readers/pickleparse.h"

#include <algorithm>
#include <array>
#include <cstring>
#include <iterator>

namespace pulc::engine::pickle {

namespace {

// Opcode bytes (CPython Lib/pickle.py names).
enum Op : uint8_t {
    MARK = '(',
    STOP = '.',
    POP = '0',
    POP_MARK = '1',
    DUP = '2',
    BININT = 'J',
    BININT1 = 'K',
    BININT2 = 'M',
    NONE = 'N',
    REDUCE = 'R',
    BINSTRING = 'T',
    SHORT_BINSTRING = 'U',
    BINUNICODE = 'X',
    APPEND = 'a',
    BUILD = 'b',
    GLOBAL = 'c',
    EMPTY_DICT = '}',
    APPENDS = 'e',
    BINGET = 'h',
    LONG_BINGET = 'j',
    EMPTY_LIST = ']',
    BINPUT = 'q',
    LONG_BINPUT = 'r',
    SETITEM = 's',
    TUPLE = 't',
    EMPTY_TUPLE = ')',
    SETITEMS = 'u',
    BINFLOAT = 'G',
    BINBYTES = 'B',
    SHORT_BINBYTES = 'C',
    PROTO = 0x80,
    NEWOBJ = 0x81,
    TUPLE1 = 0x85,
    TUPLE2 = 0x86,
    TUPLE3 = 0x87,
    NEWTRUE = 0x88,
    NEWFALSE = 0x89,
    LONG1 = 0x8a,
    SHORT_BINUNICODE = 0x8c,
    BINUNICODE8 = 0x8d,
    BINBYTES8 = 0x8e,
    STACK_GLOBAL = 0x93,
    MEMOIZE = 0x94,
    FRAME = 0x95,
    BYTEARRAY8 = 0x96,
};

struct AllowedGlobal
{
    std::string_view module;
    std::string_view name;
    Callable callable;
};

constexpr AllowedGlobal kAllowed[] = {
    {"numpy.core.multiarray", "_reconstruct", Callable::Reconstruct},
    {"numpy._core.multiarray", "_reconstruct", Callable::Reconstruct},
    {"numpy", "ndarray", Callable::NdArray},
    {"numpy", "dtype", Callable::Dtype},
    {"collections", "OrderedDict", Callable::OrderedDict},
    {"builtins", "tuple", Callable::Tuple},
    {"__builtin__", "tuple", Callable::Tuple},
    {"_codecs", "encode", Callable::Encode},
    {"builtins", "bytes", Callable::Bytes},
    {"__builtin__", "bytes", Callable::Bytes},
    {"numpy.core.numeric", "_frombuffer", Callable::FromBuffer},
    {"numpy._core.numeric", "_frombuffer", Callable::FromBuffer},
};

} // namespace

std::string_view opcodeName(uint8_t op)
{
    // Every pickle opcode (CPython Lib/pickle.py), the byte and its name at the same index.
    static constexpr char kCodes[] = "(.012FIJKLMNPQRSTUVXabcd}eghijl]opqrst)"
                                     "uGBC\x80\x81\x82\x83\x84\x85\x86\x87\x88\x89\x8a\x8b\x8c\x8d"
                                     "\x8e\x8f\x90\x91\x92\x93\x94\x95\x96\x97\x98";
    static constexpr std::string_view kNames =
        "MARK STOP POP POP_MARK DUP FLOAT INT BININT BININT1 LONG BININT2 NONE PERSID BINPERSID "
        "REDUCE STRING BINSTRING SHORT_BINSTRING UNICODE BINUNICODE APPEND BUILD GLOBAL DICT "
        "EMPTY_DICT APPENDS GET BINGET INST LONG_BINGET LIST EMPTY_LIST OBJ PUT BINPUT LONG_BINPUT "
        "SETITEM TUPLE EMPTY_TUPLE SETITEMS BINFLOAT BINBYTES SHORT_BINBYTES PROTO NEWOBJ EXT1 "
        "EXT2 EXT4 TUPLE1 TUPLE2 TUPLE3 NEWTRUE NEWFALSE LONG1 LONG4 SHORT_BINUNICODE BINUNICODE8 "
        "BINBYTES8 EMPTY_SET ADDITEMS FROZENSET NEWOBJ_EX STACK_GLOBAL MEMOIZE FRAME BYTEARRAY8 "
        "NEXT_BUFFER READONLY_BUFFER";
    // Indexed by byte, built once: the loop asks for every opcode's name.
    static const std::array<std::string_view, 256> kTable = [] {
        std::array<std::string_view, 256> table{};
        std::string_view names = kNames;
        for (size_t i = 0; i < sizeof(kCodes) - 1 && !names.empty(); ++i) {
            const size_t space = std::min(names.find(' '), names.size());
            table[uint8_t(kCodes[i])] = names.substr(0, space);
            names.remove_prefix(std::min(space + 1, names.size()));
        }
        return table;
    }();
    return kTable[op];
}

std::string printable(std::string_view text)
{
    static const char kHex[] = "0123456789abcdef";
    std::string out;
    const size_t shown = std::min<size_t>(text.size(), 80);
    for (size_t i = 0; i < shown; ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (c >= 0x20 && c < 0x7f && c != '\\') {
            out += static_cast<char>(c);
        } else {
            out += "\\x";
            out += kHex[c >> 4];
            out += kHex[c & 15];
        }
    }
    if (shown < text.size())
        out += "...";
    return out;
}

std::string kindName(Kind kind)
{
    switch (kind) {
    case Kind::None:
        return "None";
    case Kind::Bool:
        return "a bool";
    case Kind::Int:
        return "an int";
    case Kind::Float:
        return "a float";
    case Kind::Str:
        return "a str";
    case Kind::Bytes:
        return "bytes";
    case Kind::Tuple:
        return "a tuple";
    case Kind::List:
        return "a list";
    case Kind::Dict:
        return "a dict";
    case Kind::Global:
        return "a class or function";
    case Kind::Dtype:
        return "a numpy.dtype";
    case Kind::Array:
        return "a numpy.ndarray";
    }
    return "a value";
}

Unpickler::Unpickler(const uint8_t *data, size_t size, const PickleLimits &limits)
    : m_data(data)
    , m_size(size)
    , m_filled(size)
    , m_limits(limits)
{
    // The limits must stay meaningful whatever a caller passes (heights are 16 bits).
    m_limits.maxDepth = std::clamp(m_limits.maxDepth, 1, 60000);
    m_values.push_back({Kind::None, kFrozen, 0, 0, 0, 0});
    m_values.push_back({Kind::Bool, kFrozen, 0, 0, 0, 0});
    m_values.push_back({Kind::Bool, kFrozen, 0, 1, 1, 0});
}

bool Unpickler::text(uint32_t id, std::string_view *out) const
{
    const Value &v = m_values[id];
    if (v.kind != Kind::Str && !(v.kind == Kind::Bytes && (v.flags & kFromString)))
        return false;
    *out = bytes(v);
    return true;
}

bool Unpickler::fail(const std::string &problem)
{
    m_problem = problem;
    m_problemOffset = m_opOffset;
    return false;
}

size_t Unpickler::available() const
{
    return m_stack.size() - (m_marks.empty() ? 0 : m_marks.back());
}

bool Unpickler::pushId(uint32_t id)
{
    if (int64_t(m_stack.size() + m_marks.size()) >= m_limits.maxStack)
        return fail("the stack holds more than " + std::to_string(m_limits.maxStack) + " values");
    m_stack.push_back(id);
    return true;
}

bool Unpickler::push(const Value &v)
{
    m_values.push_back(v);
    return pushId(static_cast<uint32_t>(m_values.size() - 1));
}

bool Unpickler::pop(uint32_t *id, const char *op)
{
    if (available() == 0)
        return fail(std::string(op) + " with nothing on the stack (stack underflow)");
    *id = m_stack.back();
    m_stack.pop_back();
    return true;
}

bool Unpickler::popMark(size_t *from, const char *op)
{
    if (m_marks.empty())
        return fail(std::string(op) + " without a MARK before it");
    *from = m_marks.back();
    m_marks.pop_back();
    return true;
}

bool Unpickler::adopt(uint32_t child, uint16_t *height)
{
    Value &c = m_values[child];
    c.flags |= kFrozen;
    *height = std::max(*height, c.height);
    return true;
}

bool Unpickler::newContainer(Kind kind, std::vector<uint32_t> items, uint16_t height)
{
    if (height > m_limits.maxDepth)
        return fail("values nest more than " + std::to_string(m_limits.maxDepth) + " levels deep");
    m_items.push_back(std::move(items));
    return push({kind, 0, height, 0, m_items.size() - 1, 0});
}

bool Unpickler::mutableTarget(uint32_t id, Kind kind, const char *op)
{
    const Value &v = m_values[id];
    if (v.kind != kind)
        return fail(std::string(op) + " on " + kindName(v.kind) + " (it needs " + kindName(kind) +
                    ")");
    if (v.flags & kFrozen)
        return fail(std::string(op) + " on " + kindName(kind) +
                    " that is already inside another value (a cycle or a shared container)");
    return true;
}

bool Unpickler::loadGlobal(std::string_view module, std::string_view name)
{
    for (const AllowedGlobal &g : kAllowed) {
        if (g.module == module && g.name == name) {
            return push({Kind::Global, kFrozen, 0, uint32_t(g.callable), 0, 0});
        }
    }
    return fail("global " + printable(module) + "." + printable(name) +
                " is not allowed (a weights file only needs NumPy arrays)");
}

bool Unpickler::makeTuple(size_t from)
{
    std::vector<uint32_t> items(m_stack.begin() + from, m_stack.end());
    m_stack.resize(from);
    uint16_t height = 0;
    for (uint32_t id : items)
        adopt(id, &height);
    return newContainer(Kind::Tuple, std::move(items), uint16_t(height + 1));
}

bool Unpickler::setItems(size_t from, const char *op)
{
    const size_t fence = m_marks.empty() ? 0 : m_marks.back();
    if (from <= fence)
        return fail(std::string(op) + " without a dict below its items (stack underflow)");
    if ((m_stack.size() - from) % 2 != 0)
        return fail(std::string(op) + " with an odd number of keys and values");
    const uint32_t target = m_stack[from - 1];
    uint16_t height = 0;
    for (size_t i = from; i < m_stack.size(); ++i)
        adopt(m_stack[i], &height); // first, so that a dict put into itself is frozen
    if (!mutableTarget(target, Kind::Dict, op))
        return false;
    Value &t = m_values[target];
    if (height + 1 > m_limits.maxDepth)
        return fail("values nest more than " + std::to_string(m_limits.maxDepth) + " levels deep");
    t.height = std::max<uint16_t>(t.height, uint16_t(height + 1));
    std::vector<uint32_t> &items = m_items[t.a];
    items.insert(items.end(), m_stack.begin() + from, m_stack.end());
    m_stack.resize(from);
    return true;
}

bool Unpickler::appendItems(size_t from, const char *op)
{
    const size_t fence = m_marks.empty() ? 0 : m_marks.back();
    if (from <= fence)
        return fail(std::string(op) + " without a list below its items (stack underflow)");
    const uint32_t target = m_stack[from - 1];
    uint16_t height = 0;
    for (size_t i = from; i < m_stack.size(); ++i)
        adopt(m_stack[i], &height);
    if (!mutableTarget(target, Kind::List, op))
        return false;
    Value &t = m_values[target];
    if (height + 1 > m_limits.maxDepth)
        return fail("values nest more than " + std::to_string(m_limits.maxDepth) + " levels deep");
    t.height = std::max<uint16_t>(t.height, uint16_t(height + 1));
    std::vector<uint32_t> &items = m_items[t.a];
    items.insert(items.end(), m_stack.begin() + from, m_stack.end());
    m_stack.resize(from);
    return true;
}

bool Unpickler::run()
{
    if (m_size == 0)
        return fail("the file is empty");
    // Values are indexed with 32 bits and each takes at least one byte of the file.
    if (m_size > (uint64_t(1) << 32) - 16)
        return fail("the file is larger than 4 GiB");
    if (!need(1, "the first opcode"))
        return false;
    if (byteAt(0) != PROTO)
        return fail("not a pickle (a .pdparams file starts with byte 0x80, this one with '" +
                    printable(std::string_view(reinterpret_cast<const char *>(m_data), 1)) + "')");
    for (;;) {
        m_opOffset = m_pos;
        if (m_pos >= m_size)
            return fail("truncated at byte " + std::to_string(m_size) +
                        ": the pickle ends before its STOP opcode");
        if (!need(1, "an opcode"))
            return false;
        const uint8_t op = byteAt(m_pos++);
        m_opName = opcodeName(op);
        if (op == STOP) {
            if (!pop(&m_result, "STOP"))
                return false;
            const Kind kind = m_values[m_result].kind;
            if (kind != Kind::Dict)
                return fail("the pickle holds " + kindName(kind) +
                            ", not a dict from parameter names to arrays");
            return true;
        }
        if (!step(op))
            return false;
    }
}

bool Unpickler::step(uint8_t op)
{
    uint32_t a = 0, b = 0;
    size_t from = 0;
    switch (op) {
    case PROTO: {
        if (!need(1, "PROTO"))
            return false;
        const int protocol = byteAt(m_pos++);
        if (protocol < 2 || protocol > 5)
            return fail("pickle protocol " + std::to_string(protocol) +
                        " is not supported (2 to 5 are)");
        if (m_protocol == 0)
            m_protocol = protocol;
        return true;
    }
    case FRAME: {
        // Frames only help streaming readers: skip the header and read through them, so that a
        // truncated file is reported by the opcode that runs out of bytes.
        if (!need(8, "FRAME"))
            return false;
        m_pos += 8;
        return true;
    }
    case MARK:
        if (int64_t(m_stack.size() + m_marks.size()) >= m_limits.maxStack)
            return fail("the stack holds more than " + std::to_string(m_limits.maxStack) +
                        " values and marks");
        m_marks.push_back(m_stack.size());
        return true;
    case POP:
        if (available() > 0)
            m_stack.pop_back();
        else if (!m_marks.empty())
            m_marks.pop_back();
        else
            return fail("POP with nothing on the stack (stack underflow)");
        return true;
    case POP_MARK:
        if (!popMark(&from, "POP_MARK"))
            return false;
        m_stack.resize(from);
        return true;
    case DUP:
        if (available() == 0)
            return fail("DUP with nothing on the stack (stack underflow)");
        return pushId(m_stack.back());
    case EMPTY_DICT:
        return newContainer(Kind::Dict, {}, 1);
    case EMPTY_LIST:
        return newContainer(Kind::List, {}, 1);
    case EMPTY_TUPLE:
        return newContainer(Kind::Tuple, {}, 1);
    case TUPLE:
        return popMark(&from, "TUPLE") && makeTuple(from);
    case TUPLE1:
    case TUPLE2:
    case TUPLE3: {
        const size_t n = op - TUPLE1 + 1;
        if (available() < n)
            return fail(std::string(m_opName) + " with fewer than " + std::to_string(n) +
                        " values on the stack (stack underflow)");
        return makeTuple(m_stack.size() - n);
    }
    case SETITEM:
        if (available() < 3)
            return fail("SETITEM without a dict, a key and a value on the stack (stack underflow)");
        return setItems(m_stack.size() - 2, "SETITEM");
    case SETITEMS:
        return popMark(&from, "SETITEMS") && setItems(from, "SETITEMS");
    case APPEND:
        if (available() < 2)
            return fail("APPEND without a list and a value on the stack (stack underflow)");
        return appendItems(m_stack.size() - 1, "APPEND");
    case APPENDS:
        return popMark(&from, "APPENDS") && appendItems(from, "APPENDS");
    case SHORT_BINUNICODE:
        return need(1, m_opName) && loadString(Kind::Str, readLE(1), m_opName);
    case BINUNICODE:
        return need(4, m_opName) && loadString(Kind::Str, readLE(4), m_opName);
    case BINUNICODE8:
        return need(8, m_opName) && loadString(Kind::Str, readLE(8), m_opName);
    case SHORT_BINBYTES:
        return need(1, m_opName) && loadString(Kind::Bytes, readLE(1), m_opName);
    case BINBYTES:
        return need(4, m_opName) && loadString(Kind::Bytes, readLE(4), m_opName);
    case BINBYTES8:
    case BYTEARRAY8:
        return need(8, m_opName) && loadString(Kind::Bytes, readLE(8), m_opName);
    case SHORT_BINSTRING:
        return need(1, m_opName) && loadString(Kind::Bytes, readLE(1), m_opName, kFromString);
    case BINSTRING: {
        if (!need(4, m_opName))
            return false;
        const auto length = static_cast<int32_t>(static_cast<uint32_t>(readLE(4)));
        if (length < 0)
            return fail("BINSTRING with a negative length");
        return loadString(Kind::Bytes, uint64_t(length), m_opName, kFromString);
    }
    case BININT:
        if (!need(4, m_opName))
            return false;
        return push({Kind::Int, kFrozen, 0, 0, uint64_t(int64_t(int32_t(uint32_t(readLE(4))))), 0});
    case BININT1:
    case BININT2: {
        const int n = op == BININT1 ? 1 : 2;
        if (!need(n, m_opName))
            return false;
        return push({Kind::Int, kFrozen, 0, 0, readLE(n), 0});
    }
    case LONG1: {
        if (!need(1, m_opName))
            return false;
        const int n = byteAt(m_pos++);
        if (n > 8)
            return fail("LONG1 with " + std::to_string(n) +
                        " bytes: integers in a weights file fit 8 bytes");
        if (!need(n, m_opName))
            return false;
        uint64_t v = readLE(n);
        if (n > 0 && n < 8 && (v >> (8 * n - 1)) & 1)
            v |= ~uint64_t(0) << (8 * n); // sign-extend two's complement
        return push({Kind::Int, kFrozen, 0, 0, v, 0});
    }
    case BINFLOAT: {
        if (!need(8, m_opName))
            return false;
        uint64_t bits = 0;
        for (int i = 0; i < 8; ++i)
            bits = (bits << 8) | byteAt(m_pos++); // big-endian
        return push({Kind::Float, kFrozen, 0, 0, bits, 0});
    }
    case NONE:
        return pushId(kNoneId);
    case NEWTRUE:
        return pushId(kTrueId);
    case NEWFALSE:
        return pushId(kFalseId);
    case BINPUT:
    case LONG_BINPUT:
    case MEMOIZE: {
        uint32_t index = 0;
        if (op == MEMOIZE) {
            index = static_cast<uint32_t>(m_memo.size());
        } else {
            const int n = op == BINPUT ? 1 : 4;
            if (!need(n, m_opName))
                return false;
            index = static_cast<uint32_t>(readLE(n));
        }
        if (available() == 0)
            return fail(std::string(m_opName) + " with nothing on the stack (stack underflow)");
        auto it = m_memo.find(index);
        if (it != m_memo.end()) {
            it->second = m_stack.back();
            return true;
        }
        if (int64_t(m_memo.size()) >= m_limits.maxMemo)
            return fail("the memo holds more than " + std::to_string(m_limits.maxMemo) + " values");
        m_memo.emplace(index, m_stack.back());
        return true;
    }
    case BINGET:
    case LONG_BINGET: {
        const int n = op == BINGET ? 1 : 4;
        if (!need(n, m_opName))
            return false;
        const auto index = static_cast<uint32_t>(readLE(n));
        const auto it = m_memo.find(index);
        if (it == m_memo.end())
            return fail(std::string(m_opName) + " of memo entry " + std::to_string(index) +
                        ", which was never stored");
        return pushId(it->second);
    }
    case GLOBAL: {
        // Both lines first: reading the second may move the buffer.
        uint64_t start[2], end[2];
        for (int i = 0; i < 2; ++i) {
            start[i] = m_pos;
            if (!readLine(&end[i]))
                return false;
            m_pos = end[i] + 1;
        }
        auto line = [&](int i) {
            return std::string_view(reinterpret_cast<const char *>(m_data) + (start[i] - m_base),
                                    size_t(end[i] - start[i]));
        };
        return loadGlobal(line(0), line(1));
    }
    case STACK_GLOBAL: {
        std::string_view module, name;
        if (!pop(&b, "STACK_GLOBAL") || !pop(&a, "STACK_GLOBAL"))
            return false;
        if (m_values[a].kind != Kind::Str || m_values[b].kind != Kind::Str)
            return fail("STACK_GLOBAL needs two str values (module and name)");
        text(a, &module);
        text(b, &name);
        return loadGlobal(module, name);
    }
    case REDUCE:
        return reduce();
    case BUILD:
        return build();
    case NEWOBJ:
        return newObj();
    default:
        break;
    }
    const std::string_view name = opcodeName(op);
    static const char kHex[] = "0123456789abcdef";
    const std::string hex = {'0', 'x', kHex[op >> 4], kHex[op & 15]};
    if (!name.empty())
        return fail("opcode " + std::string(name) + " (" + hex +
                    ") is not allowed in a weights file");
    return fail("unknown opcode " + hex + " (a damaged file?)");
}

} // namespace pulc::engine::pickle
