#pragma once
// Internal to engine/ (LibTorch): turns a trained network into an InferenceGraph.

#include "engine/deploy/inferencegraph.h"
#include "engine/nets/network.h"
#include "engine/trainconfig.h"

#include <string>

namespace pulc::engine {

/// Folds `net` (in eval mode; weights are read, not changed) into `graph` for the input size,
/// strides, last conv, dropout and task of `config`: conv weights scaled by
/// gamma / sqrt(var + eps), bias beta - mean * scale, fc scaled by (1 - dropout), softmax for
/// single-label and binary tasks, sigmoid for multi-label. Returns false with a message when
/// the network is not a PP-LCNet (other architectures keep the LibTorch path).
bool foldNetwork(ClassifierNet &net, const TrainConfig &config, int classes, InferenceGraph *graph,
                 std::string *error);

} // namespace pulc::engine
