#pragma once

// Where the tests find the project's shared reference files (PaddleClas demo images, deploy
// configs and label lists, the PyTorch reference model): `../shared` beside the checkout on the
// developers' machines and in CI, absent in a user's clone.
//
// One setting decides where: the environment variable PULC_SHARED_DIR, else the CMake cache
// variable of the same name (default: the source tree's ../shared), compiled in. Never an
// absolute path of one machine.
//
// A test that needs a shared file asks with PULC_NEED_SHARED(relative path). Where the file is
// missing the test is skipped with a message naming the path, so a clone on its own passes; under
// CI (environment variable CI set, as CI and fresh-debian-check do) a missing file fails the
// test instead, so the tests that need ../shared cannot silently stop running there.

#include <gtest/gtest.h>

#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <string>

#ifndef PULC_SHARED_DIR
#error "PULC_SHARED_DIR must be defined by tests/CMakeLists.txt"
#endif

namespace pulc::test {

/// The shared folder, normalised (no `..`); it may not exist.
inline std::string sharedDir()
{
    const char *env = std::getenv("PULC_SHARED_DIR");
    const std::filesystem::path dir = env && *env ? env : PULC_SHARED_DIR;
    std::string s = dir.lexically_normal().string();
    while (s.size() > 1 && s.back() == '/')
        s.pop_back();
    return s;
}

/// `relative` inside the shared folder.
inline std::string sharedPath(const std::string &relative)
{
    return sharedDir() + "/" + relative;
}

/// True under CI, where the shared folder is always laid beside the clone.
inline bool sharedRequired()
{
    const char *ci = std::getenv("CI");
    return ci && *ci && std::strcmp(ci, "0") != 0 && std::strcmp(ci, "false") != 0;
}

} // namespace pulc::test

/// Skips the current test (fails it under CI) when `relative` is missing from the shared folder.
/// Use in a test body or SetUp().
#define PULC_NEED_SHARED(relative)                                                                 \
    do {                                                                                           \
        const std::string pulcNeedSharedPath_ = ::pulc::test::sharedPath(relative);                \
        if (!std::filesystem::exists(pulcNeedSharedPath_)) {                                       \
            if (::pulc::test::sharedRequired())                                                    \
                FAIL() << "shared test data missing under CI: " << pulcNeedSharedPath_;            \
            else                                                                                   \
                GTEST_SKIP() << "shared test data not found: " << pulcNeedSharedPath_              \
                             << " (set PULC_SHARED_DIR to the folder holding data/ and bench/)";   \
        }                                                                                          \
    } while (0)
