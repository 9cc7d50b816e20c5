// libFuzzer entry for the checkpoint container check (engine/readers/archivecheck.h), which stands
// between any file given as a checkpoint and LibTorch's reader: any bytes must give either success
// or a reason, never a crash, undefined behaviour, a hang or unbounded memory. Reading the same
// bytes as a file must give the same answer. Built with clang by tests/fuzz/CMakeLists.txt.
#include "engine/readers/archivecheck.h"

#include <string>

#include <sys/mman.h>
#include <unistd.h>

namespace {

void check(bool condition)
{
    if (!condition)
        __builtin_trap();
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    using namespace pulc::engine;
    std::string why;
    const bool ok = checkTorchArchiveBytes(data, size, &why);
    check(ok == why.empty());

    static const int fd = ::memfd_create("fuzz_checkpoint", 0);
    if (fd < 0)
        return 0;
    check(::ftruncate(fd, 0) == 0);
    check(size == 0 || ::pwrite(fd, data, size, 0) == ssize_t(size));
    std::string fileWhy;
    const bool fileOk = checkTorchArchiveFile("/proc/self/fd/" + std::to_string(fd), &fileWhy);
    check(fileOk == ok && fileWhy == why);
    return 0;
}
