// SPDX-License-Identifier: GPL-3.0-or-later
#include "node/api/ProjectsHandler.h"

#include "node/api/SnapshotSchedulesHandler.h"
#include "node/api/TokenIssuer.h"
#include "node/api/UtcClock.h"
#include "shared/Id.h"
#include "shared/api/Project.h"

namespace cowl::node {

namespace {

void checkName(const std::string& name) {
    try {
        validateResourceName(name);
    } catch (const ValidationError& e) {
        throw ApiFailure::unprocessable(e.what(), e.field());
    }
}

} // namespace

void ProjectsHandler::registerRoutes(Router& router) {
    router.add("GET", "/api/v1/projects", [this](RequestContext& c) { return list(c); });
    router.add("POST", "/api/v1/projects", [this](RequestContext& c) { return create(c); });
    router.add("GET", "/api/v1/projects/{id}", [this](RequestContext& c) { return get(c); });
    router.add("PATCH", "/api/v1/projects/{id}", [this](RequestContext& c) { return patch(c); });
    router.add("DELETE", "/api/v1/projects/{id}", [this](RequestContext& c) { return remove(c); });
}

void ProjectsHandler::requireUniqueName(const std::string& realmId, const std::string& name,
                                        const std::string& exceptId) const {
    for (const auto& p : m_s.store.list("projects")) {
        if (p.key != exceptId && ObjectLookup::realmOf(p) == realmId && p.body.value("name", std::string()) == name) {
            throw ApiFailure::conflict("a project named \"" + name + "\" already exists in this realm; pick another name",
                                       "name");
        }
    }
}

ApiResponse ProjectsHandler::list(RequestContext& ctx) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& doc : m_s.store.list("projects")) {
        if (ctx.principal.sees(ObjectLookup::realmOf(doc))) {
            out.push_back(m_s.view.project(doc));
        }
    }
    return ApiResponse::list(std::move(out));
}

ApiResponse ProjectsHandler::create(RequestContext& ctx) {
    ctx.principal.requireWrite();
    const auto request = ctx.body<ProjectCreate>();
    checkName(request.name);
    std::string realmId;
    if (request.realmId) {
        if (!Id::isValid(*request.realmId) || !m_s.store.get("realms", *request.realmId) ||
            !ctx.principal.sees(*request.realmId)) {
            throw ApiFailure::unprocessable("there is no realm with this id", "realm_id");
        }
        realmId = *request.realmId;
    } else if (ctx.principal.realmId) {
        realmId = *ctx.principal.realmId;
    } else if (auto realm = TokenIssuer::findRealmByName(m_s.store, "default")) {
        realmId = realm->id;
    } else {
        throw ApiFailure::unprocessable("there is no realm \"default\"; give realm_id", "realm_id");
    }
    requireUniqueName(realmId, request.name, "");
    const std::string id = Id::generate().str();
    const std::string now = UtcClock::now();
    const auto doc = m_s.store.put(
        "projects", id,
        {{"id", id}, {"realm_id", realmId}, {"name", request.name}, {"created_at", now}, {"updated_at", now}}, 0);
    // Every document starts at version 1, so consoles can always send If-Match
    // (written after the project so its event can name the realm).
    m_s.store.put("settings_project", id, {{"enable_proxy", true}, {"default", nullptr}}, std::nullopt);
    return ApiResponse::object(m_s.view.project(doc), 201);
}

ApiResponse ProjectsHandler::get(RequestContext& ctx) {
    return ApiResponse::object(m_s.view.project(m_s.lookup.project(ctx.principal, ctx.param(0))));
}

ApiResponse ProjectsHandler::patch(RequestContext& ctx) {
    auto doc = m_s.lookup.project(ctx.principal, ctx.param(0));
    ctx.principal.requireWrite();
    const auto expected = ctx.ifMatch();
    const auto request = ctx.body<ProjectPatch>();
    if (request.name) {
        checkName(*request.name);
        requireUniqueName(ObjectLookup::realmOf(doc), *request.name, doc.key);
        doc.body["name"] = *request.name;
    }
    doc.body["updated_at"] = UtcClock::now();
    const auto stored = m_s.store.put("projects", doc.key, doc.body, expected);
    return ApiResponse::object(m_s.view.project(stored));
}

ApiResponse ProjectsHandler::remove(RequestContext& ctx) {
    const auto doc = m_s.lookup.project(ctx.principal, ctx.param(0));
    ctx.principal.requireWrite();
    const std::optional<std::uint64_t> expected =
        ctx.request.ifMatch ? std::optional<std::uint64_t>(ctx.ifMatch()) : std::optional<std::uint64_t>(doc.version);
    if (doc.version != *expected) {
        throw ApiFailure::preconditionFailed(doc.version);
    }
    for (const auto& c : m_s.store.list("containers")) {
        if (c.body.value("project_id", std::string()) == doc.key) {
            throw ApiFailure::conflict("the project still has containers; delete them first");
        }
    }
    m_s.store.remove("permissions_project", doc.key, std::nullopt);
    m_s.store.remove("settings_project", doc.key, std::nullopt);
    m_s.store.remove(SnapshotSchedulesHandler::kProjectCollection, doc.key, std::nullopt);
    m_s.store.remove("projects", doc.key, expected);
    return ApiResponse::noContent();
}

} // namespace cowl::node
