// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "node/proxy/ProxySnapshot.h"

namespace cowl::node {

// Where a request goes, decided from its Host / :authority alone.
struct Route {
    const ProxyContainer* container = nullptr; // null: answer the constant 404
    const ProxyAlias* alias = nullptr;
    std::string program;                       // catalogue slug or "http" / "https" for http(s)-PORT
    std::uint16_t port = 0;
    std::optional<std::uint16_t> requestedPort; // for http-PORT / https-PORT access checks
    std::optional<std::uint32_t> index;
    bool upstreamTls = false;
    std::string_view reason;                   // why not found, for the access log only

    bool found() const { return container != nullptr; }
};

// host -> route of SPEC §1 and §5. Unknown container, program, alias,
// disabled or expired alias all come back as "not found"; only `reason`
// (never shown to the client) tells them apart.
class HostRouter {
public:
    static Route route(const ProxySnapshot& snapshot, std::string_view host, std::int64_t nowUnix);
    // The same answer without the snapshot's host index: the reference the
    // index is checked against (tests, the fuzz target).
    static Route routeByParsing(const ProxySnapshot& snapshot, std::string_view host, std::int64_t nowUnix);

private:
    static bool resolveProgram(const ProxyContainer& c, std::string_view program,
                               std::optional<std::uint32_t> index, Route& out);
};

} // namespace cowl::node
