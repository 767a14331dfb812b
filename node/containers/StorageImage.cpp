// SPDX-License-Identifier: GPL-3.0-or-later
#include "node/containers/StorageImage.h"

#include <cerrno>
#include <charconv>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "node/containers/BtrfsVolume.h"
#include "node/containers/Command.h"
#include "node/containers/RuntimeError.h"

namespace cowl::node {

std::uint64_t StorageImage::parseSize(std::string_view text) {
    const auto bad = [&] {
        return RuntimeError(RuntimeError::Kind::InvalidInput, "storage_image",
                            "\"" + std::string(text) + "\" is not a size; write e.g. 20G, 512M or 1T (at least 256M)");
    };
    std::uint64_t number = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), number);
    if (ec != std::errc() || end == text.data()) {
        throw bad();
    }
    const std::string_view unit(end, static_cast<std::size_t>(text.data() + text.size() - end));
    int shift = 0;
    if (unit == "K" || unit == "KiB") {
        shift = 10;
    } else if (unit == "M" || unit == "MiB") {
        shift = 20;
    } else if (unit == "G" || unit == "GiB") {
        shift = 30;
    } else if (unit == "T" || unit == "TiB") {
        shift = 40;
    } else if (!unit.empty()) {
        throw bad();
    }
    if (number > (UINT64_MAX >> shift)) {
        throw bad();
    }
    const std::uint64_t bytes = number << shift;
    if (bytes < kMinimumBytes) {
        throw bad();
    }
    return bytes;
}

bool StorageImage::isMountPoint(const std::filesystem::path& path) {
    struct stat self {}, parent {};
    if (stat(path.c_str(), &self) != 0 || stat((path / "..").c_str(), &parent) != 0) {
        return false;
    }
    return self.st_dev != parent.st_dev;
}

void StorageImage::create(const std::filesystem::path& image, std::uint64_t sizeBytes,
                          const std::filesystem::path& mountPoint) {
    if (sizeBytes < kMinimumBytes) {
        throw RuntimeError(RuntimeError::Kind::InvalidInput, "storage_image", "a storage image needs at least 256M");
    }
    if (std::filesystem::exists(image)) {
        throw RuntimeError(RuntimeError::Kind::Conflict, "storage_image",
                           image.string() + " already exists; remove it or choose another path");
    }
    if (isMountPoint(mountPoint)) {
        throw RuntimeError(RuntimeError::Kind::Conflict, "storage_image",
                           "something is already mounted at " + mountPoint.string() + "; unmount it first");
    }
    std::filesystem::create_directories(image.parent_path());
    const int fd = open(image.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0) {
        throw RuntimeError(RuntimeError::Kind::Failed, "storage_image",
                           "cannot create " + image.string() + ": " + std::strerror(errno));
    }
    const bool sized = ftruncate(fd, static_cast<off_t>(sizeBytes)) == 0;
    const int sizeErrno = errno;
    close(fd);
    try {
        if (!sized) {
            throw RuntimeError(RuntimeError::Kind::Failed, "storage_image",
                               "cannot size " + image.string() + ": " + std::strerror(sizeErrno));
        }
        Command({"mkfs.btrfs", "-q", image.string()}).check("making a btrfs filesystem in " + image.string());
        mount(image, mountPoint);
    } catch (...) {
        std::error_code ec;
        std::filesystem::remove(image, ec);
        throw;
    }
}

void StorageImage::mount(const std::filesystem::path& image, const std::filesystem::path& mountPoint) {
    std::filesystem::create_directories(mountPoint);
    if (isMountPoint(mountPoint)) {
        return;
    }
    Command({"mount", "-o", "loop", image.string(), mountPoint.string()})
        .check("mounting " + image.string() + " at " + mountPoint.string());
    if (!BtrfsVolume::isBtrfs(mountPoint)) {
        throw RuntimeError(RuntimeError::Kind::Failed, "storage_image", image.string() + " does not hold a btrfs filesystem");
    }
}

} // namespace cowl::node
