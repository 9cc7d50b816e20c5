// The only "code" a weights file may run (pickleparse.h): REDUCE on NumPy's array and dtype
// constructors, OrderedDict, tuple and _codecs.encode, NEWOBJ on OrderedDict, and BUILD on
// arrays and dtypes. Every argument's type is checked; array content problems (dtype, shape
// against data) are recorded on the array and reported with its key when the dict is read.
#include "engine/readers/pickleparse.h"

#include <bit>

namespace pulc::engine::pickle {

namespace {

/// "float32", "int64", "object", ... from a NumPy type string such as "f4" or "O8".
std::string dtypeName(std::string_view descr, bool structured)
{
    if (structured)
        return "structured (" + printable(descr) + " with fields)";
    if (descr.empty())
        return "''";
    const char kind = descr[0];
    const std::string_view digits = descr.substr(1);
    int size = 0;
    bool numeric = !digits.empty() && digits.size() <= 3;
    for (size_t i = 0; numeric && i < digits.size(); ++i) {
        numeric = digits[i] >= '0' && digits[i] <= '9';
        size = size * 10 + (digits[i] - '0');
    }
    const std::string bits = numeric ? std::to_string(size * 8) : "";
    switch (kind) {
    case 'f':
        return numeric ? "float" + bits : printable(descr);
    case 'i':
        return numeric ? "int" + bits : printable(descr);
    case 'u':
        return numeric ? "uint" + bits : printable(descr);
    case 'c':
        return numeric ? "complex" + bits : printable(descr);
    case 'b':
        return "bool";
    case 'O':
        return "object";
    case 'V':
        return "void (raw records)";
    case 'U':
        return "str";
    case 'S':
        return "bytes";
    case 'M':
        return "datetime64";
    case 'm':
        return "timedelta64";
    default:
        return "'" + printable(descr) + "'";
    }
}

std::string shapeText(const std::vector<int64_t> &shape)
{
    std::string s = "[";
    for (size_t i = 0; i < shape.size(); ++i)
        s += (i ? ", " : "") + std::to_string(shape[i]);
    return s + "]";
}

} // namespace

bool Unpickler::reduce()
{
    uint32_t argsId = 0, fnId = 0;
    if (available() < 2)
        return fail("REDUCE without a callable and its arguments (stack underflow)");
    pop(&argsId, "REDUCE");
    pop(&fnId, "REDUCE");
    const Value fn = m_values[fnId];
    if (fn.kind != Kind::Global)
        return fail("REDUCE on " + kindName(fn.kind) +
                    " (only a few NumPy functions may be called)");
    Value &argsValue = m_values[argsId];
    if (argsValue.kind != Kind::Tuple)
        return fail("REDUCE arguments are " + kindName(argsValue.kind) + ", not a tuple");
    argsValue.flags |= kFrozen;
    const size_t argc = m_items[argsValue.a].size();
    // Copy the (few) argument ids: pushing new values may move m_items' vectors.
    uint32_t arg[4] = {0, 0, 0, 0};
    for (size_t i = 0; i < argc && i < 4; ++i)
        arg[i] = m_items[argsValue.a][i];
    auto kindOf = [&](int i) { return m_values[arg[i]].kind; };
    auto wrongArgs = [&](const char *function, const char *expected) {
        return fail(std::string(function) + " called with other arguments than " + expected);
    };

    switch (Callable(fn.aux)) {
    case Callable::Reconstruct: {
        if (argc != 3 || kindOf(0) != Kind::Global ||
            Callable(m_values[arg[0]].aux) != Callable::NdArray || kindOf(1) != Kind::Tuple ||
            (kindOf(2) != Kind::Bytes && kindOf(2) != Kind::Str))
            return wrongArgs("numpy _reconstruct", "(numpy.ndarray, shape, type code)");
        ArrayInfo info;
        info.offset = m_opOffset;
        info.typeName = "int8";
        info.problem = "the array was never given its data (no BUILD)";
        m_arrays.push_back(std::move(info));
        return push({Kind::Array, 0, 0, 0, m_arrays.size() - 1, 0});
    }
    case Callable::Dtype: {
        std::string_view descr;
        if (argc < 1 || argc > 3 || !text(arg[0], &descr) ||
            (argc > 1 && kindOf(1) != Kind::Bool && kindOf(1) != Kind::Int) ||
            (argc > 2 && kindOf(2) != Kind::Bool && kindOf(2) != Kind::Int))
            return wrongArgs("numpy.dtype", "(type string, align, copy)");
        DtypeInfo info;
        // NumPy writes "f4"; a leading byte order ("<f4") is accepted as the default order.
        if (!descr.empty() && std::string_view("<>=|").find(descr[0]) != std::string_view::npos) {
            info.order = descr[0];
            descr.remove_prefix(1);
        }
        info.descr = std::string(descr.substr(0, 64));
        m_dtypes.push_back(std::move(info));
        return push({Kind::Dtype, 0, 0, 0, m_dtypes.size() - 1, 0});
    }
    case Callable::OrderedDict:
        // Python 3 pickles OrderedDict as OrderedDict() followed by SETITEMS.
        if (argc != 0)
            return wrongArgs("collections.OrderedDict", "()");
        return newContainer(Kind::Dict, {}, 1);
    case Callable::Tuple: {
        if (argc != 1 || (kindOf(0) != Kind::Tuple && kindOf(0) != Kind::List))
            return wrongArgs("tuple", "one tuple or list");
        // The argument is frozen (it sits in the argument tuple), so the copy shares its items.
        const Value source = m_values[arg[0]];
        return push({Kind::Tuple, kFrozen, source.height, 0, source.a, 0});
    }
    case Callable::Encode:
        if (argc != 2 || kindOf(0) != Kind::Str || kindOf(1) != Kind::Str)
            return wrongArgs("_codecs.encode", "(str, 'latin1')");
        return encode(arg[0], arg[1]);
    case Callable::Bytes:
        if (argc != 0)
            return wrongArgs("bytes", "()");
        return push({Kind::Bytes, kFrozen, 0, 0, 0, 0});
    case Callable::FromBuffer: {
        std::string_view order;
        if (argc != 4 || kindOf(0) != Kind::Bytes || kindOf(1) != Kind::Dtype ||
            kindOf(2) != Kind::Tuple || !text(arg[3], &order) || (order != "C" && order != "F"))
            return wrongArgs("numpy _frombuffer", "(bytes, dtype, shape, 'C' or 'F')");
        ArrayInfo info;
        if (!setArray(&info, arg[2], arg[1], order == "F", arg[0]))
            return false;
        m_arrays.push_back(std::move(info));
        return push({Kind::Array, kBuilt, 0, 0, m_arrays.size() - 1, 0});
    }
    case Callable::NdArray:
        break;
    }
    return fail("numpy.ndarray cannot be called directly");
}

bool Unpickler::encode(uint32_t source, uint32_t encoding)
{
    const std::string_view name = bytes(m_values[encoding]);
    if (name != "latin1" && name != "latin-1" && name != "iso-8859-1" && name != "iso8859-1")
        return fail("_codecs.encode with encoding '" + printable(name) +
                    "' (protocol 2 bytes use latin1)");
    // A memoised string encoded again gives the same bytes: no second copy.
    if (const auto it = m_encoded.find(source); it != m_encoded.end())
        return pushId(it->second);
    const std::string_view utf8 = bytes(m_values[source]);
    std::string out;
    out.reserve(utf8.size());
    for (size_t i = 0; i < utf8.size(); ++i) {
        const auto c = static_cast<unsigned char>(utf8[i]);
        if (c < 0x80) {
            out += static_cast<char>(c);
            continue;
        }
        // Code points 0x80..0xff are the two-byte sequences C2 80 .. C3 BF.
        const auto next = i + 1 < utf8.size() ? static_cast<unsigned char>(utf8[i + 1]) : 0;
        if ((c != 0xc2 && c != 0xc3) || (next & 0xc0) != 0x80)
            return fail("_codecs.encode of a string that is not latin1 (byte " + std::to_string(i) +
                        " of the string)");
        out += static_cast<char>(((c & 0x1f) << 6) | (next & 0x3f));
        ++i;
    }
    m_owned.push_back(std::move(out));
    const uint64_t length = m_owned.back().size();
    if (!push({Kind::Bytes, kFrozen | kOwned, 0, 0, m_owned.size() - 1, length}))
        return false;
    m_encoded.emplace(source, m_stack.back());
    return true;
}

bool Unpickler::newObj()
{
    uint32_t argsId = 0, clsId = 0;
    if (available() < 2)
        return fail("NEWOBJ without a class and its arguments (stack underflow)");
    pop(&argsId, "NEWOBJ");
    pop(&clsId, "NEWOBJ");
    const Value cls = m_values[clsId];
    const Value args = m_values[argsId];
    m_values[argsId].flags |= kFrozen;
    if (cls.kind != Kind::Global || Callable(cls.aux) != Callable::OrderedDict ||
        args.kind != Kind::Tuple || !m_items[args.a].empty())
        return fail("NEWOBJ is only allowed as collections.OrderedDict.__new__ without arguments");
    return newContainer(Kind::Dict, {}, 1);
}

bool Unpickler::build()
{
    uint32_t stateId = 0;
    if (available() < 2)
        return fail("BUILD without an object and its state (stack underflow)");
    pop(&stateId, "BUILD");
    const uint32_t target = m_stack.back();
    const Value t = m_values[target];
    if (t.kind != Kind::Array && t.kind != Kind::Dtype)
        return fail("BUILD on " + kindName(t.kind) +
                    " (only NumPy arrays and dtypes take a state here)");
    if (t.flags & (kFrozen | kBuilt))
        return fail("BUILD on " + kindName(t.kind) + " that was already built or is in use");
    uint16_t ignored = 0;
    adopt(stateId, &ignored);
    m_values[target].flags |= kBuilt;
    if (t.kind == Kind::Dtype)
        return buildDtype(target, stateId);

    // ndarray.__setstate__: (version 1, shape, dtype, is_fortran, raw data), or without version.
    const Value state = m_values[stateId];
    const size_t n = state.kind == Kind::Tuple ? m_items[state.a].size() : 0;
    if (n != 4 && n != 5)
        return fail("array state is " + kindName(state.kind) +
                    ", not (version, shape, dtype, is_fortran, data)");
    const std::vector<uint32_t> s(m_items[state.a].begin() + (n == 5 ? 1 : 0),
                                  m_items[state.a].end());
    if (n == 5) {
        const Value version = m_values[m_items[state.a][0]];
        if (version.kind != Kind::Int || version.a != 1)
            return fail("array state version is not 1");
    }
    const Value fortran = m_values[s[2]];
    if (fortran.kind != Kind::Bool && fortran.kind != Kind::Int)
        return fail("array state has " + kindName(fortran.kind) + " for is_fortran");
    return setArray(&m_arrays[t.a], s[0], s[1], fortran.a != 0, s[3]);
}

bool Unpickler::buildDtype(uint32_t target, uint32_t stateId)
{
    // (version, byte order, subarray, names, fields, elsize, alignment, flags[, metadata])
    const Value state = m_values[stateId];
    const size_t n = state.kind == Kind::Tuple ? m_items[state.a].size() : 0;
    if (n != 8 && n != 9)
        return fail("dtype state is not a tuple of 8 or 9 items (versions 3 and 4)");
    const std::vector<uint32_t> &s = m_items[state.a];
    const Value version = m_values[s[0]];
    std::string_view order;
    if (version.kind != Kind::Int || (version.a != 3 && version.a != 4))
        return fail("dtype state version is not 3 or 4");
    if (!text(s[1], &order) || order.size() != 1 ||
        std::string_view("<>=|").find(order[0]) == std::string_view::npos)
        return fail("dtype byte order is not one of < > = |");
    for (int i = 5; i < 8; ++i)
        if (m_values[s[i]].kind != Kind::Int)
            return fail("dtype state has " + kindName(m_values[s[i]].kind) + " for a size");
    DtypeInfo &info = m_dtypes[m_values[target].a];
    info.order = order[0];
    info.structured = m_values[s[2]].kind != Kind::None || m_values[s[3]].kind != Kind::None ||
                      m_values[s[4]].kind != Kind::None;
    return true;
}

bool Unpickler::setArray(ArrayInfo *info, uint32_t shapeId, uint32_t dtypeId, bool fortran,
                         uint32_t dataId)
{
    const Value shape = m_values[shapeId];
    const Value dtype = m_values[dtypeId];
    const Value data = m_values[dataId];
    if (shape.kind != Kind::Tuple)
        return fail("array shape is " + kindName(shape.kind) + ", not a tuple");
    if (dtype.kind != Kind::Dtype)
        return fail("array dtype is " + kindName(dtype.kind) + ", not a numpy.dtype");
    m_values[dtypeId].flags |= kFrozen;
    const DtypeInfo &type = m_dtypes[dtype.a];
    info->offset = m_opOffset;
    info->fortran = fortran;
    info->data = dataId;
    info->shape.clear();
    info->problem.clear();
    info->typeName = dtypeName(type.descr, type.structured);
    info->itemSize = 0;
    if (!type.structured && (type.descr == "f2" || type.descr == "f4" || type.descr == "f8"))
        info->itemSize = type.descr[1] - '0';
    const bool nativeBig = std::endian::native == std::endian::big;
    info->bigEndian = type.order == '>' || (type.order != '<' && nativeBig);

    // The number of dimensions first: a long tuple is refused without walking it.
    const std::vector<uint32_t> &dims = m_items[shape.a];
    if (int64_t(dims.size()) > m_limits.maxArrayDims) {
        info->problem = "the array has " + std::to_string(dims.size()) + " dimensions (at most " +
                        std::to_string(m_limits.maxArrayDims) + ")";
        return true;
    }
    for (uint32_t id : dims) {
        if (m_values[id].kind != Kind::Int)
            return fail("array shape holds " + kindName(m_values[id].kind) + ", not an int");
        info->shape.push_back(static_cast<int64_t>(m_values[id].a));
    }
    if (info->itemSize == 0) {
        info->problem = "dtype " + info->typeName +
                        " is not supported (weights must be float16, float32 or float64)";
        return true;
    }
    if (data.kind != Kind::Bytes) {
        info->problem =
            "the " + info->typeName + " data is " + kindName(data.kind) + ", not raw bytes";
        return true;
    }
    // Elements, with overflow checks; bounded well below 2^63 bytes.
    constexpr uint64_t kMaxElements = uint64_t(1) << 56;
    uint64_t elements = 1;
    bool zero = false;
    for (int64_t d : info->shape) {
        if (d < 0) {
            info->problem = "shape " + shapeText(info->shape) + " has a negative dimension";
            return true;
        }
        if (d == 0) {
            zero = true;
            continue;
        }
        if (uint64_t(d) > kMaxElements / elements) {
            info->problem = "shape " + shapeText(info->shape) + " is too large";
            return true;
        }
        elements *= uint64_t(d);
    }
    const uint64_t needed = zero ? 0 : elements * uint64_t(info->itemSize);
    if (needed != data.b)
        info->problem = "shape " + shapeText(info->shape) + " needs " + std::to_string(needed) +
                        " bytes, the data has " + std::to_string(data.b);
    return true;
}

} // namespace pulc::engine::pickle
