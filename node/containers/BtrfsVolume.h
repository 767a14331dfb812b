// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <filesystem>

namespace cowl::node {

// btrfs subvolume operations through the kernel's ioctls (no btrfs-progs on
// the hot path): a snapshot is O(1) in the subvolume's size.
class BtrfsVolume {
public:
    static bool isBtrfs(const std::filesystem::path& path);
    static bool isSubvolume(const std::filesystem::path& path);
    // A writable snapshot of `source` (a subvolume) at `target` (must not exist).
    static void snapshot(const std::filesystem::path& source, const std::filesystem::path& target);
    static void remove(const std::filesystem::path& subvolume);
};

} // namespace cowl::node
