// Checkpoint files that are cut short or garbled: openCheckpoint() checks the zip container
// itself (engine/readers/archivecheck.h) before LibTorch's reader sees the file, so each damage
// gets a message naming the file and what is wrong, and no damage crashes the process.
#include "trainingfixture.h"

#include "engine/nets/network.h"
#include "engine/readers/archivecheck.h"
#include "engine/train/checkpoint.h"

#include "tempdirtest.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <optional>
#include <random>
#include <stdexcept>

#include <unistd.h>

namespace {

using namespace pulc::engine;
namespace fs = std::filesystem;

using Bytes = std::vector<uint8_t>;

uint64_t getLe(const Bytes &b, size_t at, int count)
{
    uint64_t v = 0;
    for (int i = count - 1; i >= 0; --i)
        v = (v << 8) | b.at(at + i);
    return v;
}

void putLe(Bytes &b, size_t at, int count, uint64_t v)
{
    for (int i = 0; i < count; ++i, v >>= 8)
        b.at(at + i) = static_cast<uint8_t>(v);
}

/// Where a zip's end records are: the classic one, and LibTorch's ZIP64 one when present.
struct EndRecords
{
    size_t end = 0;
    std::optional<size_t> zip64;
};

EndRecords endRecords(const Bytes &b)
{
    EndRecords r;
    for (size_t i = b.size() - 22;; --i) {
        if (getLe(b, i, 4) == 0x06054b50) {
            r.end = i;
            break;
        }
        if (i == 0)
            throw std::runtime_error("no end record");
    }
    if (r.end >= 20 && getLe(b, r.end - 20, 4) == 0x07064b50)
        r.zip64 = getLe(b, r.end - 20 + 8, 8);
    return r;
}

class CheckpointFileTest : public pulc::test::TempDirTest
{
protected:
    CheckpointFileTest()
        : TempDirTest("ckptfile")
    {}
    void SetUp() override
    {
        TempDirTest::SetUp();
        NetworkOptions options;
        options.name = "PPLCNet_x0_25";
        options.classes = 3;
        auto net = buildNetwork(options);
        CheckpointMeta meta;
        meta.config = pulc::test::tinyConfig();
        meta.classNames = {"a", "b", "c"};
        std::string error;
        m_good = path("good.ckpt");
        ASSERT_TRUE(saveCheckpoint(m_good, meta, *net, nullptr, nullptr, nullptr, nullptr, &error))
            << error;
        std::ifstream in(m_good, std::ios::binary);
        m_bytes.assign(std::istreambuf_iterator<char>(in), {});
    }

    /// Writes `bytes` as `name` and opens it; returns the error ("" when it opened).
    std::string openBytes(const std::string &name, const Bytes &bytes)
    {
        const std::string file = path(name);
        std::ofstream(file, std::ios::binary | std::ios::trunc)
            .write(reinterpret_cast<const char *>(bytes.data()), std::streamsize(bytes.size()));
        LoadedCheckpoint loaded;
        std::string error;
        return openCheckpoint(file, &loaded, &error) ? std::string() : error;
    }

    std::string m_good;
    Bytes m_bytes;
};

constexpr char kDamaged[] = ": the checkpoint is damaged, cut short or not a PULC Studio "
                            "checkpoint: ";

TEST_F(CheckpointFileTest, GoodCheckpointPassesTheContainerCheck)
{
    std::string why;
    EXPECT_TRUE(checkTorchArchiveFile(m_good, &why)) << why;
    EXPECT_TRUE(checkTorchArchiveBytes(m_bytes.data(), m_bytes.size(), &why)) << why;
    EXPECT_EQ(openBytes("copy.ckpt", m_bytes), "");
}

TEST_F(CheckpointFileTest, CutShortCheckpointsNameTheFileAndTheProblem)
{
    const size_t size = m_bytes.size();
    for (size_t cut : {size_t(0), size_t(21), size_t(1000), size / 2, size - 30, size - 1}) {
        const std::string name = "cut" + std::to_string(cut) + ".ckpt";
        const std::string error = openBytes(name, Bytes(m_bytes.begin(), m_bytes.begin() + cut));
        EXPECT_EQ(error.rfind(path(name) + kDamaged, 0), 0u) << error;
    }
    EXPECT_EQ(openBytes("empty.ckpt", {}),
              path("empty.ckpt") + kDamaged + "the file is too short to be a checkpoint (0 bytes)");
    EXPECT_EQ(openBytes("half.ckpt", Bytes(m_bytes.begin(), m_bytes.begin() + size / 2)),
              path("half.ckpt") + kDamaged +
                  "no zip end record at the end of the file (cut short, or not a checkpoint)");
}

TEST_F(CheckpointFileTest, GarbledDirectoryIsRefusedWithTheReason)
{
    // LibTorch may write ZIP64 end records; when present, their values are the ones readers use.
    const EndRecords records = endRecords(m_bytes);
    auto setDirectoryOffset = [&](Bytes &b, uint64_t offset) {
        if (records.zip64)
            putLe(b, *records.zip64 + 48, 8, offset);
        else
            putLe(b, records.end + 16, 4, offset);
    };
    auto setEntryCount = [&](Bytes &b, uint64_t count) {
        if (records.zip64) {
            putLe(b, *records.zip64 + 24, 8, count);
            putLe(b, *records.zip64 + 32, 8, count);
        } else {
            putLe(b, records.end + 8, 2, count);
            putLe(b, records.end + 10, 2, count);
        }
    };
    const size_t directory = records.zip64 ? getLe(m_bytes, *records.zip64 + 48, 8)
                                           : getLe(m_bytes, records.end + 16, 4);

    Bytes outside = m_bytes;
    setDirectoryOffset(outside, m_bytes.size() + 1000);
    EXPECT_EQ(openBytes("outside.ckpt", outside),
              path("outside.ckpt") + kDamaged +
                  "the zip directory lies outside the file (cut short?)");

    // More entries than the directory has room for (65000 fits the classic record too).
    Bytes many = m_bytes;
    setEntryCount(many, 65000);
    const std::string manyError = openBytes("many.ckpt", many);
    EXPECT_EQ(manyError.rfind(path("many.ckpt") + kDamaged +
                                  "the zip directory declares 65000 entries but has room",
                              0),
              0u)
        << manyError;

    // The first directory entry claims 2 GB of data.
    ASSERT_EQ(getLe(m_bytes, directory, 4), 0x02014b50u);
    const std::string firstName(reinterpret_cast<const char *>(&m_bytes[directory + 46]),
                                getLe(m_bytes, directory + 28, 2));
    Bytes huge = m_bytes;
    putLe(huge, directory + 20, 4, 0x7FFFFFF0);
    putLe(huge, directory + 24, 4, 0x7FFFFFF0);
    EXPECT_EQ(openBytes("huge.ckpt", huge), path("huge.ckpt") + kDamaged + "entry '" + firstName +
                                                "' extends past the end of the data (cut short?)");

    // No data.pkl: the archive holds no objects.
    Bytes renamed = m_bytes;
    const std::string pkl = "/data.pkl";
    for (auto it = renamed.begin();
         (it = std::search(it, renamed.end(), pkl.begin(), pkl.end())) != renamed.end(); ++it)
        *(it + 8) = 'x';
    const std::string folder = firstName.substr(0, firstName.find('/') + 1);
    EXPECT_EQ(openBytes("renamed.ckpt", renamed), path("renamed.ckpt") + kDamaged +
                                                      "the checkpoint has no '" + folder +
                                                      "data.pkl' entry");
}

// Single garbled bytes anywhere (half of them in the zip records at the end): the file opens or
// is refused naming it, and the process survives either way.
TEST_F(CheckpointFileTest, GarbledBytesNeverCrash)
{
    std::mt19937 rng(14);
    const size_t size = m_bytes.size();
    const size_t tail = std::min<size_t>(size, 4096);
    for (int trial = 0; trial < 300; ++trial) {
        Bytes garbled = m_bytes;
        const size_t at = trial % 2 ? rng() % size : size - 1 - rng() % tail;
        garbled[at] = static_cast<uint8_t>(garbled[at] ^ (1 + rng() % 255));
        const std::string error = openBytes("garbled.ckpt", garbled);
        if (!error.empty()) {
            EXPECT_EQ(error.rfind(path("garbled.ckpt") + ": ", 0), 0u) << error;
        }
    }
}

} // namespace
