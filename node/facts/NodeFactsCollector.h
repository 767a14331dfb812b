// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <filesystem>

#include "node/facts/NodeFacts.h"

namespace cowl::node {

class ContainerRuntime;

// Reads the server's facts from /proc, /sys and statvfs. The roots are
// options so a test can point them at a fixture tree of its own.
class NodeFactsCollector {
public:
    struct Options {
        std::filesystem::path storagePath;
        ContainerRuntime* runtime = nullptr; // for storage backend and container counts
        std::filesystem::path procRoot = "/proc";
        std::filesystem::path sysRoot = "/sys";
    };

    explicit NodeFactsCollector(Options options) : m_options(std::move(options)) {}

    NodeFacts collect() const;

    // True when the block device (a /sys/block/<name> or /sys/dev/block/M:m
    // directory) is a dm-crypt mapping or sits only on dm-crypt mappings.
    static bool isEncrypted(const std::filesystem::path& sysBlockDevice);

private:
    void collectDisks(NodeFacts& facts) const;
    void collectSwap(NodeFacts& facts) const;

    Options m_options;
};

} // namespace cowl::node
