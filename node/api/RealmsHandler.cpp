// SPDX-License-Identifier: GPL-3.0-or-later
#include "node/api/RealmsHandler.h"

#include <stdexcept>

#include "node/api/TokenIssuer.h"
#include "shared/api/Realm.h"

namespace cowl::node {

namespace {

void requireNodeScope(const Principal& who) {
    if (!who.nodeScope()) {
        throw ApiFailure::forbidden("realms are managed with node-scope tokens only");
    }
}

} // namespace

void RealmsHandler::registerRoutes(Router& router) {
    router.add("GET", "/api/v1/realms", [this](RequestContext& c) { return list(c); });
    router.add("POST", "/api/v1/realms", [this](RequestContext& c) { return create(c); });
    router.add("GET", "/api/v1/realms/{id}", [this](RequestContext& c) { return get(c); });
    router.add("DELETE", "/api/v1/realms/{id}", [this](RequestContext& c) { return remove(c); });
}

ApiResponse RealmsHandler::list(RequestContext& ctx) {
    requireNodeScope(ctx.principal);
    nlohmann::json out = nlohmann::json::array();
    for (const auto& doc : m_s.store.list("realms")) {
        out.push_back(m_s.view.realm(doc));
    }
    return ApiResponse::list(std::move(out));
}

ApiResponse RealmsHandler::create(RequestContext& ctx) {
    ctx.principal.requireNodeAdmin();
    const auto request = ctx.body<RealmCreate>();
    try {
        validateRealmName(request.name);
    } catch (const ValidationError& e) {
        throw ApiFailure::unprocessable(e.what(), e.field());
    }
    try {
        const Realm realm = TokenIssuer::createRealm(m_s.store, request.name);
        return ApiResponse::object(m_s.view.realm(*m_s.store.get("realms", realm.id)), 201);
    } catch (const std::invalid_argument& e) {
        throw ApiFailure::conflict(e.what(), "name");
    }
}

ApiResponse RealmsHandler::get(RequestContext& ctx) {
    requireNodeScope(ctx.principal);
    return ApiResponse::object(m_s.view.realm(m_s.lookup.realm(ctx.principal, ctx.param(0))));
}

ApiResponse RealmsHandler::remove(RequestContext& ctx) {
    requireNodeScope(ctx.principal);
    const auto realm = m_s.lookup.realm(ctx.principal, ctx.param(0));
    ctx.principal.requireNodeAdmin();
    const std::optional<std::uint64_t> expected =
        ctx.request.ifMatch ? std::optional<std::uint64_t>(ctx.ifMatch()) : std::optional<std::uint64_t>(realm.version);
    for (const auto& p : m_s.store.list("projects")) {
        if (ObjectLookup::realmOf(p) == realm.key) {
            throw ApiFailure::conflict("realm still has projects; delete them first");
        }
    }
    for (const auto& t : m_s.store.list("tokens")) {
        if (ObjectLookup::realmOf(t) == realm.key) {
            throw ApiFailure::conflict("realm still has tokens; revoke them first");
        }
    }
    m_s.store.remove("realms", realm.key, expected);
    return ApiResponse::noContent();
}

} // namespace cowl::node
