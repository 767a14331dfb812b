// SPDX-License-Identifier: GPL-3.0-or-later
// Input: "host\npath". Routing must be total, and a jailed path must never
// leave its root: whatever comes out starts with the root and has no dot
// segment after normalisation.
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "node/proxy/HostRouter.h"
#include "node/proxy/PathJail.h"

using namespace cowl;
using namespace cowl::node;

namespace {

const ProxySnapshot& snapshot()
{
    static const ProxySnapshot s = [] {
        ProxySnapshot snap;
        snap.nodeSuffix = "node1.example.net";
        auto project = *Id::parse("0123456789abcdef01234567");
        auto container = *Id::parse("89abcdef0123456789abcdef");
        ProxyContainer c{project, container, "::1", {{"http", 8080}, {"https", 8443}, {"terminal", 7681}, {"terminal-2", 7682}, {"terminal-1", 9999}, {"bogus", 1}}, nullptr,
                         0, true, false};
        snap.containers.emplace(container, c);
        ProxyAlias a{"shop", container, "http", std::nullopt, std::nullopt, "/base/", false, std::nullopt, true};
        snap.aliases.emplace("shop", a);
        return snap;
    }();
    return s;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    std::string_view input(reinterpret_cast<const char*>(data), size);
    auto newline = input.find('\n');
    std::string_view host = input.substr(0, newline);
    std::string_view path = newline == std::string_view::npos ? std::string_view{} : input.substr(newline + 1);

    Route route = HostRouter::route(snapshot(), host, 1'000'000'000);
    if (route.found() && route.port == 0 && !route.requestedPort)
        std::abort();
    // Differential: the host index must reach exactly what the parser reaches.
    Route parsed = HostRouter::routeByParsing(snapshot(), host, 1'000'000'000);
    if (route.container != parsed.container || route.alias != parsed.alias || route.program != parsed.program ||
        route.port != parsed.port || route.index != parsed.index || route.upstreamTls != parsed.upstreamTls ||
        route.requestedPort != parsed.requestedPort)
        std::abort();

    if (auto jailed = PathJail::confine(path, "/base/")) {
        std::string_view out(*jailed);
        if (!out.starts_with("/base"))
            std::abort();
        auto q = out.find('?');
        auto normal = PathJail::normalise(out.substr(0, q));
        if (!normal || !normal->starts_with("/base"))
            std::abort();
    }
    (void)PathJail::overrideRoot(path, "/base/");
    return 0;
}
