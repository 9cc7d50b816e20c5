#include "engine/config/yamllimits.h"

#include <new>

namespace pulc::engine {
namespace {

enum class Exceeded { None, Nodes, Bytes, Depth };

class TreeCounter
{
public:
    explicit TreeCounter(const YamlLimits &limits)
        : m_limits(limits)
    {}

    Exceeded visit(const YAML::Node &node, int depth)
    {
        if (++m_nodes > m_limits.maxNodes)
            return Exceeded::Nodes;
        if (depth > m_limits.maxDepth)
            return Exceeded::Depth;
        switch (node.Type()) {
        case YAML::NodeType::Scalar:
            m_bytes += static_cast<int64_t>(node.Scalar().size());
            return m_bytes > m_limits.maxScalarBytes ? Exceeded::Bytes : Exceeded::None;
        case YAML::NodeType::Sequence:
            for (const auto &item : node) {
                if (const Exceeded e = visit(item, depth + 1); e != Exceeded::None)
                    return e;
            }
            return Exceeded::None;
        case YAML::NodeType::Map:
            for (const auto &item : node) {
                if (const Exceeded e = visit(item.first, depth + 1); e != Exceeded::None)
                    return e;
                if (const Exceeded e = visit(item.second, depth + 1); e != Exceeded::None)
                    return e;
            }
            return Exceeded::None;
        default:
            return Exceeded::None;
        }
    }

private:
    const YamlLimits &m_limits;
    int64_t m_nodes = 0;
    int64_t m_bytes = 0;
};

} // namespace

std::string checkYamlTree(const YAML::Node &root, const YamlLimits &limits)
{
    try {
        switch (TreeCounter(limits).visit(root, 0)) {
        case Exceeded::None:
            return {};
        case Exceeded::Nodes:
            return "the YAML expands to more than " + std::to_string(limits.maxNodes) +
                   " nodes through its aliases (*name), far more than any config holds";
        case Exceeded::Bytes:
            return "the YAML expands to more than " +
                   std::to_string(limits.maxScalarBytes / (1024 * 1024)) +
                   " MB of text through its aliases (*name), far more than any config holds";
        case Exceeded::Depth:
            return "the YAML nests deeper than " + std::to_string(limits.maxDepth) +
                   " levels (or an alias refers to the node that contains it)";
        }
    } catch (const std::bad_alloc &) {
        return "out of memory while reading the YAML";
    } catch (const YAML::Exception &e) {
        return e.what();
    }
    return {};
}

} // namespace pulc::engine
