// SPDX-License-Identifier: GPL-3.0-or-later
#include "node/proxy/HostRouter.h"

#include <charconv>
#include <variant>

#include "shared/hosts/HostName.h"

namespace cowl::node {

bool HostRouter::resolveProgram(const ProxyContainer& c, std::string_view program,
                                std::optional<std::uint32_t> index, Route& out)
{
    // Instance n > 1 of an indexed program has its own entry "slug-n" in the
    // container's program table; instance 1 is the plain slug.
    std::string key(program);
    if (index && *index > 1) {
        key.push_back('-');
        key.append(std::to_string(*index));
    }
    auto it = c.programs.find(key);
    if (it == c.programs.end())
        return false;
    out.program = std::string(program);
    out.port = it->second;
    out.index = index;
    out.upstreamTls = program == "https";
    return true;
}

Route HostRouter::route(const ProxySnapshot& snapshot, std::string_view host, std::int64_t nowUnix)
{
    Route out;
    HostName::LabelBuffer buffer;
    const auto label = HostName::label(host, snapshot.nodeSuffix, buffer);
    if (!label) {
        out.reason = "unknown host";
        return out;
    }
    if (const HostIndex::Target* t = snapshot.hosts.find(snapshot, *label)) {
        out.container = t->container;
        out.program = t->program;
        out.port = t->port;
        out.index = t->index;
        out.upstreamTls = t->program == "https";
        return out;
    }
    return routeByParsing(snapshot, host, nowUnix);
}

Route HostRouter::routeByParsing(const ProxySnapshot& snapshot, std::string_view host, std::int64_t nowUnix)
{
    Route out;
    ParsedHost parsed = HostName::parse(host, snapshot.nodeSuffix);
    if (auto* ch = std::get_if<ContainerHost>(&parsed)) {
        const ProxyContainer* c = snapshot.findContainer(ch->container);
        if (!c || c->project != ch->project) {
            out.reason = "unknown container";
            return out;
        }
        if (ch->port) {
            out.program = ch->tls ? "https" : "http";
            out.port = *ch->port;
            out.requestedPort = ch->port;
            out.upstreamTls = ch->tls;
        } else if (!resolveProgram(*c, ch->program, ch->index, out)) {
            out.reason = "unknown program";
            return out;
        }
        out.container = c;
        return out;
    }
    if (auto* ah = std::get_if<AliasHost>(&parsed)) {
        auto it = snapshot.aliases.find(ah->alias);
        if (it == snapshot.aliases.end()) {
            out.reason = "unknown alias";
            return out;
        }
        const ProxyAlias& a = it->second;
        if (!a.enabled) {
            out.reason = "alias disabled";
            return out;
        }
        if (a.expiresAt && *a.expiresAt <= nowUnix) {
            out.reason = "alias expired";
            return out;
        }
        const ProxyContainer* c = snapshot.findContainer(a.container);
        if (!c) {
            out.reason = "alias to unknown container";
            return out;
        }
        if ((a.program == "http" || a.program == "https") && a.port) {
            out.program = a.program;
            out.port = *a.port;
            out.requestedPort = a.port;
            out.upstreamTls = a.program == "https";
        } else if (!resolveProgram(*c, a.program, a.index, out)) {
            out.reason = "alias to unknown program";
            return out;
        }
        out.alias = &a;
        out.container = c;
        return out;
    }
    out.reason = "unknown host";
    return out;
}

} // namespace cowl::node
