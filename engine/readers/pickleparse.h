#pragma once
// Internal to engine/ and the fuzz target (plain C++, no Torch, no Qt): the restricted
// unpickler behind parseWeights() (weightsfile.h), split from the public functions so each file
// has one job: pickleinput.cpp reads the bytes (from memory or a file), pickleparse.cpp runs
// the opcodes, pickleobjects.cpp the few permitted globals (REDUCE, BUILD, NEWOBJ), and
// pickleflatten.cpp turns the resulting dict into NamedArrays.
//
// Values live in one arena and refer to each other by index: freeing them never recurses, the
// memo and the stack hold plain indices, and a huge memo index costs one hash entry. A
// container becomes immutable ("frozen") as soon as it is put inside another value or passed as
// an argument, which rules out cycles and lets copies share storage.

#include "engine/readers/weightsfile.h"

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace pulc::engine::pickle {

enum class Kind : uint8_t {
    None,
    Bool,
    Int,
    Float,
    Str,
    Bytes,
    Tuple,
    List,
    Dict,
    Global,
    Dtype,
    Array
};

/// The globals a weights file may name; anything else is refused when the opcode is read.
enum class Callable : uint8_t {
    Reconstruct, ///< numpy.core.multiarray._reconstruct (NumPy 2: numpy._core...)
    NdArray,     ///< numpy.ndarray, only as _reconstruct's first argument
    Dtype,       ///< numpy.dtype
    OrderedDict, ///< collections.OrderedDict
    Tuple,       ///< builtins.tuple / __builtin__.tuple (Paddle's (name, ndarray) pairs)
    Encode,      ///< _codecs.encode(str, 'latin1'): protocol 2 bytes
    Bytes,       ///< builtins.bytes() / __builtin__.bytes(): protocol 2's empty bytes
    FromBuffer,  ///< numpy.core.numeric._frombuffer: NumPy's protocol 5 arrays (in-band only)
};

enum ValueFlag : uint8_t {
    kFrozen = 1,     ///< inside another value or used as an argument: no more changes
    kOwned = 2,      ///< Str/Bytes: bytes in Unpickler::m_owned, not in the file
    kBuilt = 4,      ///< Dtype/Array: BUILD (or _frombuffer) gave it its state
    kFromString = 8, ///< Bytes from (SHORT_)BINSTRING: Python 2 str, usable as text too
    kDeferred = 16,  ///< Bytes left in the file (a = file offset): fetched into the array
};

/// One value. 24 bytes, so bookkeeping stays a small multiple of the file size.
struct Value
{
    Kind kind = Kind::None;
    uint8_t flags = 0;
    uint16_t height = 0; ///< containers: how deeply they nest (1 for one level), else 0
    uint32_t aux = 0;    ///< Global: its Callable; Bool: 0 or 1
    uint64_t a = 0;      ///< Int value, Float bits, Str/Bytes buffer offset, owned index or file
                         ///< offset, items index, Dtype/Array table index
    uint64_t b = 0;      ///< Str/Bytes length
};

/// What numpy.dtype(...) plus its BUILD said.
struct DtypeInfo
{
    std::string descr;       ///< as given: "f4", "i8", "O8", "V8"
    char order = '=';        ///< '<', '>', '=' or '|'
    bool structured = false; ///< fields or a subarray: never a plain float array
};

/// An ndarray as far as the file described it; checked when built, converted when flattened.
struct ArrayInfo
{
    std::vector<int64_t> shape;
    uint32_t data = 0;   ///< value index of the raw bytes
    uint64_t offset = 0; ///< byte of the opcode that gave the state (for messages)
    int itemSize = 0;    ///< 2, 4 or 8 for a supported float dtype, else 0
    bool bigEndian = false;
    bool fortran = false;
    std::string typeName; ///< "float32", "int64", "object", ...
    std::string problem;  ///< why it cannot be read ("" when it can), named with its key later
};

/// Runs a pickle's opcodes without ever calling code. Construct, run(), then read the result.
class Unpickler
{
public:
    /// Over a whole file in memory.
    Unpickler(const uint8_t *data, size_t size, const PickleLimits &limits);
    /// Over an open file of `size` bytes, read as needed (at least `readAhead` bytes at a time).
    /// Byte strings of `deferMin` bytes or more are not read but left in the file, so array
    /// data goes straight from the file into the arrays (see fetch()).
    Unpickler(int fd, uint64_t size, size_t deferMin, size_t readAhead, const PickleLimits &limits);

    /// Runs up to STOP. False with problem() and problemOffset() set.
    bool run();

    uint32_t result() const { return m_result; }
    int protocol() const { return m_protocol; }
    const std::string &problem() const { return m_problem; }
    uint64_t problemOffset() const { return m_problemOffset; }

    const Value &value(uint32_t id) const { return m_values[id]; }
    const std::vector<uint32_t> &items(const Value &v) const { return m_items[v.a]; }
    /// The bytes of a Str or Bytes value (UTF-8 for Str); empty for a deferred one.
    std::string_view bytes(const Value &v) const;
    /// Copies the bytes of a Str or Bytes value, deferred or not, to `out` (v.b bytes). False
    /// when the file changed since it was opened.
    bool fetch(const Value &v, void *out) const;
    const ArrayInfo &array(const Value &v) const { return m_arrays[v.a]; }
    /// A Str, or a Python 2 str (BINSTRING), as text; false for anything else.
    bool text(uint32_t id, std::string_view *out) const;

private:
    bool step(uint8_t op);
    bool fail(const std::string &problem);
    bool need(uint64_t n, std::string_view what);
    bool fill(uint64_t end);
    uint8_t byteAt(uint64_t position) const { return m_data[position - m_base]; }
    uint64_t readLE(int n);
    bool readLine(uint64_t *end);

    bool push(const Value &v);
    bool pushId(uint32_t id);
    size_t available() const;
    bool pop(uint32_t *id, const char *op);
    bool popMark(size_t *from, const char *op);

    bool newContainer(Kind kind, std::vector<uint32_t> items, uint16_t height);
    bool adopt(uint32_t child, uint16_t *height);
    bool mutableTarget(uint32_t id, Kind kind, const char *op);

    bool loadString(Kind kind, uint64_t length, std::string_view op, uint8_t flags = 0);
    bool loadGlobal(std::string_view module, std::string_view name);
    bool makeTuple(size_t from);
    bool setItems(size_t from, const char *op);
    bool appendItems(size_t from, const char *op);

    // pickleobjects.cpp
    bool reduce();
    bool newObj();
    bool build();
    bool encode(uint32_t source, uint32_t encoding);
    bool buildDtype(uint32_t target, uint32_t state);
    bool setArray(ArrayInfo *info, uint32_t shape, uint32_t dtype, bool fortran, uint32_t data);

    // The file's bytes [m_base + i] are at m_data[i], up to m_filled; in memory m_base is 0 and
    // m_filled is m_size. Reading a file, m_data is m_buffer and deferred strings move m_base.
    const uint8_t *m_data = nullptr;
    uint64_t m_size = 0;
    uint64_t m_base = 0;
    uint64_t m_filled = 0;
    int m_fd = -1;
    size_t m_deferMin = 0;
    size_t m_readAhead = 0;
    std::vector<uint8_t> m_buffer;
    PickleLimits m_limits;
    uint64_t m_pos = 0; ///< the next byte of the file to run
    uint64_t m_opOffset = 0;
    std::string_view m_opName;
    int m_protocol = 0;
    uint32_t m_result = 0;
    std::string m_problem;
    uint64_t m_problemOffset = 0;

    std::vector<Value> m_values;
    std::vector<std::vector<uint32_t>> m_items;
    std::vector<std::string> m_owned;
    std::vector<DtypeInfo> m_dtypes;
    std::vector<ArrayInfo> m_arrays;
    std::vector<uint32_t> m_stack;
    std::vector<size_t> m_marks;
    std::unordered_map<uint32_t, uint32_t> m_memo;
    /// _codecs.encode results by source string, so re-encoding a memoised string costs nothing.
    std::unordered_map<uint32_t, uint32_t> m_encoded;
};

/// The value indices every Unpickler creates first.
constexpr uint32_t kNoneId = 0;
constexpr uint32_t kFalseId = 1;
constexpr uint32_t kTrueId = 2;

/// The name of opcode `op` ("BINUNICODE"), or "" for a byte that is no opcode.
std::string_view opcodeName(uint8_t op);

/// File text made printable and short for messages (\xNN escapes, at most ~80 characters).
std::string printable(std::string_view text);

/// "a dict", "a list", ... for messages.
std::string kindName(Kind kind);

/// Asks the kernel to map fresh memory in one call instead of one page fault per page (Linux
/// MADV_POPULATE_WRITE, a quarter of the time of a 40 MB read); a no-op elsewhere or when small.
void prefault(void *memory, size_t bytes);

/// Runs and flattens an unpickler (parseWeights() and the reading of a file share this).
bool unpickleWeights(Unpickler &unpickler, uint64_t size, const std::string &sourceName,
                     const PickleLimits &limits, WeightsFile *out, std::string *error);

/// readWeightsFile() on an open file with the given read sizes (tests and the fuzz target use
/// tiny ones to exercise refills and deferred strings).
bool readWeightsFd(int fd, const std::string &sourceName, WeightsFile *out, std::string *error,
                   const PickleLimits &limits, size_t deferMin, size_t readAhead);

/// Turns the unpickled top-level dict into arrays (nested dicts as "outer.inner"). `budget`
/// bounds the bytes of names and floats produced, so shared values cannot multiply the output.
/// False with `problem` and `offset` on the first unreadable array, named by its key.
bool flattenWeights(const Unpickler &unpickler, const PickleLimits &limits, uint64_t budget,
                    WeightsFile *out, std::string *problem, uint64_t *offset);

} // namespace pulc::engine::pickle
