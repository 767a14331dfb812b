// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "node/config/NodeConfig.h"
#include "shared/api/ConnectionString.h"

#include <string>

namespace cowl::node {

// This machine's host name (for certificate names and wildcard listeners).
std::string localHostName();

// The host a console should dial: the control listen address, or the host
// name when the node listens on every address (0.0.0.0 or ::).
std::string connectionHost(const ListenAddress& listen);

ConnectionString connectionStringFor(const NodeConfig& config, const std::string& fingerprint,
                                     const std::string& token);

} // namespace cowl::node
