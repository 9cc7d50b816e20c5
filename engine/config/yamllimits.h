#pragma once
// Internal to engine/ (yaml-cpp): bounds on how large a YAML tree may become once its aliases
// are followed. yaml-cpp shares an anchored node between its aliases, so parsing a "billion
// laughs" file is cheap, but any reader that walks or prints the tree visits every alias
// again: ten aliases of ten aliases of ... turn 400 bytes into gigabytes of nodes or text, and
// an anchor used inside itself (`&a [*a]`) makes the tree endless. Readers check a parsed tree
// with checkYamlTree() before walking it.

#include <yaml-cpp/yaml.h>

#include <cstdint>
#include <string>

namespace pulc::engine {

/// The most a config or inference file may hold once aliases are expanded. A PaddleClas
/// training config has a few hundred nodes, under 10 levels deep, and a few kilobytes of text;
/// the bounds leave room for a thousand times that.
struct YamlLimits
{
    int64_t maxNodes = 200000;                ///< keys, values and list items, aliases counted
    int64_t maxScalarBytes = 8 * 1024 * 1024; ///< text of all scalars, aliases counted
    int maxDepth = 64;                        ///< nesting of mappings and lists
};

/// The largest YAML text a reader accepts (bytes): far beyond any config, small enough to read.
inline constexpr int64_t kMaxYamlFileBytes = 4 * 1024 * 1024;

/// Visits `root` as a reader following every alias would, stopping as soon as a bound is
/// passed. Empty when the tree is within `limits`; otherwise a one-line English reason naming
/// the bound ("the YAML expands to more than 200000 nodes through its aliases"). The cost is
/// bounded by the limits, whatever the tree. Never throws std::bad_alloc (reported as a reason).
std::string checkYamlTree(const YAML::Node &root, const YamlLimits &limits = {});

} // namespace pulc::engine
