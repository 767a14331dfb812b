// SPDX-License-Identifier: GPL-3.0-or-later
#include "node/cli/StateDirectory.h"

#include "node/cli/CliError.h"

namespace cowl::node {

void StateDirectory::requireInitialised() const {
    if (!std::filesystem::is_directory(m_root))
        throw CommandFailure("the state directory " + m_root.string()
                             + " does not exist; create a node with: cowl-node init --state-dir " + m_root.string());
    if (!isInitialised())
        throw CommandFailure(m_root.string() + " is not an initialised node state directory (no node.json); create a node with: cowl-node init --state-dir "
                             + m_root.string());
}

} // namespace cowl::node
