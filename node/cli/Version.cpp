// SPDX-License-Identifier: GPL-3.0-or-later
#include "node/cli/Version.h"

namespace cowl::node {

const char* version() { return COWL_VERSION; }

} // namespace cowl::node
