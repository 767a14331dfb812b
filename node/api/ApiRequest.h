// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

namespace cowl::node {

// One control API request, transport-free: the HTTPS and Unix-socket sessions
// fill it in, and unit tests build it directly (no sockets).
struct ApiRequest {
    std::string method; // GET, POST, PUT, PATCH, DELETE
    std::string target; // path and query as sent: /api/v1/projects?x=1
    std::string authorization;
    std::string contentType;
    std::optional<std::string> ifMatch;
    std::string host; // Host header, for connection strings
    std::string body;
};

struct ApiResponse {
    unsigned status = 200;
    nlohmann::json body = nlohmann::json::object();
    std::optional<std::uint64_t> etag;

    // A single object: ETag from its "version".
    static ApiResponse object(nlohmann::json body, unsigned status = 200) {
        ApiResponse r{status, std::move(body), std::nullopt};
        const auto it = r.body.find("version");
        if (it != r.body.end() && it->is_number_unsigned()) {
            r.etag = it->get<std::uint64_t>();
        }
        return r;
    }
    static ApiResponse list(nlohmann::json items) { return ApiResponse{200, std::move(items), std::nullopt}; }
    static ApiResponse noContent() { return ApiResponse{204, nullptr, std::nullopt}; }
};

} // namespace cowl::node
