// SPDX-License-Identifier: GPL-3.0-or-later
#include "node/containers/BtrfsVolume.h"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <linux/btrfs.h>
#include <linux/magic.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/vfs.h>
#include <unistd.h>

#include "node/containers/RuntimeError.h"

namespace cowl::node {

namespace {

class Fd {
public:
    explicit Fd(const std::filesystem::path& path) : m_fd(open(path.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC)) {
        if (m_fd < 0) {
            throw RuntimeError(RuntimeError::Kind::Failed, "",
                               "cannot open " + path.string() + ": " + std::strerror(errno));
        }
    }
    ~Fd() { close(m_fd); }
    Fd(const Fd&) = delete;
    Fd& operator=(const Fd&) = delete;
    int get() const { return m_fd; }

private:
    int m_fd;
};

void copyName(char* destination, std::size_t size, const std::string& name) {
    if (name.size() >= size) {
        throw RuntimeError(RuntimeError::Kind::InvalidInput, "", "subvolume name too long: " + name);
    }
    std::memset(destination, 0, size);
    std::memcpy(destination, name.data(), name.size());
}

} // namespace

bool BtrfsVolume::isBtrfs(const std::filesystem::path& path) {
    struct statfs fs {};
    return statfs(path.c_str(), &fs) == 0 && static_cast<unsigned long>(fs.f_type) == BTRFS_SUPER_MAGIC;
}

bool BtrfsVolume::isSubvolume(const std::filesystem::path& path) {
    struct stat st {};
    // Every subvolume root has inode number 256 on btrfs.
    return isBtrfs(path) && stat(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode) && st.st_ino == 256;
}

void BtrfsVolume::snapshot(const std::filesystem::path& source, const std::filesystem::path& target) {
    Fd sourceFd(source);
    Fd parentFd(target.parent_path());
    btrfs_ioctl_vol_args_v2 args{};
    args.fd = sourceFd.get();
    copyName(args.name, sizeof args.name, target.filename().string());
    if (ioctl(parentFd.get(), BTRFS_IOC_SNAP_CREATE_V2, &args) != 0) {
        throw RuntimeError(RuntimeError::Kind::Failed, "",
                           "btrfs snapshot of " + source.string() + " to " + target.string() + " failed: " +
                               std::strerror(errno));
    }
}

void BtrfsVolume::remove(const std::filesystem::path& subvolume) {
    Fd parentFd(subvolume.parent_path());
    btrfs_ioctl_vol_args args{};
    copyName(args.name, sizeof args.name, subvolume.filename().string());
    if (ioctl(parentFd.get(), BTRFS_IOC_SNAP_DESTROY, &args) != 0) {
        throw RuntimeError(RuntimeError::Kind::Failed, "",
                           "deleting btrfs subvolume " + subvolume.string() + " failed: " + std::strerror(errno));
    }
}

} // namespace cowl::node
