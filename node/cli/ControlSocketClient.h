// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

namespace cowl::node {

struct ControlReply {
    int status = 0;
    std::map<std::string, std::string> headers; // lower-case names
    std::string body;

    // The error envelope's message, or the status line when the body is not one.
    std::string errorMessage() const;
    std::optional<nlohmann::json> json() const;
};

// The CLI's way into a running node: plain HTTP/1.1 over the node's Unix socket
// (<state>/control.sock, 0600, root only), where the kernel-verified peer uid 0
// is node-scope admin, so no token is needed and nothing secret travels. One
// request per connection; blocking with a timeout: this runs in a terminal.
class ControlSocketClient {
public:
    explicit ControlSocketClient(std::filesystem::path socketPath, int timeoutSeconds = 15);

    // Throws CommandFailure when the socket cannot be reached or the answer is not HTTP.
    ControlReply request(std::string_view method, std::string_view target,
                         const std::optional<nlohmann::json>& body = std::nullopt,
                         const std::vector<std::pair<std::string, std::string>>& headers = {}) const;

private:
    std::filesystem::path m_socketPath;
    int m_timeoutSeconds;
};

} // namespace cowl::node
