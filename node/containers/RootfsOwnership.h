// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <filesystem>

namespace cowl::node {

// Containers run in a user namespace: uid/gid 0 inside is `base` on the host.
// A rootfs unpacked by the node (tarball template) belongs to host ids 0..65535
// and must be shifted into the container's range, files and symlinks alike.
class RootfsOwnership {
public:
    static void shift(const std::filesystem::path& rootfs, unsigned base);
};

} // namespace cowl::node
