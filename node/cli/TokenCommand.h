// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <string>
#include <vector>

namespace cowl::node {

// `cowl-node token create|list|revoke`. Through the node's control socket when
// it runs (so it takes effect at once: a revoked token's WebSockets close),
// straight into the store under the state lock when it does not.
class TokenCommand {
public:
    static const char* help();
    static int run(const std::vector<std::string>& args);
};

} // namespace cowl::node
