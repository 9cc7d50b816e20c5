// PaddleClas state dicts onto our networks and back (docs/paddleclas-compat.md, 'Weight files').
// The names are the same by construction (the modules carry PaddleClas's names), so the work is the
// BN buffer names, the transposed fc, and checking every name and shape before anything is copied,
// so a wrong file leaves the network as it was and the error says what does not fit.
#include "engine/weights/weightmap.h"

#include "engine/bundle.h"
#include "engine/models.h"
#include "engine/nets/pplcnetlayers.h"
#include "engine/train/checkpoint.h"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <map>
#include <set>

namespace pulc::engine {
namespace {

constexpr char kStudentPrefix[] = "Student.";
constexpr char kTeacherPrefix[] = "Teacher.";
constexpr char kBatchesTracked[] = ".num_batches_tracked";

// PaddleClas constants the guess compares widths against: PP-LCNet's last block width and
// MobileNetV3's class_squeeze (last_second_conv) widths at scale 1.0, and the block counts of
// ResNet50_vd / ResNet101_vd (3+4+6+3, 3+4+23+3) and MobileNetV3 small / large.
constexpr int64_t kLcnetLastWidth = 512;
constexpr int64_t kSqueezeSmall = 576;
constexpr int64_t kSqueezeLarge = 960;
constexpr int64_t kResNet50Blocks = 16;
constexpr int64_t kResNet101Blocks = 33;
constexpr int64_t kMobileSmallBlocks = 11;
constexpr int64_t kMobileLargeBlocks = 15;

bool startsWith(const std::string &s, const std::string &prefix)
{
    return s.compare(0, prefix.size(), prefix) == 0;
}

bool endsWith(const std::string &s, const std::string &suffix)
{
    return s.size() >= suffix.size() &&
           s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

std::string shapeText(const std::vector<int64_t> &shape)
{
    std::string out = "[";
    for (size_t i = 0; i < shape.size(); ++i)
        out += (i ? ", " : "") + std::to_string(shape[i]);
    return out + "]";
}

/// Paddle's Linear stores [in, out]; ours (torch) [out, in]. Only the classifier is a Linear.
bool transposedInPaddle(const std::string &torchName, int64_t dim)
{
    return torchName == "fc.weight" && dim == 2;
}

/// A tensor's shape as Paddle lays it out.
std::vector<int64_t> paddleShapeOf(const std::string &torchName, const torch::Tensor &t)
{
    std::vector<int64_t> shape(t.sizes().begin(), t.sizes().end());
    if (transposedInPaddle(torchName, t.dim()))
        std::reverse(shape.begin(), shape.end());
    return shape;
}

/// One of our tensors as a Paddle array: Paddle's name, fc.weight transposed, float32 C order.
NamedArray toPaddleArray(const std::string &torchName, const torch::Tensor &tensor)
{
    torch::Tensor t = tensor.detach().to(torch::kFloat);
    if (transposedInPaddle(torchName, t.dim()))
        t = t.t();
    t = t.contiguous(); // C order, whatever the network's memory format
    NamedArray a;
    a.name = paddleNameOf(torchName);
    a.shape.assign(t.sizes().begin(), t.sizes().end());
    a.data.assign(t.data_ptr<float>(), t.data_ptr<float>() + t.numel());
    a.sourceType = "float32";
    return a;
}

/// One array of the file under the name it is matched by (`Student.` removed).
struct KeyView
{
    std::string name;
    const NamedArray *array = nullptr;
};

/// The file's arrays as studentArrays() names them, without copying the data.
std::vector<KeyView> studentView(const WeightsFile &file, bool *hadPrefix)
{
    const bool prefixed = std::any_of(file.arrays.begin(), file.arrays.end(), [](const auto &a) {
        return startsWith(a.name, kStudentPrefix);
    });
    if (hadPrefix)
        *hadPrefix = prefixed;
    std::vector<KeyView> view;
    view.reserve(file.arrays.size());
    const size_t cut = std::char_traits<char>::length(kStudentPrefix);
    for (const NamedArray &a : file.arrays) {
        if (prefixed && startsWith(a.name, kStudentPrefix))
            view.push_back({a.name.substr(cut), &a});
        else if (!(prefixed && startsWith(a.name, kTeacherPrefix)))
            view.push_back({a.name, &a});
    }
    return view;
}

/// The number of distinct `blocks.{j}` indices among the names.
int64_t countFlatBlocks(const std::map<std::string, const NamedArray *> &byName)
{
    std::set<int64_t> indices;
    for (const auto &[name, array] : byName) {
        if (!startsWith(name, "blocks."))
            continue;
        const size_t end = name.find('.', 7);
        const std::string digits = name.substr(7, end == std::string::npos ? end : end - 7);
        if (!digits.empty() && digits.size() < 6 &&
            digits.find_first_not_of("0123456789") == std::string::npos)
            indices.insert(std::stoll(digits));
    }
    return static_cast<int64_t>(indices.size());
}

/// The model of `family` whose width rule gives `width` (nullptr when none).
const ModelSpec *specByWidth(const std::string &family, int64_t base, int64_t width)
{
    for (const ModelSpec &spec : knownModels()) {
        if (spec.family == family && makeDivisible(base * spec.scale) == width)
            return &spec;
    }
    return nullptr;
}

/// One network tensor and the array it is filled from (none: zeroed, num_batches_tracked).
struct PlannedCopy
{
    std::string torchName;
    torch::Tensor target;
    const NamedArray *source = nullptr;
    bool transpose = false;
};

} // namespace

std::string paddleNameOf(const std::string &torchName)
{
    if (endsWith(torchName, ".running_mean"))
        return torchName.substr(0, torchName.size() - 12) + "_mean";
    if (endsWith(torchName, ".running_var"))
        return torchName.substr(0, torchName.size() - 11) + "_variance";
    return torchName;
}

std::vector<NamedArray> studentArrays(const WeightsFile &file, bool *hadPrefix)
{
    std::vector<NamedArray> out;
    for (const KeyView &key : studentView(file, hadPrefix)) {
        out.push_back(*key.array);
        out.back().name = key.name;
    }
    return out;
}

PaddleNetGuess guessPaddleNet(const WeightsFile &file)
{
    PaddleNetGuess guess;
    std::map<std::string, const NamedArray *> byName;
    for (const KeyView &key : studentView(file, &guess.studentPrefix))
        byName.emplace(key.name, key.array);
    auto shapeOf = [&](const std::string &name) -> const std::vector<int64_t> * {
        const auto it = byName.find(name);
        return it == byName.end() ? nullptr : &it->second->shape;
    };
    if (const auto *bias = shapeOf("fc.bias"); bias && bias->size() == 1)
        guess.classes = bias->front();
    const auto *lastConv = shapeOf("last_conv.weight");
    guess.useLastConv = lastConv != nullptr;
    if (lastConv && !lastConv->empty())
        guess.classExpand = lastConv->front();

    const auto *lcnetLast = shapeOf("blocks6.1.pw_conv.conv.weight");
    const auto *mobileSqueeze = shapeOf("last_second_conv.conv.weight");
    if (shapeOf("conv1.conv.weight") && lcnetLast && !lcnetLast->empty()) {
        const int64_t width = lcnetLast->front();
        if (const ModelSpec *spec = specByWidth("PPLCNet", kLcnetLastWidth, width))
            guess.model = spec->name;
        else
            guess.why = "PP-LCNet names, but blocks6's last pointwise conv has " +
                        std::to_string(width) + " output channels, which no PP-LCNet scale gives";
    } else if (shapeOf("stem.0.conv.weight")) {
        const int64_t blocks = countFlatBlocks(byName);
        if (blocks == kResNet50Blocks)
            guess.model = "ResNet50_vd";
        else if (blocks == kResNet101Blocks)
            guess.model = "ResNet101_vd";
        else
            guess.why = "ResNet_vd names, but " + std::to_string(blocks) +
                        " bottleneck blocks (ResNet50_vd has 16, ResNet101_vd 33)";
    } else if (shapeOf("conv.conv.weight") && mobileSqueeze && !mobileSqueeze->empty()) {
        const int64_t blocks = countFlatBlocks(byName);
        const int64_t width = mobileSqueeze->front();
        const bool small = blocks == kMobileSmallBlocks;
        if (!small && blocks != kMobileLargeBlocks) {
            guess.why = "MobileNetV3 names, but " + std::to_string(blocks) +
                        " blocks (small has 11, large 15)";
        } else {
            const std::string family = small ? "MobileNetV3_small" : "MobileNetV3_large";
            if (const ModelSpec *spec =
                    specByWidth(family, small ? kSqueezeSmall : kSqueezeLarge, width))
                guess.model = spec->name;
            else
                guess.why = family + " names, but last_second_conv has " + std::to_string(width) +
                            " output channels, which no scale gives";
        }
    } else {
        guess.why = "neither PP-LCNet (conv1, blocks2..blocks6), ResNet_vd (stem, blocks) nor "
                    "MobileNetV3 (conv, blocks, last_second_conv) names";
    }
    return guess;
}

bool loadPaddleWeights(ClassifierNet &net, const std::string &modelName, const WeightsFile &file,
                       const std::string &sourceName, const LoadWeightsOptions &options,
                       LoadWeightsReport *report, std::string *error)
{
    auto fail = [&](const std::string &why) {
        if (error)
            *error = sourceName + ": " + why;
        return false;
    };
    // Named only when the error is reported: guessing walks the whole file.
    auto looksLike = [&]() -> std::string {
        const PaddleNetGuess guess = guessPaddleNet(file);
        if (!guess.model.empty() && guess.model != modelName)
            return "; the file looks like " + guess.model;
        const bool netHasLastConv = net.named_parameters(true).contains("last_conv.weight");
        const ModelSpec *spec = findModel(modelName);
        if (guess.model == modelName && spec && spec->family == "PPLCNet" &&
            guess.useLastConv != netHasLastConv)
            return std::string("; the file's PP-LCNet was built with use_last_conv: ") +
                   (guess.useLastConv ? "true" : "false");
        return {};
    };
    bool prefixed = false;
    const std::vector<KeyView> view = studentView(file, &prefixed);
    std::map<std::string, const NamedArray *> byName;
    for (const KeyView &key : view) {
        if (!byName.emplace(key.name, key.array).second)
            return fail("'" + key.name + "' appears twice in the file");
    }

    std::vector<std::pair<std::string, torch::Tensor>> tensors;
    for (const auto &item : net.named_parameters(true))
        tensors.emplace_back(item.key(), item.value());
    for (const auto &item : net.named_buffers(true))
        tensors.emplace_back(item.key(), item.value());

    std::vector<PlannedCopy> plan;
    std::set<std::string> used;
    bool headSkipped = false;
    int64_t netClasses = 0;
    for (const auto &[name, tensor] : tensors) {
        if (name == "fc.bias")
            netClasses = tensor.numel();
        if (endsWith(name, kBatchesTracked)) {
            plan.push_back({name, tensor, nullptr, false}); // Paddle has no counter: zeroed
            continue;
        }
        const std::string key = paddleNameOf(name);
        const std::vector<int64_t> wanted = paddleShapeOf(name, tensor);
        const bool head = startsWith(name, "fc.");
        const auto found = byName.find(key);
        if (found == byName.end()) {
            if (head && options.allowHeadMismatch) {
                headSkipped = true;
                continue;
            }
            return fail("the file has no '" + key + "', which " + modelName + " needs (shape " +
                        shapeText(wanted) + ")" + looksLike());
        }
        used.insert(key);
        const NamedArray &array = *found->second;
        if (array.shape != wanted) {
            // Only the class count may differ: fc's input width is the backbone's.
            const bool classesOnly = head && array.shape.size() == wanted.size() &&
                                     (wanted.size() == 1 || array.shape[0] == wanted[0]);
            if (classesOnly && options.allowHeadMismatch) {
                headSkipped = true;
                continue;
            }
            return fail("'" + key + "' has shape " + shapeText(array.shape) + " in the file but " +
                        shapeText(wanted) + " in " + modelName + looksLike());
        }
        int64_t count = 1;
        for (int64_t d : array.shape)
            count *= d;
        if (static_cast<int64_t>(array.data.size()) != count)
            return fail("'" + key + "' holds " + std::to_string(array.data.size()) +
                        " values for shape " + shapeText(array.shape) + " (damaged file)");
        plan.push_back({name, tensor, &array, transposedInPaddle(name, tensor.dim())});
    }
    for (const KeyView &key : view) {
        if (!used.count(key.name))
            return fail("'" + key.name + "' in the file matches nothing in " + modelName +
                        " (a file of another architecture or head?)" + looksLike());
    }
    // fc is kept whole: a file whose weight fits but whose bias does not loads neither.
    if (headSkipped)
        plan.erase(
            std::remove_if(plan.begin(), plan.end(),
                           [](const PlannedCopy &c) { return startsWith(c.torchName, "fc."); }),
            plan.end());

    LoadWeightsReport local;
    LoadWeightsReport &out = report ? *report : local;
    out = LoadWeightsReport{};
    try {
        torch::NoGradGuard noGrad;
        for (const PlannedCopy &c : plan) {
            if (!c.source) {
                c.target.zero_();
                continue;
            }
            // The arrays are C-order float32; copy_ writes into whatever layout the network
            // uses (channels-last after useChannelsLast).
            torch::Tensor source = torch::from_blob(const_cast<float *>(c.source->data.data()),
                                                    c.source->shape, torch::kFloat);
            if (c.transpose)
                source = source.t();
            c.target.copy_(source);
            ++out.tensorsLoaded;
        }
    } catch (const std::exception &e) {
        return fail(std::string("cannot copy the weights: ") + e.what());
    }
    if (prefixed)
        out.messages.push_back("distillation checkpoint: the Student. weights were used, the "
                               "Teacher. weights ignored");
    if (headSkipped) {
        out.headReinitialised = true;
        const auto fileBias = byName.find("fc.bias");
        const std::string fileHead =
            fileBias == byName.end()
                ? std::string("no fc")
                : std::to_string(fileBias->second->shape.empty() ? 0 : fileBias->second->shape[0]) +
                      " classes";
        out.messages.push_back("fc re-initialised: the file has " + fileHead + ", this project " +
                               std::to_string(netClasses) + " (backbone loaded from " + sourceName +
                               ")");
    }
    return true;
}

std::vector<NamedArray> paddleStateDict(ClassifierNet &net)
{
    std::vector<std::pair<std::string, torch::Tensor>> tensors;
    for (const auto &item : net.named_parameters(true))
        tensors.emplace_back(item.key(), item.value());
    for (const auto &item : net.named_buffers(true))
        tensors.emplace_back(item.key(), item.value());
    std::vector<NamedArray> arrays;
    torch::NoGradGuard noGrad;
    for (const auto &[name, tensor] : tensors) {
        if (!endsWith(name, kBatchesTracked))
            arrays.push_back(toPaddleArray(name, tensor));
    }
    return arrays;
}

bool isPickleFile(const std::string &path)
{
    std::error_code ec;
    if (!std::filesystem::is_regular_file(path, ec))
        return false;
    std::FILE *f = std::fopen(path.c_str(), "rb");
    if (!f)
        return false;
    uint8_t head[2] = {0, 0};
    const size_t got = std::fread(head, 1, sizeof head, f);
    std::fclose(f);
    return looksLikePickle(head, got);
}

bool loadPretrainedInto(ClassifierNet &net, const std::string &modelName, const std::string &path,
                        const LoadWeightsOptions &options, LoadWeightsReport *report,
                        std::string *error)
{
    if (isPickleFile(path)) {
        WeightsFile file;
        if (!readWeightsFile(path, &file, error))
            return false;
        return loadPaddleWeights(net, modelName, file, path, options, report, error);
    }
    const Result<std::string> resolved = resolveModelPath(path);
    if (!resolved) {
        if (error)
            *error = resolved.error();
        return false;
    }
    const std::string &checkpointPath = *resolved;
    LoadedCheckpoint checkpoint;
    if (!openCheckpoint(checkpointPath, &checkpoint, error)) {
        if (error && checkpointPath == path)
            *error += "; expected a PaddleClas .pdparams, a PULC Studio checkpoint, a run folder "
                      "or a bundle";
        return false;
    }
    // The checkpoint's weights in Paddle's names and layout, so both sources go through the
    // same checks and messages.
    std::vector<std::string> names;
    std::vector<torch::Tensor> tensors;
    if (!readModuleTensors(checkpoint, "model", &names, &tensors, error))
        return false;
    WeightsFile file;
    try {
        for (size_t i = 0; i < names.size(); ++i) {
            if (!endsWith(names[i], kBatchesTracked))
                file.arrays.push_back(toPaddleArray(names[i], tensors[i]));
        }
    } catch (const std::exception &e) {
        if (error)
            *error = checkpointPath + ": the checkpoint's weights are damaged: " + e.what();
        return false;
    }
    return loadPaddleWeights(net, modelName, file, checkpointPath, options, report, error);
}

} // namespace pulc::engine
