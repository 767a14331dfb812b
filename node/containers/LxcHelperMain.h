// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

namespace cowl::node {

// The liblxc helper process: `cowl-node __lxc-helper` with the node's end of a
// socketpair on fd 3 (LxcHelperProcess::kChannelFd). It is single-threaded, so
// liblxc may fork in it; the threaded node never calls liblxc itself.
// Requests and answers are JSON lines (see docs/containers.md). Returns the
// process exit status when the node closes the channel.
int runLxcHelper(int fd);

} // namespace cowl::node
