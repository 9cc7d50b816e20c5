// Weights files as the user meets them: what one holds (inspectWeights) and a checkpoint's weights
// written as a PaddleClas .pdparams (exportPdparams). The project's side (exportRunPdparams, the
// record of the files a project used) is in engine/project/projectweights.cpp; the model side of
// an import in modelimport.cpp.
#include "engine/pretrained.h"

#include "engine/bundle.h"
#include "engine/configfile.h"
#include "engine/deploy/bundlefiles.h"
#include "engine/nets/network.h"
#include "engine/scenes.h"
#include "engine/train/checkpoint.h"
#include "engine/weights/pdparamswrite.h"
#include "engine/weights/weightmap.h"
#include "engine/weights/weightssource.h"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <optional>
#include <set>

namespace pulc::engine {
namespace {

namespace fs = std::filesystem;

bool failWith(std::string *error, const std::string &message)
{
    if (error)
        *error = message;
    return false;
}

/// The first bytes of a file (fewer when it is shorter; none when it cannot be read).
std::string fileHead(const std::string &path, size_t bytes)
{
    std::ifstream in(path, std::ios::binary);
    std::string head(bytes, '\0');
    in.read(head.data(), static_cast<std::streamsize>(bytes));
    head.resize(static_cast<size_t>(std::max<std::streamsize>(0, in.gcount())));
    return head;
}

/// The checkpoint's network with its weights restored.
bool restoredNetwork(LoadedCheckpoint &loaded, std::shared_ptr<ClassifierNet> *net,
                     std::string *error)
{
    const TrainConfig &config = loaded.meta.config;
    try {
        *net = buildNetwork(networkOptions(config, config.model,
                                           static_cast<int64_t>(loaded.meta.classNames.size())));
    } catch (const std::exception &e) {
        return failWith(error, loaded.path + ": cannot build its model: " + e.what());
    }
    if (!restoreModule(loaded, "model", **net, error))
        return false;
    (*net)->eval();
    return true;
}

} // namespace

bool readWeightsSource(const std::string &path, WeightsSource *out, std::string *error)
{
    out->path = path;
    if (path.empty())
        return failWith(error, "no weights file given: expected a .pdparams file, a checkpoint, "
                               "a run folder or a bundle");
    std::error_code ec;
    if (!fs::exists(path, ec))
        return failWith(error, path + ": no such file or folder");
    try {
        std::string checkpoint;
        if (fs::is_directory(path, ec)) {
            const Result<std::string> resolved = resolveModelPath(path);
            if (!resolved)
                return failWith(error, resolved.error());
            checkpoint = *resolved;
        } else {
            const std::string head = fileHead(path, 8);
            if (looksLikePickle(reinterpret_cast<const uint8_t *>(head.data()), head.size()) ||
                hasPdparamsExtension(path)) {
                out->format = "pdparams";
                std::string why;
                if (!readWeightsFile(path, &out->file, &why))
                    return failWith(error,
                                    why.find(path) == std::string::npos ? path + ": " + why : why);
                return true;
            }
            // A checkpoint is a zip archive (LibTorch's format): anything else is not one.
            if (head.rfind("PK", 0) != 0)
                return failWith(error, path + ": not a weights file: expected a PaddleClas "
                                              ".pdparams (a Python pickle) or a PULC Studio "
                                              "checkpoint");
            checkpoint = path;
        }
        out->format = "checkpoint";
        out->checkpointPath = checkpoint;
        LoadedCheckpoint loaded;
        if (!openCheckpoint(checkpoint, &loaded, error))
            return false;
        std::shared_ptr<ClassifierNet> net;
        if (!restoredNetwork(loaded, &net, error))
            return false;
        out->meta = loaded.meta;
        out->file = WeightsFile{};
        out->file.arrays = paddleStateDict(*net);
        return true;
    } catch (const std::exception &e) {
        return failWith(error, path + ": cannot read the weights: " + e.what());
    }
}

Result<WeightsInfo> inspectWeights(const std::string &path)
{
    WeightsSource source;
    if (std::string error; !readWeightsSource(path, &source, &error))
        return Result<WeightsInfo>::failure(error);
    WeightsInfo result;
    result.path = path;
    result.format = source.format;
    result.tensors = static_cast<int>(source.file.arrays.size());
    for (const NamedArray &array : source.file.arrays)
        result.values += static_cast<int64_t>(array.data.size());
    if (source.format == "checkpoint") {
        const TrainConfig &config = source.meta.config;
        result.model = config.model;
        result.classes = static_cast<int>(source.meta.classNames.size());
        result.useLastConv = config.useLastConv;
        result.classNames = source.meta.classNames;
    } else {
        const PaddleNetGuess guess = guessPaddleNet(source.file);
        result.model = guess.model;
        result.classes = static_cast<int>(guess.classes);
        result.useLastConv = guess.useLastConv;
        result.studentPrefix = guess.studentPrefix;
        result.why = guess.why;
    }
    return result;
}

Result<WrittenPdparams> writePdparams(const std::string &modelPath, const std::string &outFile)
{
    using Written = Result<WrittenPdparams>;
    if (outFile.empty())
        return Written::failure("no output file given for the .pdparams");
    try {
        const Result<std::string> resolved = resolveModelPath(modelPath);
        if (!resolved)
            return Written::failure(resolved.error());
        const std::string &checkpoint = *resolved;
        std::string error;
        LoadedCheckpoint loaded;
        if (!openCheckpoint(checkpoint, &loaded, &error))
            return Written::failure(error);
        std::shared_ptr<ClassifierNet> net;
        if (!restoredNetwork(loaded, &net, &error))
            return Written::failure(error);
        const std::vector<NamedArray> arrays = paddleStateDict(*net);
        std::error_code ec;
        const fs::path parent = fs::absolute(fs::path(outFile)).parent_path();
        fs::create_directories(parent, ec);
        if (!writeWeightsFile(outFile, arrays, &error))
            return Written::failure(error);
        WrittenPdparams written;
        written.arrays = static_cast<int>(arrays.size());
        written.config = loaded.meta.config;
        written.classNames = loaded.meta.classNames;
        return written;
    } catch (const std::exception &e) {
        return Written::failure(outFile + ": cannot write the weights: " + e.what());
    }
}

bool hasPdparamsExtension(const std::string &path)
{
    std::string ext = fs::path(path).extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return ext == ".pdparams";
}

Result<int> exportPdparams(const std::string &modelPath, const std::string &outFile)
{
    Result<WrittenPdparams> written = writePdparams(modelPath, outFile);
    if (!written)
        return Result<int>::failure(written.error());
    return written->arrays;
}

std::string sceneOfWeightsFileName(const std::string &path)
{
    const std::string base = fs::path(path).filename().string();
    std::string best;
    for (const SceneInfo &scene : scenes()) {
        if (scene.name == "custom" || scene.name.size() <= best.size())
            continue;
        if (base.rfind(scene.name, 0) != 0)
            continue;
        const size_t end = scene.name.size();
        if (end == base.size() || base[end] == '_' || base[end] == '.')
            best = scene.name;
    }
    return best;
}

std::string weightsFileFormat(const std::string &path)
{
    std::error_code ec;
    if (fs::is_directory(path, ec))
        return "checkpoint";
    const std::string head = fileHead(path, 8);
    if (head.empty())
        return hasPdparamsExtension(path) ? "pdparams" : "checkpoint";
    return looksLikePickle(reinterpret_cast<const uint8_t *>(head.data()), head.size())
               ? "pdparams"
               : "checkpoint";
}

} // namespace pulc::engine

namespace pulc::engine {

WeightsCompanions weightsCompanions(const std::string &weightsFile)
{
    WeightsCompanions found;
    const fs::path file(weightsFile);
    const fs::path config = file.parent_path() / "config.yaml";
    const fs::path labels = file.parent_path() / "labels.txt";
    std::error_code ec;
    if (!fs::is_regular_file(config, ec))
        return found;
    // Only a config written for these weights: its pretrained_model names them.
    const ConfigReadResult read = readConfigFile(config.string());
    const std::string stem = file.stem().string();
    if (!read.ok() || (read.config.pretrained != "./" + stem && read.config.pretrained != stem))
        return found;
    found.configFile = config.string();
    if (fs::is_regular_file(labels, ec))
        found.labelsFile = labels.string();
    return found;
}

} // namespace pulc::engine
