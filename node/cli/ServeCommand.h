// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <string>
#include <vector>

namespace cowl::node {

// `cowl-node serve`: loads the state directory (refusing a damaged one), holds
// its lock, runs the control API until SIGTERM or SIGINT.
class ServeCommand {
public:
    static const char* help();
    static int run(const std::vector<std::string>& args);
};

} // namespace cowl::node
