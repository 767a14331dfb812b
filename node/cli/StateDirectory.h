// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <filesystem>

namespace cowl::node {

// Where a node keeps its state (all under one 0700 directory):
//   node.json      configuration (written last by init: its presence means "initialised")
//   pki/           CA, control and proxy certificates and keys
//   store/         the DocumentStore (realms, tokens, projects, ...)
//   lock           flock'd by the running node
//   control.sock   the local control socket (HTTP over AF_UNIX)
class StateDirectory {
public:
    explicit StateDirectory(std::filesystem::path root) : m_root(std::move(root)) {}

    const std::filesystem::path& root() const { return m_root; }
    std::filesystem::path configFile() const { return m_root / "node.json"; }
    std::filesystem::path pkiDir() const { return m_root / "pki"; }
    std::filesystem::path storeDir() const { return m_root / "store"; }
    std::filesystem::path lockFile() const { return m_root / "lock"; }
    std::filesystem::path controlSocket() const { return m_root / "control.sock"; }

    bool isInitialised() const { return std::filesystem::exists(configFile()); }
    // Throws CommandFailure saying how to initialise when it is not.
    void requireInitialised() const;

private:
    std::filesystem::path m_root;
};

} // namespace cowl::node
