#pragma once
// Public, and free of Torch and Qt (plain C++ only), so the fuzz target builds it alone with
// clang: PaddleClas weight files (.pdparams), read and written safely.
//
// A .pdparams file is a Python pickle (protocols 2 to 5) of a dict from parameter name to a NumPy
// array (docs/paddleclas-compat.md, 'Weight files'). A pickle is a program for Python's unpickler;
// this reader runs only the opcodes and the few globals such a file needs (NumPy's array
// reconstruction and dtype, NumPy's _frombuffer for protocol 5 arrays, collections.OrderedDict,
// builtins.tuple for Paddle's (name, ndarray) pairs, _codecs.encode and bytes() for protocol 2
// bytes), each with checked arguments, and refuses everything else with a message. Nothing in a
// file can run code, recurse without bound, or crash, and memory stays proportional to the file:
// the arrays (at most 4x the file plus 16 MB, shared arrays included), plus bookkeeping of at most
// about 70 bytes per byte of the file (reached by a file of nothing but empty lists, on which
// CPython's unpickler spends as much). The implementation is split: pickleparse.h (internal) says
// where.

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace pulc::engine {

/// One array of a weights file, converted to float32 in C order and native byte order.
struct NamedArray
{
    std::string name;           ///< the dict key; nested dicts give "outer.inner"
    std::vector<int64_t> shape; ///< empty for a 0-d array
    std::vector<float> data;    ///< product(shape) values, C (row-major) order
    std::string sourceType;     ///< as stored: "float32", "float16 big-endian", "float64 Fortran"
};

/// The arrays of one file, in file order.
struct WeightsFile
{
    std::vector<NamedArray> arrays;
    /// Keys that held no array and were skipped, e.g. "StructuredToParameterName@@" or a
    /// number; their names, in file order.
    std::vector<std::string> skipped;
    int protocol = 0; ///< the pickle protocol the file declared
};

/// Bounds on what a file may make the reader do. The defaults fit every real weights file.
struct PickleLimits
{
    int maxDepth = 32;           ///< nesting of containers (lists, tuples, dicts)
    int64_t maxStack = 1 << 20;  ///< values on the unpickler's stack (and marks)
    int64_t maxMemo = 1 << 20;   ///< memo entries
    int64_t maxArrays = 1 << 20; ///< arrays in one file
    int64_t maxArrayDims = 8;    ///< dimensions of one array
};

/// Reads `data` (the whole file, `size` bytes). False with `error` naming `sourceName`, the
/// byte offset and the problem (unknown or forbidden opcode, forbidden global with its module
/// and name, truncated data, a shape that does not match the data, an unsupported dtype, too
/// deep, ...). Supported dtypes: float16, float32, float64 ('<', '>', '=' and '|' byte orders),
/// C and Fortran order; anything else is refused naming the key. A key given twice keeps its
/// first place and its last value, as in Python. Values that are not arrays (numbers, strings,
/// lists, ...) are skipped and listed in `skipped`; so are arrays inside them, unchecked.
/// Never throws. `out` is only changed on success.
bool parseWeights(const uint8_t *data, size_t size, const std::string &sourceName, WeightsFile *out,
                  std::string *error, const PickleLimits &limits = {});

/// Reads the file at `path` like parseWeights(), but in pieces: array data goes from the file
/// straight into the arrays (one copy, no buffer of the whole file). A missing, unreadable or
/// empty file, or one that changes while it is read, gives an error naming it.
bool readWeightsFile(const std::string &path, WeightsFile *out, std::string *error,
                     const PickleLimits &limits = {});

/// Encodes `arrays` as a pickle that `pickle.load` (with NumPy) and paddle.load read back: a
/// protocol 4 dict from name to float32 little-endian C-order ndarray, in the given order,
/// built with the same opcode subset the reader accepts (no framing). Each array's data must
/// hold product(shape) values: writeWeightsFile() checks that, this function does not.
std::vector<uint8_t> encodeWeights(const std::vector<NamedArray> &arrays);

/// Writes encodeWeights() to `path` atomically (temporary file in the same folder, fsync,
/// rename): a failure (a full disk) leaves any old file as it was. False with `error` naming
/// the file, also when an array's data does not fit its shape.
bool writeWeightsFile(const std::string &path, const std::vector<NamedArray> &arrays,
                      std::string *error);

/// Whether the first bytes look like a pickle (0x80 then a protocol byte 2..5).
bool looksLikePickle(const uint8_t *data, size_t size);

} // namespace pulc::engine
