// SPDX-License-Identifier: GPL-3.0-or-later
#include "node/containers/RootfsOwnership.h"

#include <cerrno>
#include <cstring>
#include <sys/stat.h>
#include <unistd.h>

#include "node/containers/RuntimeError.h"

namespace cowl::node {

namespace {

void shiftOne(const std::filesystem::path& path, unsigned base) {
    struct stat st {};
    if (lstat(path.c_str(), &st) != 0) {
        return;
    }
    if (st.st_uid >= base && st.st_gid >= base) {
        return;
    }
    const uid_t uid = st.st_uid < base ? st.st_uid + base : st.st_uid;
    const gid_t gid = st.st_gid < base ? st.st_gid + base : st.st_gid;
    if (lchown(path.c_str(), uid, gid) != 0) {
        throw RuntimeError(RuntimeError::Kind::Failed, "",
                           "cannot give " + path.string() + " to the container's user range: " + std::strerror(errno));
    }
    // chown clears setuid/setgid bits; put them back on regular files and directories.
    if (!S_ISLNK(st.st_mode) && (st.st_mode & (S_ISUID | S_ISGID))) {
        chmod(path.c_str(), st.st_mode & 07777);
    }
}

} // namespace

void RootfsOwnership::shift(const std::filesystem::path& rootfs, unsigned base) {
    shiftOne(rootfs, base);
    for (auto it = std::filesystem::recursive_directory_iterator(
             rootfs, std::filesystem::directory_options::none);
         it != std::filesystem::recursive_directory_iterator(); ++it) {
        shiftOne(it->path(), base);
    }
}

} // namespace cowl::node
