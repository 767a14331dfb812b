// SPDX-License-Identifier: GPL-3.0-or-later
#include "node/cli/NodeConnection.h"

#include <climits>
#include <unistd.h>

namespace cowl::node {

std::string localHostName() {
    char name[HOST_NAME_MAX + 1] = {};
    if (::gethostname(name, sizeof name - 1) != 0 || name[0] == '\0')
        return "localhost";
    return name;
}

std::string connectionHost(const ListenAddress& listen) {
    return listen.isWildcard() ? localHostName() : listen.address;
}

ConnectionString connectionStringFor(const NodeConfig& config, const std::string& fingerprint,
                                     const std::string& token) {
    return ConnectionString{connectionHost(config.controlListen), config.controlListen.port, fingerprint, token};
}

} // namespace cowl::node
