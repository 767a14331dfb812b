// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <filesystem>
#include <string_view>

namespace cowl::node {

// A btrfs filesystem in a loop-mounted image file, for servers whose disks
// are not btrfs: `cowl-node init --storage-image SIZE`. Snapshots are then
// copy-on-write. The image is sparse: SIZE is a ceiling, not an allocation.
class StorageImage {
public:
    static constexpr std::uint64_t kMinimumBytes = 256ull * 1024 * 1024; // mkfs.btrfs needs ~114 MiB

    // "20G", "512M", "1T", "1073741824"; throws RuntimeError(InvalidInput, "storage_image").
    static std::uint64_t parseSize(std::string_view text);
    // Creates the image, makes a btrfs filesystem in it and mounts it at mountPoint.
    // Refuses (Conflict) an existing image; undoes its steps on failure.
    static void create(const std::filesystem::path& image, std::uint64_t sizeBytes,
                       const std::filesystem::path& mountPoint);
    // Mounts an existing image at mountPoint unless something is mounted there already (node start).
    static void mount(const std::filesystem::path& image, const std::filesystem::path& mountPoint);
    static bool isMountPoint(const std::filesystem::path& path);
};

// For the CLI: the image at `image`, `sizeBytes` large, mounted at `mountPoint`.
inline void createStorageImage(const std::filesystem::path& image, std::uint64_t sizeBytes,
                               const std::filesystem::path& mountPoint) {
    StorageImage::create(image, sizeBytes, mountPoint);
}

} // namespace cowl::node
