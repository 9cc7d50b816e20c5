#pragma once

#include "importer.h"
#include "result.h"

#include <QString>

namespace pulc::dataset {

/// Where Debian's dataset-fashion-mnist package puts the IDX files.
inline constexpr char kFashionMnistDir[] = "/usr/share/datasets/fashion-mnist";

/// The ten Fashion-MNIST classes, in label-id order (slashes avoided so the names are also
/// valid folder names on export).
QStringList fashionMnistClassNames();

/// What the demo project holds.
struct DemoRequest
{
    QString dir;
    QString sourceDir = QString::fromLatin1(kFashionMnistDir);
    int trainImages = 5000; ///< taken from the training file, then split train/val
    int testImages = 1000;  ///< taken from the t10k file, as the test split
    double valFraction = 0.2;
};

/// The error text of a cancelled createDemoProject.
inline constexpr char kDemoCancelled[] = "demo creation cancelled";

/// Creates a ready single-label project from Fashion-MNIST: images written as PNG into the
/// project, a seeded stratified train/val split, and the test split from the test file. On
/// failure or cancel, a folder it created (or found empty) is left as it was found.
Result<QString> createDemoProject(const DemoRequest &request,
                                  const ImportCallbacks &callbacks = {});

} // namespace pulc::dataset
