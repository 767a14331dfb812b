// SPDX-License-Identifier: GPL-3.0-or-later
#include "node/cli/StateLock.h"

#include "node/cli/CliError.h"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

namespace cowl::node {

std::optional<StateLock> StateLock::tryAcquire(const std::filesystem::path& lockFile) {
    const int fd = ::open(lockFile.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    if (fd < 0)
        throw CommandFailure("cannot open " + lockFile.string() + ": " + std::strerror(errno)
                             + (errno == EACCES ? " (the node runs as root: use sudo)" : ""));
    if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
        const int error = errno;
        ::close(fd);
        if (error == EWOULDBLOCK)
            return std::nullopt;
        throw CommandFailure("cannot lock " + lockFile.string() + ": " + std::strerror(error));
    }
    return StateLock(fd);
}

StateLock::StateLock(StateLock&& other) noexcept : m_fd(std::exchange(other.m_fd, -1)) {}

StateLock::~StateLock() {
    if (m_fd >= 0)
        ::close(m_fd);
}

} // namespace cowl::node
