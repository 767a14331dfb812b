// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <string>
#include <vector>

namespace cowl::node {

// `cowl-node lockdown|unlock --container ID | --project ID | --all`: sets
// enable_proxy in the proxy settings, for an operator on SSH when the console
// is not at hand. A running node gets it through its control socket (so it
// cuts connections and tells every console at once); a stopped node gets it
// in its store, and starts locked.
class LockdownCommand {
public:
    static const char* help();
    // `lock` true for lockdown, false for unlock.
    static int run(const std::vector<std::string>& args, bool lock);
};

} // namespace cowl::node
