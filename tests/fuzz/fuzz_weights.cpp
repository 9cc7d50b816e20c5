// libFuzzer entry for the weights reader (engine/readers/weightsfile.h): any bytes must give either
// arrays that fit their shapes or an error naming the source, never a crash, a leak, undefined
// behaviour, a hang or unbounded memory. Reading the same bytes as a file (in small pieces, with
// byte strings left in the file, sizes taken from the input) must give the same result, and what
// was read must survive encodeWeights() and a second read unchanged. Built with clang by
// tests/fuzz/CMakeLists.txt.
#include "engine/readers/pickleparse.h"
#include "engine/readers/weightsfile.h"

#include <cstring>
#include <set>

#include <sys/mman.h>
#include <unistd.h>

namespace {

using namespace pulc::engine;

void check(bool condition)
{
    if (!condition)
        __builtin_trap();
}

uint64_t elements(const std::vector<int64_t> &shape)
{
    uint64_t n = 1;
    for (int64_t d : shape) {
        check(d >= 0);
        n *= uint64_t(d);
    }
    return n;
}

bool same(const WeightsFile &a, const WeightsFile &b)
{
    if (a.protocol != b.protocol || a.skipped != b.skipped || a.arrays.size() != b.arrays.size())
        return false;
    for (size_t i = 0; i < a.arrays.size(); ++i) {
        const NamedArray &x = a.arrays[i], &y = b.arrays[i];
        if (x.name != y.name || x.shape != y.shape || x.sourceType != y.sourceType ||
            x.data.size() != y.data.size() ||
            (!x.data.empty() &&
             std::memcmp(x.data.data(), y.data.data(), x.data.size() * sizeof(float)) != 0))
            return false;
    }
    return true;
}

/// The same bytes read through a file descriptor, as readWeightsFile() does.
void checkFileReading(const uint8_t *data, size_t size, bool ok, const WeightsFile &file,
                      const std::string &error)
{
    static const int fd = ::memfd_create("fuzz_weights", 0);
    if (fd < 0 || size == 0)
        return;
    check(::ftruncate(fd, 0) == 0 && ::pwrite(fd, data, size, 0) == ssize_t(size));
    const size_t deferMin = 1 + data[0] % 64;
    const size_t readAhead = 1 + data[size - 1] % 32;
    WeightsFile viaFile;
    std::string fileError;
    const bool fileOk =
        pickle::readWeightsFd(fd, "fuzz", &viaFile, &fileError, {}, deferMin, readAhead);
    check(fileOk == ok);
    check(ok ? same(file, viaFile) : fileError == error);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    WeightsFile file;
    std::string error;
    const bool ok = parseWeights(data, size, "fuzz", &file, &error);
    checkFileReading(data, size, ok, file, error);
    if (!ok) {
        check(error.rfind("fuzz: ", 0) == 0);
        return 0;
    }
    check(file.protocol >= 2 && file.protocol <= 5);
    std::set<std::string> names;
    for (const NamedArray &a : file.arrays) {
        check(a.shape.size() <= 8);
        check(elements(a.shape) == a.data.size());
        names.insert(a.name);
    }
    if (names.size() != file.arrays.size())
        return 0; // "a.b" given both nested and flat: a second read keeps one of them
    const std::vector<uint8_t> encoded = encodeWeights(file.arrays);
    WeightsFile again;
    check(parseWeights(encoded.data(), encoded.size(), "again", &again, &error));
    check(again.arrays.size() == file.arrays.size() && again.skipped.empty());
    for (size_t i = 0; i < file.arrays.size(); ++i) {
        check(again.arrays[i].name == file.arrays[i].name);
        check(again.arrays[i].shape == file.arrays[i].shape);
        check(again.arrays[i].data.size() == file.arrays[i].data.size());
        check(file.arrays[i].data.empty() ||
              std::memcmp(again.arrays[i].data.data(), file.arrays[i].data.data(),
                          file.arrays[i].data.size() * sizeof(float)) == 0);
    }
    return 0;
}
