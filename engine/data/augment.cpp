#include "engine/augment.h"

#include "dataset/imageheader.h"

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cfenv>
#include <cmath>
#include <optional>

namespace pulc::engine {

namespace {

/// Python 3's round(): half to even. nearbyint follows the current rounding mode, which is
/// round-to-nearest-even unless someone changed it, so ask for that mode explicitly.
double pythonRound(double x)
{
    const int saved = std::fegetround();
    std::fesetround(FE_TONEAREST);
    const double r = std::nearbyint(x);
    std::fesetround(saved);
    return r;
}

std::string sizeText(cv::Size s)
{
    return std::to_string(s.width) + "x" + std::to_string(s.height);
}

} // namespace

double AugmentRng::uniform(double lo, double hi)
{
    // Python computes lo + (hi-lo)*random(); do the same so a reversed range still works.
    return lo + (hi - lo) * std::generate_canonical<double, 53>(m_engine);
}

int AugmentRng::randint(int lo, int hi)
{
    return std::uniform_int_distribution<int>(lo, hi)(m_engine);
}

double AugmentRng::normal()
{
    return std::normal_distribution<double>(0.0, 1.0)(m_engine);
}

int jpegReduction(const char *format, cv::Size size, int minShortSide)
{
    if (minShortSide <= 0 || !format || std::string(format) != "jpeg")
        return 1;
    const int shortSide = std::min(size.width, size.height);
    for (const int factor : {8, 4, 2}) {
        // libjpeg rounds the scaled size up; the floor keeps the promise either way.
        if (shortSide / factor >= minShortSide)
            return factor;
    }
    return 1;
}

AugmentResult decodeImage(std::span<const unsigned char> bytes, int minShortSide)
{
    if (bytes.empty())
        return AugmentResult::failure("cannot decode image: no data");
    // The import's limits, read from the header before OpenCV allocates any pixel: files that
    // never went through the import (predict, a dataset edited on disk) would otherwise be
    // decoded whatever their size. The check also keeps the size within imdecode's int.
    std::optional<dataset::RawImageHeader> header;
    if (std::string refusal = dataset::imageHeaderRefusal(bytes.data(), bytes.size(),
                                                          dataset::ImageLimits{}, &header);
        !refusal.empty())
        return AugmentResult::failure(refusal);
    int flags = cv::IMREAD_COLOR;
    if (header) {
        const cv::Size size(static_cast<int>(header->width), static_cast<int>(header->height));
        switch (jpegReduction(header->format, size, minShortSide)) {
        case 2:
            flags = cv::IMREAD_REDUCED_COLOR_2;
            break;
        case 4:
            flags = cv::IMREAD_REDUCED_COLOR_4;
            break;
        case 8:
            flags = cv::IMREAD_REDUCED_COLOR_8;
            break;
        default:
            break;
        }
    }
    // imdecode takes a non-const Mat header but only reads it.
    const cv::Mat buffer(1, static_cast<int>(bytes.size()), CV_8UC1,
                         const_cast<unsigned char *>(bytes.data()));
    cv::Mat image;
    try {
        image = cv::imdecode(buffer, flags);
    } catch (const cv::Exception &e) {
        return AugmentResult::failure(std::string("cannot decode image: ") + e.what());
    }
    if (image.empty())
        return AugmentResult::failure("cannot decode image: unknown or corrupt format");
    cv::cvtColor(image, image, cv::COLOR_BGR2RGB); // in place: no second image-sized buffer
    return {image, {}};
}

AugmentResult resizeImage(const cv::Mat &image, cv::Size size)
{
    if (image.empty())
        return AugmentResult::failure("resize: empty image");
    if (size.width <= 0 || size.height <= 0)
        return AugmentResult::failure("resize: target size " + sizeText(size) +
                                      " must be positive");
    cv::Mat out;
    cv::resize(image, out, size, 0, 0, cv::INTER_LINEAR);
    return {out, {}};
}

cv::Size resizeShortSize(cv::Size input, int shortSide)
{
    const double percent =
        static_cast<double>(shortSide) / static_cast<double>(std::min(input.width, input.height));
    return {static_cast<int>(pythonRound(input.width * percent)),
            static_cast<int>(pythonRound(input.height * percent))};
}

AugmentResult resizeShort(const cv::Mat &image, int shortSide)
{
    if (image.empty())
        return AugmentResult::failure("resize_short: empty image");
    if (shortSide <= 0)
        return AugmentResult::failure("resize_short: short side must be positive, got " +
                                      std::to_string(shortSide));
    return resizeImage(image, resizeShortSize(image.size(), shortSide));
}

AugmentResult cropImage(const cv::Mat &image, cv::Size size)
{
    if (size.width <= 0 || size.height <= 0)
        return AugmentResult::failure("crop: size " + sizeText(size) + " must be positive");
    if (image.cols < size.width || image.rows < size.height)
        return AugmentResult::failure("crop: image " + sizeText(image.size()) +
                                      " is smaller than the crop " + sizeText(size));
    const int x = (image.cols - size.width) / 2;
    const int y = (image.rows - size.height) / 2;
    return {image(cv::Rect(x, y, size.width, size.height)).clone(), {}};
}

cv::Rect randCropWindow(cv::Size image, const RandCropParams &params, AugmentRng &rng)
{
    const double imgW = image.width;
    const double imgH = image.height;
    // ppcls works with the square root of the aspect: w grows by it and h shrinks by it.
    const double aspect =
        params.useLogAspect
            ? std::exp(rng.uniform(std::log(params.ratioMin), std::log(params.ratioMax)))
            : rng.uniform(params.ratioMin, params.ratioMax);
    const double wf = std::sqrt(aspect);
    const double hf = 1.0 / wf;
    // The largest area fraction whose crop still fits both sides: replaces a retry loop.
    const double bound = std::min((imgW / imgH) / (wf * wf), (imgH / imgW) / (hf * hf));
    const double scaleMax = std::min(params.scaleMax, bound);
    const double scaleMin = std::min(params.scaleMin, bound);
    const double targetSize = std::sqrt(imgW * imgH * rng.uniform(scaleMin, scaleMax));
    // int() truncates; the clamp only guards against rounding at the bound and tiny images
    // (where Python would fail on an empty slice).
    const int w = std::clamp(static_cast<int>(targetSize * wf), 1, image.width);
    const int h = std::clamp(static_cast<int>(targetSize * hf), 1, image.height);
    const int x = rng.randint(0, image.width - w);
    const int y = rng.randint(0, image.height - h);
    return {x, y, w, h};
}

AugmentResult randCropImage(const cv::Mat &image, const RandCropParams &params, AugmentRng &rng)
{
    if (image.empty())
        return AugmentResult::failure("RandCropImage: empty image");
    if (params.size.width <= 0 || params.size.height <= 0)
        return AugmentResult::failure("RandCropImage: size " + sizeText(params.size) +
                                      " must be positive");
    const cv::Rect window = randCropWindow(image.size(), params, rng);
    cv::Mat out;
    cv::resize(image(window), out, params.size, 0, 0, cv::INTER_LINEAR);
    return {out, {}};
}

cv::Mat randFlipImage(const cv::Mat &image, AugmentRng &rng, double probability)
{
    if (rng.uniform(0.0, 1.0) < probability) {
        cv::Mat out;
        cv::flip(image, out, 1);
        return out;
    }
    return image;
}

AugmentResult normalizeImage(const cv::Mat &image, const NormalizeParams &params)
{
    if (image.empty() || image.channels() != 3)
        return AugmentResult::failure("NormalizeImage: expected a 3-channel image, got " +
                                      std::to_string(image.channels()) + " channels");
    cv::Mat out(image.size(), CV_32FC3);
    if (image.depth() == CV_8U) {
        // 256 values per channel: a table computed with the same float32 expression gives the
        // same numbers without a float copy of the image.
        float table[3][256];
        for (int ch = 0; ch < 3; ++ch)
            for (int v = 0; v < 256; ++v)
                table[ch][v] =
                    (static_cast<float>(v) * params.scale - params.mean[ch]) / params.std[ch];
        for (int r = 0; r < image.rows; ++r) {
            const uchar *src = image.ptr<uchar>(r);
            float *dst = out.ptr<float>(r);
            for (int c = 0; c < 3 * image.cols; c += 3) {
                dst[c] = table[0][src[c]];
                dst[c + 1] = table[1][src[c + 1]];
                dst[c + 2] = table[2][src[c + 2]];
            }
        }
        return {out, {}};
    }
    cv::Mat input;
    image.convertTo(input, CV_32F);
    for (int r = 0; r < input.rows; ++r) {
        const auto *src = input.ptr<cv::Vec3f>(r);
        auto *dst = out.ptr<cv::Vec3f>(r);
        for (int c = 0; c < input.cols; ++c)
            for (int ch = 0; ch < 3; ++ch)
                dst[c][ch] = (src[c][ch] * params.scale - params.mean[ch]) / params.std[ch];
    }
    return {out, {}};
}

AugmentResult randomErasing(const cv::Mat &image, const RandomErasingParams &params,
                            AugmentRng &rng, cv::Rect *patch)
{
    if (patch)
        *patch = cv::Rect();
    if (image.empty() || image.depth() != CV_32F)
        return AugmentResult::failure("RandomErasing: expected a normalised float32 image");
    cv::Mat out = image.clone();
    // Same test as PaddleClas: skip when random() > EPSILON.
    if (rng.uniform(0.0, 1.0) > params.probability)
        return {out, {}};
    const double area = static_cast<double>(image.rows) * image.cols;
    const double ratioLo = params.useLogAspect ? std::log(params.r1) : params.r1;
    const double ratioHi = params.useLogAspect ? std::log(1.0 / params.r1) : 1.0 / params.r1;
    for (int attempt = 0; attempt < params.attempts; ++attempt) {
        const double target = rng.uniform(params.sl, params.sh) * area;
        const double drawn = rng.uniform(ratioLo, ratioHi);
        const double aspect = params.useLogAspect ? std::exp(drawn) : drawn;
        const int h = static_cast<int>(pythonRound(std::sqrt(target * aspect)));
        const int w = static_cast<int>(pythonRound(std::sqrt(target / aspect)));
        if (w < image.cols && h < image.rows) {
            const int y = rng.randint(0, image.rows - h);
            const int x = rng.randint(0, image.cols - w);
            const int channels = out.channels();
            for (int r = y; r < y + h; ++r) {
                auto *row = out.ptr<float>(r);
                for (int c = x; c < x + w; ++c)
                    for (int ch = 0; ch < channels; ++ch)
                        row[c * channels + ch] = static_cast<float>(rng.normal());
            }
            if (patch)
                *patch = cv::Rect(x, y, w, h);
            break;
        }
    }
    return {out, {}};
}

AugmentResult padv2(const cv::Mat &image, cv::Size size, double fillValue)
{
    if (image.empty())
        return AugmentResult::failure("Padv2: empty image");
    if (image.cols > size.width || image.rows > size.height)
        return AugmentResult::failure("Padv2: image " + sizeText(image.size()) +
                                      " is larger than the canvas " + sizeText(size));
    // uint8 pixels on a uint8 canvas when the fill is a byte value: the same numbers, a quarter
    // of the memory, and NormalizeImage then takes its table path.
    const bool bytes = image.depth() == CV_8U && fillValue >= 0.0 && fillValue <= 255.0 &&
                       fillValue == std::floor(fillValue);
    const int depth = bytes ? CV_8U : CV_32F;
    cv::Mat canvas(size, CV_MAKETYPE(depth, image.channels()), cv::Scalar::all(fillValue));
    const int x = (size.width - image.cols) / 2;
    const int y = (size.height - image.rows) / 2;
    cv::Mat target = canvas(cv::Rect(x, y, image.cols, image.rows));
    image.convertTo(target, depth);
    return {canvas, {}};
}

AugmentResult randomCropImage(const cv::Mat &image, cv::Size size, AugmentRng &rng)
{
    if (size.width <= 0 || size.height <= 0)
        return AugmentResult::failure("RandomCropImage: size " + sizeText(size) +
                                      " must be positive");
    if (image.cols < size.width || image.rows < size.height)
        return AugmentResult::failure("RandomCropImage: image " + sizeText(image.size()) +
                                      " is smaller than the crop " + sizeText(size));
    // PaddleClas draws the row first, then the column.
    const int y = rng.randint(0, image.rows - size.height);
    const int x = rng.randint(0, image.cols - size.width);
    return {image(cv::Rect(x, y, size.width, size.height)).clone(), {}};
}

cv::Mat rot90(const cv::Mat &image, int k)
{
    cv::Mat out;
    switch (((k % 4) + 4) % 4) {
    case 1:
        cv::rotate(image, out, cv::ROTATE_90_COUNTERCLOCKWISE);
        break;
    case 2:
        cv::rotate(image, out, cv::ROTATE_180);
        break;
    case 3:
        cv::rotate(image, out, cv::ROTATE_90_CLOCKWISE);
        break;
    default:
        out = image.clone();
    }
    return out;
}

Rot90Result randomRot90(const cv::Mat &image, AugmentRng &rng)
{
    const int k = rng.randint(0, 3);
    return {rot90(image, k), k};
}

} // namespace pulc::engine
