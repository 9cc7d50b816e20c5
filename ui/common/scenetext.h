#pragma once

#include <engine/scenes.h>

#include <QString>

namespace pulc::ui {

/// The scene's title in the user's language (the engine's titles are English).
QString sceneTitle(const pulc::engine::SceneInfo &scene);

/// What the scene is for and the numbers of its recipe, in the user's language: one sentence
/// on the task, then input size, epochs, batch, learning rate and main metric of
/// pulc::engine::sceneConfig(), and for PULC scenes where the 4-GPU recipe's batch and LR come
/// from. Thread-safe.
QString sceneDescription(const pulc::engine::SceneInfo &scene);

} // namespace pulc::ui
