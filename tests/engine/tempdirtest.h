#pragma once
// A fresh temporary folder for each test: <tmp>/pulc_<prefix>_<pid>_<test name>, made empty in
// SetUp and removed in TearDown, so tests that write files run side by side (ctest -j) without
// meeting each other's files.

#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <utility>

#include <unistd.h>

namespace pulc::test {

class TempDirTest : public ::testing::Test
{
protected:
    explicit TempDirTest(std::string prefix)
        : m_prefix(std::move(prefix))
    {}

    void SetUp() override
    {
        m_dir = std::filesystem::temp_directory_path() /
                ("pulc_" + m_prefix + "_" + std::to_string(::getpid()) + "_" +
                 ::testing::UnitTest::GetInstance()->current_test_info()->name());
        std::filesystem::remove_all(m_dir);
        std::filesystem::create_directories(m_dir);
    }
    void TearDown() override { std::filesystem::remove_all(m_dir); }

    /// `name` inside the test's folder.
    std::string path(const std::string &name) const { return (m_dir / name).string(); }

    std::filesystem::path m_dir;

private:
    std::string m_prefix;
};

} // namespace pulc::test
