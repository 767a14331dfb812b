// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <string>
#include <vector>

namespace cowl::node {

// `cowl-node init`: a new node state directory (config, certificates, realm
// "default", the operator token). Prints the connection string on stdout.
class InitCommand {
public:
    static const char* help();
    static int run(const std::vector<std::string>& args);
};

} // namespace cowl::node
