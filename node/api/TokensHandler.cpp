// SPDX-License-Identifier: GPL-3.0-or-later
#include "node/api/TokensHandler.h"

#include "node/api/TokenIssuer.h"
#include "shared/Id.h"
#include "shared/api/ConnectionString.h"
#include "shared/api/Token.h"

namespace cowl::node {

void TokensHandler::registerRoutes(Router& router) {
    router.add("GET", "/api/v1/tokens", [this](RequestContext& c) { return list(c); });
    router.add("POST", "/api/v1/tokens", [this](RequestContext& c) { return create(c); });
    router.add("GET", "/api/v1/tokens/{id}", [this](RequestContext& c) { return get(c); });
    router.add("DELETE", "/api/v1/tokens/{id}", [this](RequestContext& c) { return remove(c); });
}

ApiResponse TokensHandler::list(RequestContext& ctx) {
    ctx.principal.requireTokenAdmin();
    nlohmann::json out = nlohmann::json::array();
    for (const auto& doc : m_s.store.list("tokens")) {
        const auto it = doc.body.find("realm_id");
        const bool nodeToken = it == doc.body.end() || it->is_null();
        if (nodeToken ? ctx.principal.nodeScope() : ctx.principal.sees(ObjectLookup::realmOf(doc))) {
            out.push_back(m_s.view.token(doc));
        }
    }
    return ApiResponse::list(std::move(out));
}

ApiResponse TokensHandler::create(RequestContext& ctx) {
    ctx.principal.requireTokenAdmin();
    const auto request = ctx.body<TokenCreate>();
    try {
        validateTokenName(request.name);
    } catch (const ValidationError& e) {
        throw ApiFailure::unprocessable(e.what(), e.field());
    }
    std::optional<std::string> realmId = request.realmId;
    if (!ctx.principal.nodeScope()) {
        if (realmId && *realmId != *ctx.principal.realmId) {
            throw ApiFailure::forbidden("a realm token creates tokens only in its own realm");
        }
        realmId = ctx.principal.realmId;
    } else if (realmId && (!Id::isValid(*realmId) || !m_s.store.get("realms", *realmId))) {
        throw ApiFailure::unprocessable("there is no realm with this id; list them with GET /api/v1/realms",
                                        "realm_id");
    }
    if (!roleCovers(ctx.principal.role, request.role)) {
        throw ApiFailure::forbidden("a token cannot create a token with a higher role than its own");
    }
    const auto issued = TokenIssuer::issue(m_s.store, request.name, request.role, realmId);
    TokenCreated created{issued.token, issued.secret, connectionString(ctx, issued.secret)};
    return ApiResponse{201, nlohmann::json(created), std::nullopt};
}

std::string TokensHandler::connectionString(const RequestContext& ctx, const std::string& secret) const {
    ConnectionString cs;
    std::string host = m_s.view.identity().advertisedHost;
    std::uint16_t port = m_s.controlPort ? m_s.controlPort() : 0;
    // The address the client reached us by is the one it can use again.
    std::string_view header = ctx.request.host;
    if (!header.empty()) {
        std::string_view h = header;
        std::string_view p;
        if (h.front() == '[') {
            const auto close = h.find(']');
            if (close != std::string_view::npos) {
                p = h.substr(close + 1);
                h = h.substr(1, close - 1);
            }
        } else if (const auto colon = h.rfind(':'); colon != std::string_view::npos && h.find(':') == colon) {
            p = h.substr(colon);
            h = h.substr(0, colon);
        }
        if (p.starts_with(':')) {
            try {
                const int parsed = std::stoi(std::string(p.substr(1)));
                if (parsed > 0 && parsed < 65536) {
                    port = static_cast<std::uint16_t>(parsed);
                }
            } catch (const std::exception&) {
            }
        }
        if (!h.empty()) {
            host = std::string(h);
        }
    }
    cs.host = host.empty() ? "localhost" : host;
    cs.port = port;
    cs.fingerprint = m_s.view.identity().fingerprint;
    cs.token = secret;
    return cs.format();
}

ApiResponse TokensHandler::get(RequestContext& ctx) {
    ctx.principal.requireTokenAdmin();
    return ApiResponse::object(m_s.view.token(m_s.lookup.token(ctx.principal, ctx.param(0))));
}

ApiResponse TokensHandler::remove(RequestContext& ctx) {
    const auto doc = m_s.lookup.token(ctx.principal, ctx.param(0));
    ctx.principal.requireTokenAdmin();
    m_s.store.remove("tokens", doc.key, std::nullopt);
    return ApiResponse::noContent();
}

} // namespace cowl::node
