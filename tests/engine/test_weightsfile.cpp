// The .pdparams reader and writer (weightsfile.h): files written by Python's pickle and NumPy
// (fixtures/make_pickles.py) read back bit for bit, dtype and order conversions are exact, every
// hostile or damaged file is refused with its name and the reason (and never runs anything),
// and what we write reads back here and in Python.
#include "engine/readers/pickleparse.h"
#include "engine/readers/weightsfile.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace {

using namespace pulc::engine;
namespace fs = std::filesystem;

const char *kPython = "/usr/bin/python3";

uint32_t bitsOf(float f)
{
    uint32_t b;
    std::memcpy(&b, &f, 4);
    return b;
}

std::string hexBits(const std::vector<float> &values)
{
    std::string s;
    char buf[16];
    for (float v : values) {
        std::snprintf(buf, sizeof buf, "%s%08x", s.empty() ? "" : " ", bitsOf(v));
        s += buf;
    }
    return s;
}

std::string shapeText(const std::vector<int64_t> &shape)
{
    std::string s;
    for (int64_t d : shape)
        s += (s.empty() ? "" : ",") + std::to_string(d);
    return s.empty() ? "-" : s;
}

/// Runs a shell command; its output (stdout and stderr) and exit status.
std::string runCommand(const std::string &command, int *status)
{
    std::string out;
    FILE *pipe = ::popen((command + " 2>&1").c_str(), "r");
    if (!pipe) {
        *status = -1;
        return out;
    }
    char buf[4096];
    size_t n;
    while ((n = std::fread(buf, 1, sizeof buf, pipe)) > 0)
        out.append(buf, n);
    *status = ::pclose(pipe);
    return out;
}

/// "" when /usr/bin/python3 with NumPy can run, else why not (the reason a test skips).
std::string pythonMissing()
{
    if (::access(kPython, X_OK) != 0)
        return std::string(kPython) + " is missing";
    int status = 0;
    runCommand(std::string(kPython) + " -c 'import numpy'", &status);
    return status == 0 ? "" : std::string(kPython) + " has no numpy (python3-numpy)";
}

std::vector<uint8_t> bytesOf(std::string_view s)
{
    return {s.begin(), s.end()};
}

bool parse(const std::vector<uint8_t> &bytes, WeightsFile *out, std::string *error,
           const PickleLimits &limits = {})
{
    return parseWeights(bytes.data(), bytes.size(), "w.pdparams", out, error, limits);
}

// ---- fixtures written by Python ------------------------------------------------------------

struct ExpectedArray
{
    std::string name, sourceType, shape, bits;
};

struct ExpectedFile
{
    int protocol = 0;
    std::vector<ExpectedArray> arrays;
    std::vector<std::string> skipped;
};

class WeightsFileFixtures : public ::testing::Test
{
public:
    static void SetUpTestSuite()
    {
        s_skip = pythonMissing();
        if (!s_skip.empty())
            return;
        s_dir = fs::temp_directory_path() / ("pulc_pickles_" + std::to_string(::getpid()));
        fs::remove_all(s_dir);
        fs::create_directories(s_dir);
        s_marker = s_dir / "ran-code-marker";
        int status = 0;
        const std::string output = runCommand(
            std::string(kPython) + " " + PULC_SOURCE_DIR "/tests/engine/fixtures/make_pickles.py " +
                (s_dir / "files").string() + " " + s_marker.string(),
            &status);
        s_generatorOutput = output;
        std::ifstream manifest(s_dir / "files" / "manifest.txt");
        std::string line, current;
        while (std::getline(manifest, line)) {
            std::istringstream in(line);
            std::string kind;
            in >> kind;
            if (kind == "file") {
                in >> current;
                in >> s_expected[current].protocol;
            } else if (kind == "array") {
                ExpectedArray a;
                in >> a.name >> a.sourceType >> a.shape;
                std::replace(a.sourceType.begin(), a.sourceType.end(), '_', ' ');
                std::getline(in >> std::ws, a.bits);
                s_expected[current].arrays.push_back(a);
            } else if (kind == "skipped") {
                std::string key;
                in >> key;
                s_expected[current].skipped.push_back(key);
            }
        }
    }
    static void TearDownTestSuite()
    {
        if (!s_dir.empty())
            fs::remove_all(s_dir);
    }

protected:
    void SetUp() override
    {
        if (!s_skip.empty())
            GTEST_SKIP() << s_skip;
        ASSERT_GE(s_expected.size(), 18u) << "make_pickles.py failed:\n" << s_generatorOutput;
    }

    static std::string path(const std::string &name) { return (s_dir / "files" / name).string(); }

    static WeightsFile read(const std::string &name)
    {
        WeightsFile file;
        std::string error;
        EXPECT_TRUE(readWeightsFile(path(name), &file, &error)) << error;
        return file;
    }

    static std::string refusal(const std::string &name)
    {
        WeightsFile file;
        file.arrays.push_back({"kept", {1}, {1.0f}, "float32"});
        std::string error;
        EXPECT_FALSE(readWeightsFile(path(name), &file, &error)) << name;
        EXPECT_EQ(file.arrays.size(), 1u) << "a refused file must leave the output alone";
        EXPECT_NE(error.find(path(name)), std::string::npos) << error;
        return error;
    }

    static inline std::string s_skip, s_generatorOutput;
    static inline fs::path s_dir, s_marker;
    static inline std::map<std::string, ExpectedFile> s_expected;
};

TEST_F(WeightsFileFixtures, EveryGoodFileReadsAsPythonReadsIt)
{
    for (const char *name : {"state_p2.pdparams", "state_p5.pdparams", "dtypes_p2.pdparams",
                             "dtypes_p5.pdparams", "paddle_tuples_p2.pdparams",
                             "ordered_p4.pdparams", "py2_strings.pdparams", "many_arrays.pdparams"})
        EXPECT_EQ(s_expected.count(name), 1u) << name;
    for (const auto &[name, expected] : s_expected) {
        SCOPED_TRACE(name);
        const WeightsFile file = read(name);
        EXPECT_EQ(file.protocol, expected.protocol);
        ASSERT_EQ(file.arrays.size(), expected.arrays.size());
        for (size_t i = 0; i < expected.arrays.size(); ++i) {
            const NamedArray &got = file.arrays[i];
            const ExpectedArray &want = expected.arrays[i];
            EXPECT_EQ(got.name, want.name);
            EXPECT_EQ(got.sourceType, want.sourceType) << got.name;
            EXPECT_EQ(shapeText(got.shape), want.shape) << got.name;
            EXPECT_EQ(hexBits(got.data), want.bits) << got.name;
        }
        EXPECT_EQ(file.skipped, expected.skipped);
    }
}

TEST_F(WeightsFileFixtures, ConversionsAreExact)
{
    for (const char *name : {"dtypes_p2.pdparams", "dtypes_p4.pdparams", "dtypes_p5.pdparams"}) {
        SCOPED_TRACE(name);
        const WeightsFile file = read(name);
        ASSERT_EQ(file.arrays.size(), 14u);
        // float16 0, -0, 2^-24 (smallest subnormal), 2^-14, 65504, inf, -inf, nan, 1/3, -2.5
        EXPECT_EQ(hexBits(file.arrays[0].data), "00000000 80000000 33800000 38800000 477fe000 "
                                                "7f800000 ff800000 7fc00000 3eaaa000 c0200000");
        EXPECT_EQ(file.arrays[0].sourceType, "float16");
        EXPECT_EQ(file.arrays[1].data.size(), 10u);
        EXPECT_EQ(hexBits(file.arrays[1].data), hexBits(file.arrays[0].data)) << "big-endian";
        EXPECT_EQ(file.arrays[1].shape, (std::vector<int64_t>{2, 5}));
        // float64 0.1, 1e-50, 1e300, -1e300, 2^128-2^103 (ties to infinity), the double below
        // it (FLT_MAX), 1/3, nan
        EXPECT_EQ(hexBits(file.arrays[3].data), "3dcccccd 00000000 7f800000 ff800000 7f800000 "
                                                "7f7fffff 3eaaaaab 7fc00000");
        EXPECT_EQ(file.arrays[7].name, "fortran4d_be64");
        EXPECT_EQ(file.arrays[7].sourceType, "float64 big-endian Fortran");
        EXPECT_EQ(file.arrays[7].shape, (std::vector<int64_t>{3, 1, 2, 4}));
        EXPECT_EQ(file.arrays[9].name, "scalar");
        EXPECT_TRUE(file.arrays[9].shape.empty());
        EXPECT_EQ(file.arrays[9].data, std::vector<float>{2.75f});
        EXPECT_EQ(file.arrays[12].shape, (std::vector<int64_t>{3, 0}));
        EXPECT_TRUE(file.arrays[12].data.empty());
    }
}

TEST_F(WeightsFileFixtures, PaddleShapesOfAStateDict)
{
    const WeightsFile state = read("state_p4.pdparams");
    EXPECT_EQ(state.skipped, std::vector<std::string>{"StructuredToParameterName@@"});
    ASSERT_EQ(state.arrays.size(), 7u);
    EXPECT_EQ(state.arrays[0].name, "conv1.conv.weight");
    EXPECT_EQ(state.arrays[0].shape, (std::vector<int64_t>{4, 3, 3, 3}));
    EXPECT_EQ(state.arrays[5].name, "fc.weight");
    for (const char *name : {"paddle_tuples_p2.pdparams", "paddle_tuples_p4.pdparams"}) {
        const WeightsFile pairs = read(name);
        ASSERT_EQ(pairs.arrays.size(), 7u) << name;
        EXPECT_TRUE(pairs.skipped.empty()) << name;
        for (size_t i = 0; i < 7; ++i) // the dict key, not Paddle's internal name
            EXPECT_EQ(pairs.arrays[i].name, state.arrays[i].name);
    }
    const WeightsFile nested = read("nested_p4.pdparams");
    ASSERT_EQ(nested.arrays.size(), 3u);
    EXPECT_EQ(nested.arrays[0].name, "model.conv.weight");
    EXPECT_EQ(nested.arrays[1].name, "model.fc.bias");
    EXPECT_EQ(nested.arrays[2].name, "last");
    EXPECT_EQ(nested.skipped,
              (std::vector<std::string>{"epoch", "lr", "name", "none", "flag", "list", "blob"}));
    const WeightsFile duplicates = read("duplicate_keys.pdparams");
    ASSERT_EQ(duplicates.arrays.size(), 2u);
    EXPECT_EQ(duplicates.arrays[0].name, "a");
    EXPECT_EQ(duplicates.arrays[0].data, (std::vector<float>{5, 6})) << "last value wins";
    EXPECT_EQ(duplicates.arrays[1].data, (std::vector<float>{3, 4}));
    const WeightsFile many = read("many_arrays.pdparams");
    ASSERT_EQ(many.arrays.size(), 2500u);
    EXPECT_EQ(many.arrays[1999].name, "p1999");
    EXPECT_EQ(many.arrays[1999].data, std::vector<float>{1999});
    // A memo index of 2^32-1 costs one entry (CPython itself runs out of memory here).
    const WeightsFile memo = read("memo_huge_index.pdparams");
    EXPECT_TRUE(memo.arrays.empty());
    EXPECT_EQ(memo.skipped, std::vector<std::string>{"x"});
}

TEST_F(WeightsFileFixtures, HostileFilesNeverRunCode)
{
    ASSERT_TRUE(fs::is_directory(s_marker.parent_path())) << "the marker could be created";
    const std::pair<const char *, const char *> cases[] = {
        {"os_system_p2.pdparams", "global posix.system is not allowed"},
        {"os_system_p4.pdparams", "global posix.system is not allowed"},
        {"eval.pdparams", "global builtins.eval is not allowed"},
        {"popen.pdparams", "global subprocess.Popen is not allowed"},
        {"scalar.pdparams", "global numpy.core.multiarray.scalar is not allowed"},
    };
    for (const auto &[name, reason] : cases) {
        const std::string error = refusal(name);
        EXPECT_NE(error.find(reason), std::string::npos) << error;
        EXPECT_NE(error.find(": byte "), std::string::npos) << error;
    }
    EXPECT_FALSE(fs::exists(s_marker)) << "a file ran code";
}

TEST_F(WeightsFileFixtures, DamagedFilesAreRefusedWithTheReason)
{
    const std::pair<const char *, std::vector<const char *>> cases[] = {
        {"truncated_1.pdparams", {"truncated at byte 1 while reading PROTO"}},
        {"truncated_2.pdparams", {"truncated at byte 2", "before its STOP"}},
        {"truncated_5.pdparams", {"truncated at byte 5 while reading FRAME"}},
        {"truncated_12.pdparams", {"truncated at byte 12"}},
        {"truncated_half.pdparams", {"truncated at byte", "while reading"}},
        {"truncated_nostop.pdparams", {"truncated", "before its STOP"}},
        {"int64.pdparams", {"'w'", "dtype int64 is not supported"}},
        {"int64_in_tuple.pdparams", {"'t'", "dtype int64"}},
        {"object.pdparams", {"'obj'", "dtype object"}},
        {"structured.pdparams", {"'rec'", "structured"}},
        {"shape_mismatch.pdparams", {"'m'", "shape [2, 4] needs 32 bytes, the data has 24"}},
        {"toplevel_list.pdparams", {"holds a list, not a dict"}},
        {"huge_bytes.pdparams", {"truncated", "BINBYTES8", "declares 4611686018427387904 bytes"}},
        {"huge_unicode.pdparams", {"truncated", "BINUNICODE", "declares 4294967280 bytes"}},
        {"huge_shape.pdparams", {"'big'", "shape [1099511627776, 1099511627776] is too large"}},
        {"huge_dims.pdparams", {"'dims'", "40 dimensions (at most 8)"}},
        {"negative_dim.pdparams", {"'neg'", "negative dimension"}},
        {"deep_lists.pdparams", {"nest more than 32 levels"}},
        {"deep_tuples.pdparams", {"nest more than 32 levels"}},
        {"deep_dicts.pdparams", {"nest more than 32 levels"}},
        {"deep_marks.pdparams", {"STOP with nothing on the stack"}},
        {"memo_missing.pdparams", {"BINGET of memo entry 7, which was never stored"}},
        {"cycle_dict.pdparams", {"SETITEM on a dict that is already inside another value"}},
        {"cycle_list.pdparams", {"APPEND on a list that is already inside another value"}},
        {"not_a_pickle.pdparams", {"not a pickle"}},
        {"empty.pdparams", {"empty"}},
        {"protocol6.pdparams", {"protocol 6 is not supported"}},
        {"long1_9bytes.pdparams", {"LONG1 with 9 bytes"}},
        {"codecs_utf8.pdparams", {"encoding 'utf-8'"}},
        {"build_dict.pdparams", {"BUILD on a dict"}},
        {"opcode_unknown.pdparams", {"unknown opcode 0xff"}},
    };
    for (const auto &[name, reasons] : cases) {
        const std::string error = refusal(name);
        for (const char *reason : reasons)
            EXPECT_NE(error.find(reason), std::string::npos) << name << ": " << error;
    }
    for (const char *op :
         {"INST", "OBJ", "PERSID", "BINPERSID", "EXT1", "INT", "FLOAT", "STRING", "UNICODE",
          "LONG4", "NEXT_BUFFER", "READONLY_BUFFER", "NEWOBJ_EX", "DICT", "GET"}) {
        const std::string error = refusal(std::string("opcode_") + op + ".pdparams");
        EXPECT_NE(error.find(std::string("opcode ") + op + " (0x"), std::string::npos) << error;
        EXPECT_NE(error.find("is not allowed"), std::string::npos) << error;
    }
}

TEST_F(WeightsFileFixtures, ReadingInPiecesGivesTheSameResult)
{
    // Every fixture, good or bad, through the file reader with tiny reads and every byte string
    // of 3+ bytes left in the file: the same arrays or the same message as from memory.
    int files = 0;
    for (const fs::directory_entry &entry : fs::directory_iterator(s_dir / "files")) {
        const std::string name = entry.path().string();
        std::ifstream in(name, std::ios::binary);
        const std::vector<uint8_t> bytes((std::istreambuf_iterator<char>(in)), {});
        WeightsFile fromMemory, fromFile;
        std::string memoryError, fileError;
        const bool memoryOk =
            parseWeights(bytes.data(), bytes.size(), name, &fromMemory, &memoryError);
        const int fd = ::open(name.c_str(), O_RDONLY);
        ASSERT_GE(fd, 0) << name;
        const bool fileOk = pickle::readWeightsFd(fd, name, &fromFile, &fileError, {}, 3, 5);
        ::close(fd);
        ASSERT_EQ(fileOk, memoryOk) << name << ": " << fileError << memoryError;
        EXPECT_EQ(fileError, memoryError);
        ASSERT_EQ(fromFile.arrays.size(), fromMemory.arrays.size()) << name;
        for (size_t i = 0; i < fromFile.arrays.size(); ++i) {
            EXPECT_EQ(fromFile.arrays[i].name, fromMemory.arrays[i].name);
            EXPECT_EQ(hexBits(fromFile.arrays[i].data), hexBits(fromMemory.arrays[i].data));
        }
        EXPECT_EQ(fromFile.skipped, fromMemory.skipped) << name;
        ++files;
    }
    EXPECT_GE(files, 60);
}

// ---- in memory: limits, truncation, messages ------------------------------------------------

std::vector<NamedArray> sampleArrays()
{
    return {{"conv.weight", {2, 1, 2, 2}, {1, -2, 3.5f, -0.0f, 1e-40f, 7, 8, 9}, ""},
            {"bias", {3}, {0.25f, INFINITY, -INFINITY}, ""},
            {"scale", {}, {42}, ""}};
}

TEST(WeightsFileParse, EveryTruncationIsRefused)
{
    const std::vector<uint8_t> bytes = encodeWeights(sampleArrays());
    WeightsFile file;
    std::string error;
    ASSERT_TRUE(parse(bytes, &file, &error)) << error;
    for (size_t cut = 0; cut < bytes.size(); ++cut) {
        const std::vector<uint8_t> part(bytes.begin(), bytes.begin() + cut);
        ASSERT_FALSE(parse(part, &file, &error)) << cut;
        EXPECT_EQ(error.rfind("w.pdparams: ", 0), 0u) << error;
        EXPECT_TRUE(error.find("truncated at byte " + std::to_string(cut)) != std::string::npos ||
                    (cut == 0 && error.find("empty") != std::string::npos))
            << cut << ": " << error;
    }
}

TEST(WeightsFileParse, MessagesNameTheFileTheByteAndTheGlobal)
{
    WeightsFile file;
    std::string error;
    EXPECT_FALSE(parse(bytesOf("\x80\x02}cos\nsystem\n."), &file, &error));
    EXPECT_EQ(error, "w.pdparams: byte 3: global os.system is not allowed (a weights file only "
                     "needs NumPy arrays)");
    EXPECT_FALSE(parse(bytesOf("\x80\x02\x8c\x05posix\x8c\x06system\x93."), &file, &error));
    EXPECT_NE(error.find("byte 17: global posix.system"), std::string::npos) << error;
    EXPECT_FALSE(parse(bytesOf("\x80\x04}\x8c\x01"
                               "ac\x01\n\n."),
                       &file, &error));
    EXPECT_NE(error.find("global \\x01."), std::string::npos) << "escaped: " << error;
    EXPECT_TRUE(looksLikePickle(bytesOf("\x80\x04}.").data(), 4));
    EXPECT_FALSE(looksLikePickle(bytesOf("\x80\x06}.").data(), 4));
    EXPECT_FALSE(looksLikePickle(bytesOf("PK\x03\x04").data(), 4));
}

TEST(WeightsFileParse, LimitsAreEnforced)
{
    WeightsFile file;
    std::string error;
    PickleLimits limits;
    limits.maxMemo = 10;
    std::string memo = "\x80\x04}";
    for (int i = 0; i < 11; ++i)
        memo += "\x94";
    EXPECT_FALSE(parse(bytesOf(memo + "."), &file, &error, limits));
    EXPECT_NE(error.find("memo holds more than 10"), std::string::npos) << error;

    limits = {};
    limits.maxStack = 10;
    EXPECT_FALSE(parse(bytesOf("\x80\x04}" + std::string(10, 'N') + "."), &file, &error, limits));
    EXPECT_NE(error.find("stack holds more than 10"), std::string::npos) << error;

    limits = {};
    limits.maxDepth = 3;
    // dict -> list -> list -> list: four levels
    EXPECT_TRUE(parse(bytesOf("\x80\x04}\x8c\x01l]]]aas."), &file, &error)) << error;
    EXPECT_EQ(file.skipped, std::vector<std::string>{"l"});
    EXPECT_FALSE(parse(bytesOf("\x80\x04}\x8c\x01l]]]aas."), &file, &error, limits));
    EXPECT_NE(error.find("nest more than 3 levels"), std::string::npos) << error;

    limits = {};
    limits.maxArrays = 2;
    EXPECT_FALSE(parse(encodeWeights(sampleArrays()), &file, &error, limits));
    EXPECT_NE(error.find("more than 2 arrays"), std::string::npos) << error;

    limits = {};
    limits.maxArrayDims = 3;
    EXPECT_FALSE(parse(encodeWeights(sampleArrays()), &file, &error, limits));
    EXPECT_NE(error.find("'conv.weight': the array has 4 dimensions (at most 3)"),
              std::string::npos)
        << error;
}

/// One big array stored once and referenced by `references` more keys through the memo.
std::vector<uint8_t> sharedArrayFile(int references)
{
    std::vector<uint8_t> bytes =
        encodeWeights({{"a", {200000}, std::vector<float>(200000, 1), ""}});
    bytes.resize(bytes.size() - 2); // drop SETITEM, STOP: the array is on top of the stack
    bytes.push_back(0x94);          // MEMOIZE as entry 3 (the encoder used 0, 1, 2)
    bytes.push_back('s');
    for (int i = 0; i < references; ++i) {
        const std::string key = "k" + std::to_string(i);
        bytes.insert(bytes.end(), {0x8c, uint8_t(key.size())});
        bytes.insert(bytes.end(), key.begin(), key.end());
        bytes.insert(bytes.end(), {'h', 3, 's'});
    }
    bytes.push_back('.');
    return bytes;
}

TEST(WeightsFileParse, SharedValuesCannotMultiplyTheOutput)
{
    WeightsFile file;
    std::string error;
    ASSERT_TRUE(parse(sharedArrayFile(3), &file, &error)) << error;
    ASSERT_EQ(file.arrays.size(), 4u);
    EXPECT_EQ(file.arrays[3].name, "k2");
    EXPECT_EQ(file.arrays[3].data.size(), 200000u);
    // 800 KB of file, 200 references would make 160 MB of floats.
    EXPECT_FALSE(parse(sharedArrayFile(200), &file, &error));
    EXPECT_NE(error.find("more than 4 times the file's size"), std::string::npos) << error;
}

// ---- writing ---------------------------------------------------------------------------------

class WeightsFileWrite : public ::testing::Test
{
protected:
    void SetUp() override
    {
        m_dir = fs::temp_directory_path() /
                ("pulc_weights_write_" + std::to_string(::getpid()) + "_" +
                 ::testing::UnitTest::GetInstance()->current_test_info()->name());
        fs::remove_all(m_dir);
        fs::create_directories(m_dir);
    }
    void TearDown() override
    {
        fs::permissions(m_dir, fs::perms::owner_all, fs::perm_options::add);
        fs::remove_all(m_dir);
    }

    /// Shapes and sizes that take every branch of the encoder: 0-d, empty, 5-D, dims past
    /// 255 and 65535, a name past 255 bytes, data past 255 bytes, more than 1000 arrays.
    static std::vector<NamedArray> variedArrays()
    {
        std::vector<NamedArray> arrays = sampleArrays();
        arrays.push_back({"empty", {0, 3}, {}, ""});
        arrays.push_back({"five.d", {1, 2, 1, 2, 1}, {1, 2, 3, 4}, ""});
        std::vector<float> wide(70000);
        for (size_t i = 0; i < wide.size(); ++i)
            wide[i] = float(i) * 0.5f - 100.0f;
        arrays.push_back({"wide", {70000}, wide, ""});
        arrays.push_back({std::string(300, 'n'), {300}, std::vector<float>(300, NAN), ""});
        for (int i = 0; i < 1001; ++i)
            arrays.push_back({"p" + std::to_string(i), {1}, {float(i)}, ""});
        return arrays;
    }

    fs::path m_dir;
};

TEST_F(WeightsFileWrite, RoundTripIsExact)
{
    const std::vector<NamedArray> arrays = variedArrays();
    const std::string path = (m_dir / "w.pdparams").string();
    std::string error;
    ASSERT_TRUE(writeWeightsFile(path, arrays, &error)) << error;
    WeightsFile file;
    ASSERT_TRUE(readWeightsFile(path, &file, &error)) << error;
    EXPECT_EQ(file.protocol, 4);
    EXPECT_TRUE(file.skipped.empty());
    ASSERT_EQ(file.arrays.size(), arrays.size());
    for (size_t i = 0; i < arrays.size(); ++i) {
        EXPECT_EQ(file.arrays[i].name, arrays[i].name);
        EXPECT_EQ(file.arrays[i].shape, arrays[i].shape);
        EXPECT_EQ(file.arrays[i].sourceType, "float32");
        EXPECT_EQ(hexBits(file.arrays[i].data), hexBits(arrays[i].data)) << arrays[i].name;
    }
    // The globals and the dtype are written once and memoised, as CPython's pickler does.
    const std::vector<uint8_t> bytes = encodeWeights(arrays);
    const std::string text(bytes.begin(), bytes.end());
    EXPECT_EQ(text.find("_reconstruct"), text.rfind("_reconstruct"));
    EXPECT_EQ(text.substr(0, 3), "\x80\x04}");
    EXPECT_EQ(text.back(), '.');
    std::vector<std::string> left;
    for (const fs::directory_entry &entry : fs::directory_iterator(m_dir))
        left.push_back(entry.path().string());
    EXPECT_EQ(left, std::vector<std::string>{path}) << "no temporary file is left behind";
}

TEST_F(WeightsFileWrite, PythonReadsWhatWeWrite)
{
    if (const std::string why = pythonMissing(); !why.empty())
        GTEST_SKIP() << why;
    std::vector<NamedArray> arrays = variedArrays();
    arrays.resize(8); // the 1001 small ones add nothing here
    const std::string path = (m_dir / "w.pdparams").string();
    std::string error;
    ASSERT_TRUE(writeWeightsFile(path, arrays, &error)) << error;
    const fs::path script = m_dir / "read.py";
    std::ofstream(script) << "import pickle, sys\nimport numpy as np\n"
                             "d = pickle.load(open(sys.argv[1], 'rb'))\n"
                             "assert type(d) is dict, type(d)\n"
                             "for k, v in d.items():\n"
                             "    assert type(v) is np.ndarray and v.dtype.str == '<f4'\n"
                             "    assert v.flags.c_contiguous\n"
                             "    print(k, ','.join(map(str, v.shape)) or '-',\n"
                             "          ' '.join('%08x' % b for b in v.view('<u4').ravel()))\n";
    int status = 0;
    const std::string output =
        runCommand(std::string(kPython) + " " + script.string() + " " + path, &status);
    ASSERT_EQ(status, 0) << output;
    std::string expected;
    for (const NamedArray &a : arrays)
        expected += a.name + " " + shapeText(a.shape) + " " + hexBits(a.data) + "\n";
    EXPECT_EQ(output, expected);
}

TEST_F(WeightsFileWrite, FailuresNameTheFileAndKeepTheOldOne)
{
    std::string error;
    const std::string missing = (m_dir / "no" / "such" / "w.pdparams").string();
    EXPECT_FALSE(writeWeightsFile(missing, sampleArrays(), &error));
    EXPECT_NE(error.find(missing + ": cannot create"), std::string::npos) << error;

    const std::string path = (m_dir / "w.pdparams").string();
    ASSERT_TRUE(writeWeightsFile(path, sampleArrays(), &error)) << error;
    const std::vector<NamedArray> bad = {{"bad", {2, 3}, {1, 2}, ""}};
    EXPECT_FALSE(writeWeightsFile(path, bad, &error));
    EXPECT_NE(error.find("array 'bad' has 2 values"), std::string::npos) << error;
    WeightsFile file;
    ASSERT_TRUE(readWeightsFile(path, &file, &error)) << error;
    EXPECT_EQ(file.arrays.size(), 3u) << "the old file is intact";

    // A folder where the file should go: rename fails, nothing is left behind.
    const fs::path folder = m_dir / "folder.pdparams";
    fs::create_directories(folder / "inside");
    EXPECT_FALSE(writeWeightsFile(folder.string(), sampleArrays(), &error));
    EXPECT_NE(error.find(folder.string() + ": cannot replace it"), std::string::npos) << error;
    EXPECT_TRUE(fs::is_directory(folder / "inside"));
    EXPECT_EQ(std::distance(fs::directory_iterator(m_dir), fs::directory_iterator()), 2);

    if (::geteuid() != 0) { // root writes into read-only folders anyway
        const fs::path locked = m_dir / "locked";
        fs::create_directories(locked);
        fs::permissions(locked, fs::perms::owner_read | fs::perms::owner_exec);
        const std::string inLocked = (locked / "w.pdparams").string();
        EXPECT_FALSE(writeWeightsFile(inLocked, sampleArrays(), &error));
        EXPECT_NE(error.find(inLocked + ": cannot create"), std::string::npos) << error;
        fs::permissions(locked, fs::perms::owner_all);
    }
}

TEST_F(WeightsFileWrite, ReadingNamesMissingEmptyAndFolderPaths)
{
    WeightsFile file;
    std::string error;
    const std::string missing = (m_dir / "missing.pdparams").string();
    EXPECT_FALSE(readWeightsFile(missing, &file, &error));
    EXPECT_EQ(error, missing + ": cannot open (No such file or directory)");
    const std::string empty = (m_dir / "empty.pdparams").string();
    std::ofstream(empty).flush();
    EXPECT_FALSE(readWeightsFile(empty, &file, &error));
    EXPECT_EQ(error, empty + ": the file is empty");
    EXPECT_FALSE(readWeightsFile(m_dir.string(), &file, &error));
    EXPECT_EQ(error, m_dir.string() + ": is a folder, not a weights file");
}

} // namespace
