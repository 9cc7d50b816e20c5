#pragma once

// The model side of importing a weights file as a run (importModelIntoProject() in
// engine/projectjobs.h does the project side). No Torch in this header: the network is held
// behind the class.

#include "engine/trainconfig.h"
#include "engine/training.h"

#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace pulc::engine {

/// What to import and what the project says about it (see ImportModelRequest for the fields
/// the user sets).
struct ModelImportRequest
{
    std::string file;
    std::string scene;
    std::string model;
    std::vector<std::string> settings;
    std::string labelsFile;
    std::string configFile;
    /// The scene of the project's latest run ("" = none): the scene when nothing else names one.
    std::string latestRunScene;
    /// The project's classes and task, asked only when neither the labels file, the checkpoint
    /// nor the scene template names the classes; false when the project has none.
    std::function<bool(DatasetSnapshot *)> projectData;
};

/// A weights file read and matched: its architecture, scene, config and class names, and a
/// network with its weights loaded strictly (every weight must fit).
class ModelImport
{
public:
    ModelImport();
    ~ModelImport();
    ModelImport(const ModelImport &) = delete;
    ModelImport &operator=(const ModelImport &) = delete;

    /// Reads the file and decides everything; false with `error` naming the file and the
    /// problem. May throw (out of memory, a Torch error); the caller reports it.
    bool plan(const ModelImportRequest &request, std::string *error);

    // After a successful plan():
    const std::string &file() const;   ///< absolute
    const std::string &format() const; ///< "pdparams" or "checkpoint"
    const TrainConfig &config() const;
    const std::vector<std::string> &classNames() const;
    const std::vector<std::string> &messages() const; ///< notes for the user
    /// Writes the network as a finished run's checkpoint (epoch 0) to `path`.
    bool saveCheckpoint(const std::string &path, std::string *error) const;

    struct Plan;

private:
    std::unique_ptr<Plan> m_plan;
};

} // namespace pulc::engine
