#pragma once
// PaddleClas's image augmentation operators (docs/paddleclas-compat.md, 'Augmentation operators')
// on cv::Mat, without Torch, so the data pipeline can be tested and reused outside the training
// code. Images are HWC: uint8 RGB until normalizeImage, float32 after it.

#include <opencv2/core.hpp>

#include <array>
#include <cstdint>
#include <random>
#include <span>
#include <string>

namespace pulc::engine {

/// The one source of randomness for the operators. Seeded explicitly so that a run (and a test)
/// can be repeated; not thread-safe: give each worker its own.
class AugmentRng
{
public:
    explicit AugmentRng(std::uint32_t seed)
        : m_engine(seed)
    {}

    /// Uniform in [lo, hi), like Python's random.uniform.
    double uniform(double lo, double hi);
    /// Uniform integer in [lo, hi] inclusive, like Python's random.randint.
    int randint(int lo, int hi);
    /// Standard normal N(0, 1).
    double normal();

    std::mt19937 &engine() { return m_engine; }

private:
    std::mt19937 m_engine;
};

/// An image or an English error message (docs/architecture.md, 'Errors'); the image is empty on
/// failure.
struct AugmentResult
{
    cv::Mat image;
    std::string error;

    bool ok() const { return error.empty(); }
    explicit operator bool() const { return ok(); }
    static AugmentResult failure(std::string message) { return {cv::Mat(), std::move(message)}; }
};

/// DecodeImage(to_rgb=True): encoded bytes to a 3-channel uint8 RGB image. Files the import
/// would refuse from their header (dataset::imageHeaderRefusal(): unrecognised format, over
/// 16384 pixels per side or 64 megapixels) are refused with its reason, before decoding.
/// With `minShortSide` > 0, a JPEG whose short side is at least twice that is decoded at the
/// smallest of 1/2, 1/4, 1/8 scale (libjpeg's DCT-domain scaling) that keeps the short side at
/// `minShortSide` or more; other formats and smaller JPEGs decode at full size.
AugmentResult decodeImage(std::span<const unsigned char> bytes, int minShortSide = 0);

/// The DCT scale decodeImage() uses for an image of this format and size: 1, 2, 4 or 8.
int jpegReduction(const char *format, cv::Size size, int minShortSide);

/// ResizeImage(size=[w,h]): direct INTER_LINEAR resize.
AugmentResult resizeImage(const cv::Mat &image, cv::Size size);

/// The target size of ResizeImage(resize_short=S): both sides times S/min(w,h), each rounded
/// half-to-even as Python's round does (375x500 with S=256 gives 256x341).
cv::Size resizeShortSize(cv::Size input, int shortSide);

/// ResizeImage(resize_short=S) with INTER_LINEAR.
AugmentResult resizeShort(const cv::Mat &image, int shortSide);

/// CropImage(size): centre crop at ((W-w)//2, (H-h)//2); fails if the image is smaller.
AugmentResult cropImage(const cv::Mat &image, cv::Size size);

/// RandCropImage parameters (ppcls's RandomResizedCrop variant, no retry loop).
struct RandCropParams
{
    cv::Size size{224, 224};
    double scaleMin = 0.08;
    double scaleMax = 1.0;
    double ratioMin = 3.0 / 4.0;
    double ratioMax = 4.0 / 3.0;
    bool useLogAspect = false;
};

/// The source window RandCropImage draws for an image of the given size, before the resize.
/// Separate so the sampling can be checked without pixels.
cv::Rect randCropWindow(cv::Size image, const RandCropParams &params, AugmentRng &rng);

/// RandCropImage: random area and aspect (clamped by the image's own bound), uniform position,
/// then INTER_LINEAR resize to params.size.
AugmentResult randCropImage(const cv::Mat &image, const RandCropParams &params, AugmentRng &rng);

/// RandFlipImage(flip_code=1): horizontal mirror with the given probability. Without the
/// mirror the result shares `image`'s pixels (no copy).
cv::Mat randFlipImage(const cv::Mat &image, AugmentRng &rng, double probability = 0.5);

/// NormalizeImage parameters; the defaults are PaddleClas's ImageNet ones.
struct NormalizeParams
{
    float scale = 1.0f / 255.0f;
    std::array<float, 3> mean{0.485f, 0.456f, 0.406f};
    std::array<float, 3> std{0.229f, 0.224f, 0.225f};
};

/// NormalizeImage: (x*scale - mean)/std per channel, computed in float32 like numpy does;
/// the output is CV_32FC3. Fails unless the input has 3 channels.
AugmentResult normalizeImage(const cv::Mat &image, const NormalizeParams &params = {});

/// RandomErasing parameters ("pixel" mode only).
struct RandomErasingParams
{
    double probability = 0.5; ///< EPSILON
    double sl = 0.02;
    double sh = 1.0 / 3.0;
    double r1 = 0.3;
    int attempts = 10;
    bool useLogAspect = true;
};

/// RandomErasing on the normalised float32 image: with probability EPSILON, up to `attempts`
/// tries to place an h x w patch that fits, filled with N(0,1) per pixel and channel.
/// `patch`, when given, receives the erased rectangle or an empty one.
AugmentResult randomErasing(const cv::Mat &image, const RandomErasingParams &params,
                            AugmentRng &rng, cv::Rect *patch = nullptr);

/// Padv2(size=[w,h], pad_mode=1): centre the image on a constant canvas. A uint8 image with a
/// whole fill value from 0 to 255 stays uint8 (the same values); anything else becomes float32.
/// Fails if the image is larger than the canvas.
AugmentResult padv2(const cv::Mat &image, cv::Size size, double fillValue = 0.0);

/// RandomCropImage(size=[w,h]): plain uniform crop, no resize; fails if the image is smaller.
AugmentResult randomCropImage(const cv::Mat &image, cv::Size size, AugmentRng &rng);

/// np.rot90(image, k): k quarter turns counter-clockwise (k taken modulo 4).
cv::Mat rot90(const cv::Mat &image, int k);

/// RandomRot90's output: the rotated image and k, which the task uses as the label.
struct Rot90Result
{
    cv::Mat image;
    int k = 0;
};

/// RandomRot90: k uniform in {0, 1, 2, 3}.
Rot90Result randomRot90(const cv::Mat &image, AugmentRng &rng);

} // namespace pulc::engine
