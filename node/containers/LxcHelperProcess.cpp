// SPDX-License-Identifier: GPL-3.0-or-later
#include "node/containers/LxcHelperProcess.h"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include "node/containers/RuntimeError.h"

extern char** environ;

namespace cowl::node {

namespace {

RuntimeError::Kind kindFromName(const std::string& name) {
    if (name == "invalid_input") {
        return RuntimeError::Kind::InvalidInput;
    }
    if (name == "not_found") {
        return RuntimeError::Kind::NotFound;
    }
    if (name == "conflict") {
        return RuntimeError::Kind::Conflict;
    }
    if (name == "busy") {
        return RuntimeError::Kind::Busy;
    }
    return RuntimeError::Kind::Failed;
}

} // namespace

LxcHelperProcess::LxcHelperProcess(std::vector<std::string> command) : m_command(std::move(command)) {}

LxcHelperProcess::~LxcHelperProcess() { reap(); }

void LxcHelperProcess::spawn() {
    int fds[2];
    if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, fds) != 0) {
        throw RuntimeError(RuntimeError::Kind::Failed, "",
                           std::string("cannot start the LXC helper: socketpair: ") + std::strerror(errno));
    }
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, fds[1], kChannelFd);
    posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
    // Nothing else of the node's: an inherited API or proxy socket would stay
    // open in the helper after the node closed it, and its client would wait
    // forever on a connection nobody reads.
    posix_spawn_file_actions_addclosefrom_np(&actions, kChannelFd + 1);
    std::vector<char*> argv;
    for (const auto& arg : m_command) {
        argv.push_back(const_cast<char*>(arg.c_str()));
    }
    argv.push_back(nullptr);
    const int rc = posix_spawn(&m_pid, argv[0], &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    close(fds[1]);
    if (rc != 0) {
        close(fds[0]);
        m_pid = -1;
        throw RuntimeError(RuntimeError::Kind::Failed, "",
                           "cannot start the LXC helper " + m_command[0] + ": " + std::strerror(rc));
    }
    m_fd = fds[0];
    m_buffer.clear();
}

void LxcHelperProcess::reap() {
    if (m_fd >= 0) {
        close(m_fd); // the helper sees EOF and exits
        m_fd = -1;
    }
    if (m_pid > 0) {
        int status = 0;
        while (waitpid(m_pid, &status, 0) < 0 && errno == EINTR) {
        }
        m_pid = -1;
    }
}

nlohmann::json LxcHelperProcess::call(const nlohmann::json& request) {
    std::lock_guard lock(m_mutex);
    if (m_fd < 0) {
        spawn();
    }
    const std::string line = request.dump() + "\n";
    std::size_t done = 0;
    while (done < line.size()) {
        const ssize_t n = send(m_fd, line.data() + done, line.size() - done, MSG_NOSIGNAL);
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n <= 0) {
            reap();
            throw RuntimeError(RuntimeError::Kind::Failed, "", "the LXC helper went away; the next call starts a new one");
        }
        done += static_cast<std::size_t>(n);
    }
    std::size_t newline;
    char chunk[65536];
    while ((newline = m_buffer.find('\n')) == std::string::npos) {
        const ssize_t n = read(m_fd, chunk, sizeof chunk);
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n <= 0) {
            reap();
            throw RuntimeError(RuntimeError::Kind::Failed, "",
                               "the LXC helper died during \"" + request.value("op", std::string()) +
                                   "\"; the next call starts a new one");
        }
        m_buffer.append(chunk, static_cast<std::size_t>(n));
    }
    nlohmann::json answer = nlohmann::json::parse(m_buffer.substr(0, newline));
    m_buffer.erase(0, newline + 1);
    if (!answer.at("ok").get<bool>()) {
        throw RuntimeError(kindFromName(answer.at("kind").get<std::string>()), answer.value("field", std::string()),
                           answer.at("message").get<std::string>());
    }
    answer.erase("ok");
    return answer;
}

} // namespace cowl::node
