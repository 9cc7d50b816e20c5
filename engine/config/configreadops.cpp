// The DataLoader section of PaddleClas-shaped configs: the training and evaluation operator
// lists and the batch operators (part of the reader in configfile.cpp).

#include "engine/config/configreader.h"

#include "engine/scenes.h"

#include <cmath>
#include <thread>

namespace pulc::engine::configread {

void Reader::readDataLoader(const YAML::Node &node, const std::string &path)
{
    const Handler data = ignore(kIgnoredProjectData);
    const Handlers datasetCommon = {
        {"name",
         [this](const YAML::Node &n, const std::string &p) {
             if (nodeText(n) == "MultiLabelDataset")
                 m_multiLabel = true;
             r.ignored.push_back({p, kIgnoredProjectData});
         }},
        {"image_root", data},
        {"cls_label_path", data},
        {"sample_list_path", data},
        {"label_key", data},
        {"delimiter", data},
        {"label_ratio", data},
    };
    Handlers train = datasetCommon;
    train.push_back({"transform_ops", [this](auto &n, auto &p) { readTrainOps(n, p); }});
    train.push_back({"batch_transform_ops", [this](auto &n, auto &p) { readBatchOps(n, p); }});
    Handlers eval = datasetCommon;
    eval.push_back({"transform_ops", [this](auto &n, auto &p) { readEvalOps(n, p); }});

    walk(node, path,
         {{"Train",
           [=, this](const YAML::Node &n, const std::string &p) {
               walk(n, p,
                    {{"dataset",
                      [=, this](const YAML::Node &d, const std::string &dp) {
                          // A dataset without batch_transform_ops mixes nothing.
                          c.augment.mixupProb = c.augment.cutmixProb = 0.0;
                          walk(d, dp, train);
                      }},
                     {"sampler",
                      [this](const YAML::Node &s, const std::string &sp) {
                          walk(s, sp,
                               {{"name", expect({"DistributedBatchSampler", "BatchSampler"})},
                                {"batch_size",
                                 [this](const YAML::Node &b, const std::string &bp) {
                                     double value = 0;
                                     if (!parseConfigNumber(nodeText(b), &value) || value < 1 ||
                                         value != std::floor(value) || value > 4096)
                                         return error(bp, "an integer from 1 to 4096", b);
                                     m_batch = static_cast<int>(value);
                                 }},
                                {"drop_last", setting("drop_last")},
                                {"shuffle", expect({"true"})}});
                      }},
                     {"loader", [this](const YAML::Node &l, const std::string &lp) {
                          walk(l, lp,
                               {{"num_workers",
                                 [this](const YAML::Node &w, const std::string &wp) {
                                     double value = 0;
                                     if (!parseConfigNumber(nodeText(w), &value) || value < 0)
                                         return error(wp, "an integer >= 0", w);
                                     // Paddle's counts are per GPU process on a server.
                                     const int cores = std::max(
                                         1, static_cast<int>(std::thread::hardware_concurrency()));
                                     c.loaderThreads =
                                         std::clamp(static_cast<int>(value), 1, cores);
                                     if (c.loaderThreads != value)
                                         r.notes.push_back(wp + ": " + nodeText(w) + " workers " +
                                                           "become " +
                                                           std::to_string(c.loaderThreads) +
                                                           " loader threads on this machine");
                                 }},
                                {"use_shared_memory",
                                 ignore("ignored: loader workers are threads")}});
                      }}});
           }},
          {"Eval", [=, this](const YAML::Node &n, const std::string &p) {
               walk(n, p,
                    {{"dataset",
                      [=, this](const YAML::Node &d, const std::string &dp) { walk(d, dp, eval); }},
                     {"sampler", ignore(kIgnoredEvalLoader)},
                     {"loader", ignore(kIgnoredEvalLoader)}});
           }}});
}

// Sizes in PaddleClas ops are [w, h]; TrainConfig holds height and width.
void Reader::readTrainOps(const YAML::Node &list, const std::string &path)
{
    // The list is the whole training augmentation: what it does not name is off.
    AugmentConfig &a = c.augment;
    const AugmentConfig defaults;
    a.flipProb = 0.0;
    a.autoAugmentProb = 0.0;
    a.autoAugmentMagnitude = defaults.autoAugmentMagnitude;
    a.autoAugmentMagnitudeStd = defaults.autoAugmentMagnitudeStd;
    a.erasingProb = 0.0;
    a.blurLabels = false;
    a.rot90Labels = false;
    a.randCropScaleMin = defaults.randCropScaleMin;
    a.padWidth = a.padHeight = 0;
    a.preCropWidth = a.preCropHeight = 0;
    bool sawCrop = false, sawResize = false, sawAutoAugment = false, sawPad = false;
    bool sawRandomCrop = false;
    int cropW = 0, cropH = 0;
    // PULC Studio runs the operators in one fixed order (pipeline.h, trainTransform()); a file
    // that orders them otherwise would train something else, so it is refused, not reordered.
    int lastRank = -1;
    std::string lastOp;
    const auto inOrder = [&](const std::string &name, int rank, const std::string &p) {
        if (rank <= lastRank) {
            unsupported(p, name + " after " + lastOp +
                               " is not supported: PULC Studio runs [BlurImage], RandCropImage "
                               "or ResizeImage, [RandFlipImage], TimmAutoAugment, [Padv2], "
                               "[RandomCropImage], RandFlipImage, NormalizeImage, RandomErasing, "
                               "[RandomRot90] in this order");
        }
        lastRank = std::max(lastRank, rank);
        lastOp = name;
    };
    const Handler bilinear = expect({"bilinear", "cv2.INTER_LINEAR", "1"});
    const Handler cv2 = expect({"cv2"});
    const Handlers normalize = {{"scale", expectNumber(1.0 / 255.0)},
                                {"mean", expect({"[0.485, 0.456, 0.406]"})},
                                {"std", expect({"[0.229, 0.224, 0.225]"})},
                                {"order", expect({"", "hwc"})}};
    forEachOp(
        list, path, [&](const std::string &name, const YAML::Node &args, const std::string &p) {
            if (name == "DecodeImage") {
                inOrder(name, 0, p);
                walk(args, p, {{"to_rgb", expect({"true"})}, {"channel_first", expect({"false"})}});
            } else if (name == "RandCropImage") {
                inOrder(name, 2, p);
                sawCrop = true;
                a.geometry = TrainGeometry::RandCrop;
                walk(args, p,
                     {{"size", size(&c.trainWidth, &c.trainHeight)},
                      {"scale",
                       [&](const YAML::Node &n, const std::string &sp) {
                           double lo = 0, hi = 0;
                           if (!(n.IsSequence() && n.size() == 2 &&
                                 parseConfigNumber(nodeText(n[0]), &lo) &&
                                 parseConfigNumber(nodeText(n[1]), &hi)))
                               return error(sp, "[min, max] area fractions", n);
                           applySetting(c, "rand_crop_scale_min", nodeText(n[0]));
                           if (hi != 1.0)
                               unsupported(sp, "the largest crop is always the whole image (1.0)");
                       }},
                      {"ratio", expect({"[0.75, 1.3333333333333333]", "[0.75, 1.33]"})},
                      {"interpolation", bilinear},
                      {"backend", cv2},
                      {"use_log_aspect", expect({"false"})}});
            } else if (name == "ResizeImage") {
                inOrder(name, 2, p);
                sawResize = true;
                if (!sawCrop)
                    a.geometry = TrainGeometry::Resize;
                walk(args, p,
                     {{"size", size(&c.trainWidth, &c.trainHeight)},
                      {"resize_short",
                       [this](const YAML::Node &, const std::string &rp) {
                           unsupported(rp, "training resizes to a fixed size");
                       }},
                      {"interpolation", bilinear},
                      {"backend", cv2}});
            } else if (name == "RandFlipImage") {
                // Before TimmAutoAugment, or after it (or after a crop, which flipping commutes
                // with in distribution when there is no TimmAutoAugment).
                const bool late = sawAutoAugment || sawRandomCrop || sawPad;
                inOrder(name, late ? 7 : 3, p);
                a.flipProb = 0.5;
                a.flipBeforeAutoAugment = !late;
                walk(args, p, {{"flip_code", expect({"1"})}});
            } else if (name == "TimmAutoAugment") {
                inOrder(name, 4, p);
                sawAutoAugment = true;
                a.autoAugmentProb = 1.0; // PaddleClas's default when `prob` is absent
                walk(args, p,
                     {{"prob", setting("autoaugment_prob")},
                      {"interpolation", expect({"bicubic"})},
                      {"img_size", ignore("ignored: RandAugment works at the training size")},
                      {"config_str", [&](const YAML::Node &n, const std::string &cp) {
                           // rand-m9-mstd0.5-inc1: only the magnitude and its std may change.
                           std::stringstream parts(nodeText(n));
                           std::string part;
                           bool ok = std::getline(parts, part, '-') && part == "rand";
                           bool increasing = false;
                           while (ok && std::getline(parts, part, '-')) {
                               if (part.rfind("mstd", 0) == 0)
                                   ok = applySetting(c, "autoaugment_magnitude_std", part.substr(4))
                                            .ok;
                               else if (part.rfind("m", 0) == 0)
                                   ok = applySetting(c, "autoaugment_magnitude", part.substr(1)).ok;
                               else if (part == "inc1")
                                   increasing = true;
                               else
                                   ok = part == "n2";
                           }
                           if (!ok || !increasing)
                               unsupported(cp, "only rand-m<M>-mstd<S>-inc1 (2 ops) is supported");
                       }}});
            } else if (name == "NormalizeImage") {
                inOrder(name, 8, p);
                walk(args, p, normalize);
            } else if (name == "RandomErasing") {
                inOrder(name, 9, p);
                walk(args, p,
                     {{"EPSILON", setting("erasing_prob")},
                      {"sl", expectNumber(0.02)},
                      {"sh", expectNumber(1.0 / 3.0)},
                      {"r1", expectNumber(0.3)},
                      {"attempt", expectNumber(10)},
                      {"use_log_aspect", expect({"true"})},
                      {"mode", expect({"pixel"})}});
            } else if (name == "Padv2") {
                inOrder(name, 5, p);
                sawPad = true;
                a.geometry = TrainGeometry::ResizePadCrop;
                walk(args, p,
                     {{"size", size(&a.padWidth, &a.padHeight)},
                      {"pad_mode", expect({"1"})},
                      {"fill_value", expect({"0"})}});
            } else if (name == "RandomCropImage") {
                // First of the geometry: a plain crop of the decoded image. After RandCropImage,
                // ResizeImage or Padv2: cuts the train size out of what they produced.
                inOrder(name, sawCrop || sawResize || sawPad ? 6 : 2, p);
                sawRandomCrop = true;
                walk(args, p, {{"size", size(&cropW, &cropH)}});
            } else if (name == "BlurImage") {
                inOrder(name, 1, p);
                a.blurLabels = true;
                a.blurRatio = defaults.blurRatio;
                walk(args, p,
                     {{"ratio", setting("blur_ratio")},
                      {"motion_max_ksize", expectNumber(12)},
                      {"motion_max_angle", expectNumber(45)},
                      {"gaussian_max_ksize", expectNumber(12)}});
            } else if (name == "RandomRot90") {
                inOrder(name, 10, p);
                a.rot90Labels = true;
                walk(args, p, {});
            } else if (name == "ToCHWImage") {
                inOrder(name, 11, p);
                walk(args, p, {});
            } else {
                unsupported(p, "augmentation operator not supported");
            }
        });
    if (sawPad && !sawResize)
        unsupported(path + ".Padv2", "Padv2 is supported after a ResizeImage only");
    if (sawRandomCrop && cropW > 0 && cropH > 0) {
        if (!sawCrop && !sawResize && !sawPad) {
            a.geometry = TrainGeometry::RandomCrop;
        } else if (cropW != c.trainWidth || cropH != c.trainHeight) {
            // The first operator's size becomes the pre-crop size; the crop is what the model
            // sees. An equal size crops nothing (or, after Padv2, is ResizePadCrop's own crop).
            a.preCropWidth = c.trainWidth;
            a.preCropHeight = c.trainHeight;
        }
        c.trainWidth = cropW;
        c.trainHeight = cropH;
    }
    if (sawPad && sawResize && !sawRandomCrop)
        unsupported(path + ".Padv2", "Padv2 without a RandomCropImage after it is not supported");
}

void Reader::readBatchOps(const YAML::Node &list, const std::string &path)
{
    AugmentConfig &a = c.augment;
    const auto mix = [this](const char *alphaKey, const char *probKey, bool sampled) {
        return [this, alphaKey, probKey, sampled](const YAML::Node &args, const std::string &p) {
            // Without OpSampler the operator runs on every batch.
            applySetting(c, probKey, "1");
            walk(args, p, {{"alpha", setting(alphaKey)}, {"prob", setting(probKey)}});
            if (!sampled && args.IsMap() && args["prob"])
                unsupported(p + ".prob", "a probability needs OpSampler");
        };
    };
    forEachOp(list, path,
              [&](const std::string &name, const YAML::Node &args, const std::string &p) {
                  if (name == "MixupOperator")
                      mix("mixup_alpha", "mixup_prob", false)(args, p);
                  else if (name == "CutmixOperator")
                      mix("cutmix_alpha", "cutmix_prob", false)(args, p);
                  else if (name == "OpSampler")
                      walk(args, p,
                           {{"MixupOperator", mix("mixup_alpha", "mixup_prob", true)},
                            {"CutmixOperator", mix("cutmix_alpha", "cutmix_prob", true)}});
                  else
                      unsupported(p, "batch operator not supported (Mixup, Cutmix, OpSampler are)");
              });
    if (a.mixupProb + a.cutmixProb > 1.0 + 1e-9)
        r.errors.push_back(path + ": Mixup and Cutmix probabilities add up to more than 1");
}

void Reader::readEvalOps(const YAML::Node &list, const std::string &path)
{
    const Handler bilinear = expect({"bilinear", "cv2.INTER_LINEAR", "1"});
    forEachOp(
        list, path, [&](const std::string &name, const YAML::Node &args, const std::string &p) {
            if (name == "ResizeImage") {
                walk(args, p,
                     {{"resize_short", setting("resize_short")},
                      {"size", size(&c.inputWidth, &c.inputHeight, [this] { c.resizeShort = 0; })},
                      {"interpolation", bilinear},
                      {"backend", expect({"cv2"})}});
            } else if (name == "CropImage") {
                walk(args, p, {{"size", size(&c.inputWidth, &c.inputHeight)}});
            } else if (name == "DecodeImage") {
                walk(args, p, {{"to_rgb", expect({"true"})}, {"channel_first", expect({"false"})}});
            } else if (name == "NormalizeImage") {
                walk(args, p,
                     {{"scale", expectNumber(1.0 / 255.0)},
                      {"mean", expect({"[0.485, 0.456, 0.406]"})},
                      {"std", expect({"[0.229, 0.224, 0.225]"})},
                      {"order", expect({"", "hwc"})}});
            } else if (name == "ToCHWImage") {
                walk(args, p, {});
            } else {
                unsupported(p, "evaluation operator not supported");
            }
        });
}

} // namespace pulc::engine::configread
