// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

namespace cowl::node {

// The node's version as `cowl-node --version` prints it.
const char* version();

} // namespace cowl::node
