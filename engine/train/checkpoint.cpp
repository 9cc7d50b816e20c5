#include "engine/train/checkpoint.h"

#include "engine/configfile.h"
#include "engine/readers/archivecheck.h"

#include <ATen/CPUGeneratorImpl.h>
#include <torch/serialize/output-archive.h>

#include <cstdio>
#include <fcntl.h>
#include <filesystem>
#include <map>
#include <mutex>
#include <sstream>
#include <unistd.h>

namespace pulc::engine {
namespace {

constexpr char kFormatKey[] = "pulc_format";
constexpr char kFormatValue[] = "pulc-studio-checkpoint";
constexpr int64_t kFormatVersion = 1;

std::string joinLines(const std::vector<std::string> &lines)
{
    std::string out;
    for (const std::string &line : lines) {
        out += line;
        out += '\n';
    }
    return out;
}

std::vector<std::string> splitLines(const std::string &text)
{
    std::vector<std::string> lines;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);)
        lines.push_back(line);
    return lines;
}

/// Parameters and buffers under their dotted names, flat: one name list and one tensor list
/// (archive keys cannot hold the dots of nested names).
void writeModule(torch::serialize::OutputArchive &archive, const std::string &part,
                 torch::nn::Module &module)
{
    std::vector<std::string> names;
    std::vector<at::Tensor> tensors;
    for (const auto &item : module.named_parameters(true)) {
        names.push_back(item.key());
        tensors.push_back(item.value().detach());
    }
    for (const auto &item : module.named_buffers(true)) {
        names.push_back(item.key());
        tensors.push_back(item.value().detach());
    }
    archive.write(part + "_names", c10::IValue(joinLines(names)));
    archive.write(part + "_tensors", c10::IValue(tensors));
}

bool fsyncFile(const std::string &path)
{
    const int fd = ::open(path.c_str(), O_RDONLY);
    if (fd < 0)
        return false;
    const bool ok = ::fsync(fd) == 0;
    ::close(fd);
    return ok;
}

} // namespace

bool saveCheckpoint(const std::string &path, const CheckpointMeta &meta, torch::nn::Module &model,
                    torch::optim::Optimizer *optimizer, torch::nn::Module *teacher,
                    torch::optim::Optimizer *teacherOptimizer, torch::nn::Module *ema,
                    std::string *error)
{
    const std::string temporary = path + ".partial";
    try {
        torch::serialize::OutputArchive archive;
        archive.write(kFormatKey, c10::IValue(std::string(kFormatValue)));
        archive.write("pulc_version", c10::IValue(kFormatVersion));
        archive.write("config", c10::IValue(writeConfigYaml(meta.config)));
        archive.write("classes", c10::IValue(joinLines(meta.classNames)));
        archive.write("epochs_done", c10::IValue(int64_t(meta.epochsDone)));
        archive.write("next_batch", c10::IValue(int64_t(meta.nextBatch)));
        archive.write("global_step", c10::IValue(meta.globalStep));
        archive.write("best_epoch", c10::IValue(int64_t(meta.bestEpoch)));
        archive.write("best_value", c10::IValue(meta.bestValue));
        archive.write("best_is_ema", c10::IValue(meta.bestIsEma));
        archive.write("model_best_epoch", c10::IValue(int64_t(meta.modelBestEpoch)));
        archive.write("model_best_value", c10::IValue(meta.modelBestValue));
        archive.write("ema_best_epoch", c10::IValue(int64_t(meta.emaBestEpoch)));
        archive.write("ema_best_value", c10::IValue(meta.emaBestValue));
        archive.write("epoch_loss_sum", c10::IValue(meta.epochLossSum));
        archive.write("epoch_loss_steps", c10::IValue(meta.epochLossSteps));
        archive.write("positive_ratio",
                      c10::IValue(torch::tensor(meta.positiveRatio.empty() ? std::vector<float>{}
                                                                           : meta.positiveRatio)));
        {
            auto generator = at::detail::getDefaultCPUGenerator();
            std::lock_guard<std::mutex> lock(generator.mutex());
            archive.write("rng", c10::IValue(generator.get_state()));
        }
        writeModule(archive, "model", model);
        if (teacher)
            writeModule(archive, "teacher", *teacher);
        if (ema)
            writeModule(archive, "ema", *ema);
        const std::pair<const char *, torch::optim::Optimizer *> optimizers[] = {
            {"optimizer", optimizer}, {"teacher_optimizer", teacherOptimizer}};
        for (const auto &[part, which] : optimizers) {
            if (!which)
                continue;
            torch::serialize::OutputArchive optimizerArchive;
            which->save(optimizerArchive);
            archive.write(part, optimizerArchive);
        }
        archive.save_to(temporary);
    } catch (const std::exception &e) {
        std::remove(temporary.c_str());
        if (error)
            *error = path + ": cannot write the checkpoint: " + e.what();
        return false;
    }
    if (!fsyncFile(temporary) || std::rename(temporary.c_str(), path.c_str()) != 0) {
        std::remove(temporary.c_str());
        if (error)
            *error = path + ": cannot write the checkpoint (disk full or no permission?)";
        return false;
    }
    return true;
}

bool openCheckpoint(const std::string &path, LoadedCheckpoint *out, std::string *error)
{
    auto fail = [&](const std::string &why) {
        if (error)
            *error = path + ": " + why;
        return false;
    };
    std::error_code ec;
    if (!std::filesystem::is_regular_file(path, ec))
        return fail("no such checkpoint file");
    out->path = path;
    // LibTorch's reader believes the sizes and offsets the zip declares; a file cut short or
    // garbled is refused here, from its structure, before the reader sees it.
    if (std::string why; !checkTorchArchiveFile(path, &why))
        return fail("the checkpoint is damaged, cut short or not a PULC Studio checkpoint: " + why);
    try {
        out->archive.load_from(path);
    } catch (const std::exception &) {
        return fail("the checkpoint is damaged or not a PULC Studio checkpoint (cannot be read "
                    "as a LibTorch archive)");
    }
    try {
        c10::IValue value;
        if (!out->archive.try_read(kFormatKey, value) || !value.isString() ||
            value.toStringRef() != kFormatValue)
            return fail("not a PULC Studio checkpoint (a LibTorch archive from elsewhere?)");
        out->archive.read("pulc_version", value);
        if (value.toInt() > kFormatVersion)
            return fail("the checkpoint was written by a newer PULC Studio (format " +
                        std::to_string(value.toInt()) + ")");
        CheckpointMeta &meta = out->meta;
        out->archive.read("config", value);
        const ConfigReadResult config = readConfigYaml(value.toStringRef(), TrainConfig{});
        if (!config.errors.empty())
            return fail("the checkpoint's config cannot be read: " + config.errors.front());
        meta.config = config.config;
        out->archive.read("classes", value);
        meta.classNames = splitLines(value.toStringRef());
        out->archive.read("epochs_done", value);
        meta.epochsDone = static_cast<int>(value.toInt());
        out->archive.read("next_batch", value);
        meta.nextBatch = static_cast<int>(value.toInt());
        out->archive.read("global_step", value);
        meta.globalStep = value.toInt();
        out->archive.read("best_epoch", value);
        meta.bestEpoch = static_cast<int>(value.toInt());
        out->archive.read("best_value", value);
        meta.bestValue = value.toDouble();
        // Written since model EMA; older checkpoints had only the model's best.
        meta.modelBestEpoch = meta.bestEpoch;
        meta.modelBestValue = meta.bestValue;
        if (out->archive.try_read("best_is_ema", value))
            meta.bestIsEma = value.toBool();
        if (out->archive.try_read("model_best_epoch", value))
            meta.modelBestEpoch = static_cast<int>(value.toInt());
        if (out->archive.try_read("model_best_value", value))
            meta.modelBestValue = value.toDouble();
        if (out->archive.try_read("ema_best_epoch", value))
            meta.emaBestEpoch = static_cast<int>(value.toInt());
        if (out->archive.try_read("ema_best_value", value))
            meta.emaBestValue = value.toDouble();
        out->archive.read("epoch_loss_sum", value);
        meta.epochLossSum = value.toDouble();
        out->archive.read("epoch_loss_steps", value);
        meta.epochLossSteps = value.toInt();
        out->archive.read("positive_ratio", value);
        const at::Tensor ratio = value.toTensor().contiguous().to(at::kFloat);
        meta.positiveRatio.assign(ratio.data_ptr<float>(), ratio.data_ptr<float>() + ratio.numel());
    } catch (const std::exception &e) {
        return fail(std::string("the checkpoint is damaged (missing or wrong entry): ") + e.what());
    }
    if (out->meta.classNames.empty())
        return fail("the checkpoint names no classes");
    return true;
}

bool readModuleTensors(LoadedCheckpoint &checkpoint, const std::string &part,
                       std::vector<std::string> *names, std::vector<at::Tensor> *tensors,
                       std::string *error)
{
    auto fail = [&](const std::string &why) {
        if (error)
            *error = checkpoint.path + ": " + why;
        return false;
    };
    try {
        c10::IValue value;
        if (!checkpoint.archive.try_read(part + "_names", value))
            return fail("the checkpoint holds no " + part + " weights");
        *names = splitLines(value.toStringRef());
        checkpoint.archive.read(part + "_tensors", value);
        *tensors = value.toTensorVector();
    } catch (const std::exception &e) {
        return fail(std::string("the checkpoint's weights are damaged: ") + e.what());
    }
    if (names->size() != tensors->size())
        return fail("the checkpoint's weights are damaged (names and tensors disagree)");
    return true;
}

bool hasModulePart(LoadedCheckpoint &checkpoint, const std::string &part)
{
    c10::IValue value;
    try {
        return checkpoint.archive.try_read(part + "_names", value);
    } catch (const std::exception &) {
        return false;
    }
}

bool restoreModule(LoadedCheckpoint &checkpoint, const std::string &part, torch::nn::Module &model,
                   std::string *error)
{
    auto fail = [&](const std::string &why) {
        if (error)
            *error = checkpoint.path + ": " + why;
        return false;
    };
    std::vector<std::string> names;
    std::vector<at::Tensor> tensors;
    if (!readModuleTensors(checkpoint, part, &names, &tensors, error))
        return false;
    std::map<std::string, at::Tensor> saved;
    for (size_t i = 0; i < names.size(); ++i)
        saved.emplace(names[i], tensors[i]);

    torch::NoGradGuard noGrad;
    auto copyInto = [&](const std::string &name, at::Tensor target) {
        const auto found = saved.find(name);
        if (found == saved.end())
            return fail("the checkpoint has no weight '" + name + "' for this model");
        if (found->second.sizes() != target.sizes()) {
            std::ostringstream why;
            why << "weight '" << name << "' has shape " << found->second.sizes()
                << " in the checkpoint but " << target.sizes() << " in the model";
            return fail(why.str());
        }
        target.copy_(found->second);
        return true;
    };
    for (const auto &item : model.named_parameters(true)) {
        if (!copyInto(item.key(), item.value()))
            return false;
    }
    for (const auto &item : model.named_buffers(true)) {
        if (!copyInto(item.key(), item.value()))
            return false;
    }
    return true;
}

bool restoreOptimizer(LoadedCheckpoint &checkpoint, const std::string &part,
                      torch::optim::Optimizer &optimizer, std::string *error)
{
    try {
        torch::serialize::InputArchive optimizerArchive;
        if (!checkpoint.archive.try_read(part, optimizerArchive)) {
            if (error)
                *error = checkpoint.path + ": the checkpoint holds no optimizer state";
            return false;
        }
        optimizer.load(optimizerArchive);
    } catch (const std::exception &e) {
        if (error)
            *error = checkpoint.path + ": the optimizer state does not fit this run: " + e.what();
        return false;
    }
    return true;
}

bool restoreRng(LoadedCheckpoint &checkpoint, std::string *error)
{
    try {
        c10::IValue value;
        checkpoint.archive.read("rng", value);
        auto generator = at::detail::getDefaultCPUGenerator();
        std::lock_guard<std::mutex> lock(generator.mutex());
        generator.set_state(value.toTensor());
    } catch (const std::exception &e) {
        if (error)
            *error = checkpoint.path + ": the RNG state is damaged: " + e.what();
        return false;
    }
    return true;
}

} // namespace pulc::engine
