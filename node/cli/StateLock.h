// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <filesystem>
#include <optional>

namespace cowl::node {

// An exclusive flock on <state>/lock. The running node holds it for its whole
// life, so "can I take it?" is also how the CLI tells whether the node runs:
// the kernel drops it when the process dies, even on kill -9.
class StateLock {
public:
    // nullopt when another process holds it; throws CommandFailure when the
    // lock file cannot be opened at all (permissions).
    static std::optional<StateLock> tryAcquire(const std::filesystem::path& lockFile);

    StateLock(StateLock&& other) noexcept;
    StateLock& operator=(StateLock&&) = delete;
    StateLock(const StateLock&) = delete;
    ~StateLock();

private:
    explicit StateLock(int fd) : m_fd(fd) {}
    int m_fd;
};

} // namespace cowl::node
