// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <mutex>
#include <nlohmann/json.hpp>
#include <string>
#include <sys/types.h>
#include <vector>

namespace cowl::node {

// The node's side of the liblxc helper: spawns `<command...>` (normally
// `cowl-node __lxc-helper`) with posix_spawn and one end of a socketpair on
// fd 3, then sends one JSON request per line and waits for its answer.
// Calls are serialized; a helper that died is spawned again on the next call.
class LxcHelperProcess {
public:
    static constexpr int kChannelFd = 3;

    explicit LxcHelperProcess(std::vector<std::string> command);
    ~LxcHelperProcess();
    LxcHelperProcess(const LxcHelperProcess&) = delete;
    LxcHelperProcess& operator=(const LxcHelperProcess&) = delete;

    // Returns the answer without "ok"; throws RuntimeError with the helper's kind and message.
    nlohmann::json call(const nlohmann::json& request);

private:
    void spawn();
    void reap();

    std::vector<std::string> m_command;
    std::mutex m_mutex;
    int m_fd = -1;
    pid_t m_pid = -1;
    std::string m_buffer;
};

} // namespace cowl::node
