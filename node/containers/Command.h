// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <string>
#include <vector>

namespace cowl::node {

struct CommandResult {
    int exitCode = -1;
    std::string output; // stdout and stderr together, for error messages
};

// Runs a program to completion with posix_spawn, which is safe from the
// threaded node (no fork of a multi-threaded process running user code).
class Command {
public:
    explicit Command(std::vector<std::string> argv) : m_argv(std::move(argv)) {}

    CommandResult run() const;
    // Runs and throws RuntimeError(Failed) with the program's output when it exits non-zero.
    std::string check(const std::string& what) const;

private:
    std::vector<std::string> m_argv;
};

} // namespace cowl::node
