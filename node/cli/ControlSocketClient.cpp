// SPDX-License-Identifier: GPL-3.0-or-later
#include "node/cli/ControlSocketClient.h"

#include "node/cli/CliError.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

namespace cowl::node {

namespace {

constexpr std::size_t kMaxReply = 16 * 1024 * 1024;

class Socket {
public:
    Socket() : m_fd(::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0)) {}
    ~Socket() {
        if (m_fd >= 0)
            ::close(m_fd);
    }
    Socket(const Socket&) = delete;
    Socket& operator=(const Socket&) = delete;
    int fd() const { return m_fd; }

private:
    int m_fd;
};

std::string lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return s;
}

std::string trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t'))
        s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r'))
        s.remove_suffix(1);
    return std::string(s);
}

std::string decodeChunked(std::string_view raw) {
    std::string body;
    while (true) {
        const auto lineEnd = raw.find("\r\n");
        if (lineEnd == std::string_view::npos)
            throw CommandFailure("the node sent a malformed chunked answer");
        const std::size_t size = std::stoul(std::string(raw.substr(0, lineEnd)), nullptr, 16);
        raw.remove_prefix(lineEnd + 2);
        if (size == 0)
            return body;
        if (raw.size() < size + 2)
            throw CommandFailure("the node's answer was cut short");
        body.append(raw.substr(0, size));
        raw.remove_prefix(size + 2);
    }
}

} // namespace

std::string ControlReply::errorMessage() const {
    if (auto j = json(); j && j->is_object() && j->contains("error") && (*j)["error"].is_object()) {
        const auto& error = (*j)["error"];
        if (error.contains("message") && error["message"].is_string())
            return error["message"].get<std::string>();
    }
    return "the node answered HTTP " + std::to_string(status);
}

std::optional<nlohmann::json> ControlReply::json() const {
    auto parsed = nlohmann::json::parse(body, nullptr, false);
    if (parsed.is_discarded())
        return std::nullopt;
    return parsed;
}

ControlSocketClient::ControlSocketClient(std::filesystem::path socketPath, int timeoutSeconds)
    : m_socketPath(std::move(socketPath)), m_timeoutSeconds(timeoutSeconds) {}

ControlReply ControlSocketClient::request(std::string_view method, std::string_view target,
                                          const std::optional<nlohmann::json>& body,
                                          const std::vector<std::pair<std::string, std::string>>& headers) const {
    Socket socket;
    sockaddr_un address{};
    address.sun_family = AF_UNIX;
    if (socket.fd() < 0 || m_socketPath.native().size() >= sizeof address.sun_path)
        throw CommandFailure("cannot use the control socket path " + m_socketPath.string());
    std::strcpy(address.sun_path, m_socketPath.c_str());
    timeval timeout{m_timeoutSeconds, 0};
    ::setsockopt(socket.fd(), SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
    ::setsockopt(socket.fd(), SOL_SOCKET, SO_SNDTIMEO, &timeout, sizeof timeout);
    if (::connect(socket.fd(), reinterpret_cast<const sockaddr*>(&address), sizeof address) != 0) {
        const int error = errno;
        std::string hint = error == EACCES ? " (the control socket is root's: run this with sudo)"
                                           : " (is the node still starting or stopping? try again in a moment)";
        throw CommandFailure("the node holds its state directory but its control socket " + m_socketPath.string()
                             + " does not answer: " + std::strerror(error) + hint);
    }

    const std::string payload = body ? body->dump() : std::string();
    std::string message = std::string(method) + " " + std::string(target) + " HTTP/1.1\r\nHost: localhost\r\n"
        + "Connection: close\r\nAccept: application/json\r\n";
    for (const auto& [name, value] : headers)
        message += name + ": " + value + "\r\n";
    if (body)
        message += "Content-Type: application/json\r\n";
    if (body || method == "POST" || method == "PUT" || method == "PATCH")
        message += "Content-Length: " + std::to_string(payload.size()) + "\r\n";
    message += "\r\n" + payload;

    std::size_t sent = 0;
    while (sent < message.size()) {
        const ssize_t n = ::send(socket.fd(), message.data() + sent, message.size() - sent, MSG_NOSIGNAL);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            throw CommandFailure("cannot send to the node's control socket: " + std::string(std::strerror(errno)));
        sent += static_cast<std::size_t>(n);
    }

    std::string raw;
    char buffer[16384];
    while (raw.size() < kMaxReply) {
        const ssize_t n = ::recv(socket.fd(), buffer, sizeof buffer, 0);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            throw CommandFailure("the node did not answer on its control socket in time: "
                                 + std::string(std::strerror(errno)));
        if (n == 0)
            break;
        raw.append(buffer, static_cast<std::size_t>(n));
    }

    const auto headerEnd = raw.find("\r\n\r\n");
    if (!raw.starts_with("HTTP/1.") || headerEnd == std::string::npos)
        throw CommandFailure("the node's control socket did not answer HTTP");
    ControlReply reply;
    std::string_view head(raw.data(), headerEnd);
    const auto statusLineEnd = head.find("\r\n");
    const std::string_view statusLine = head.substr(0, statusLineEnd);
    const auto space = statusLine.find(' ');
    if (space == std::string_view::npos || statusLine.size() < space + 4)
        throw CommandFailure("the node's control socket sent a malformed status line");
    reply.status = std::atoi(std::string(statusLine.substr(space + 1, 3)).c_str());
    std::string_view rest = statusLineEnd == std::string_view::npos ? std::string_view{} : head.substr(statusLineEnd + 2);
    while (!rest.empty()) {
        const auto end = rest.find("\r\n");
        const std::string_view line = rest.substr(0, end);
        const auto colon = line.find(':');
        if (colon != std::string_view::npos)
            reply.headers[lower(std::string(line.substr(0, colon)))] = trim(line.substr(colon + 1));
        rest = end == std::string_view::npos ? std::string_view{} : rest.substr(end + 2);
    }
    std::string_view content(raw.data() + headerEnd + 4, raw.size() - headerEnd - 4);
    if (lower(reply.headers["transfer-encoding"]).find("chunked") != std::string::npos)
        reply.body = decodeChunked(content);
    else
        reply.body = std::string(content);
    return reply;
}

} // namespace cowl::node
