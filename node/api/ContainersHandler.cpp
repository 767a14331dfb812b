// SPDX-License-Identifier: GPL-3.0-or-later
#include "node/api/ContainersHandler.h"

#include <mutex>
#include <optional>

#include "node/api/ContainerService.h"
#include "shared/api/Container.h"
#include "shared/api/Project.h"

namespace cowl::node {

namespace {

void validate(const std::optional<std::string>& name, const std::optional<std::string>& templateName,
              const std::optional<cowl::ContainerLimits>& limits) {
    try {
        if (name) {
            validateResourceName(*name);
        }
        if (templateName) {
            validateTemplate(*templateName);
        }
        if (limits) {
            validateLimits(*limits);
        }
    } catch (const ValidationError& e) {
        throw ApiFailure::unprocessable(e.what(), e.field());
    }
}

} // namespace

void ContainersHandler::registerRoutes(Router& router) {
    router.add("GET", "/api/v1/containers", [this](RequestContext& c) { return listAll(c); });
    router.add("GET", "/api/v1/projects/{id}/containers", [this](RequestContext& c) { return listInProject(c); });
    // Parallel: they take the write lock themselves, for their record phases only.
    router.add("POST", "/api/v1/projects/{id}/containers", [this](RequestContext& c) { return create(c); },
               Router::Concurrency::Parallel);
    router.add("GET", "/api/v1/containers/{id}", [this](RequestContext& c) { return get(c); });
    router.add("PATCH", "/api/v1/containers/{id}", [this](RequestContext& c) { return patch(c); });
    router.add("DELETE", "/api/v1/containers/{id}", [this](RequestContext& c) { return remove(c); },
               Router::Concurrency::Parallel);
    for (const char* action : {"start", "stop", "restart", "force-stop"}) {
        // A stop can take the runtime's whole timeout: other writes need not wait for it.
        router.add("POST", std::string("/api/v1/containers/{id}/") + action,
                   [this, action](RequestContext& c) { return act(c, action); }, Router::Concurrency::Parallel);
    }
}

void ContainersHandler::requireUniqueName(const std::string& projectId, const std::string& name,
                                          const std::string& exceptId) const {
    for (const auto& c : m_s.store.list("containers")) {
        if (c.key != exceptId && c.body.value("project_id", std::string()) == projectId &&
            c.body.value("name", std::string()) == name) {
            throw ApiFailure::conflict("a container named \"" + name + "\" already exists in this project", "name");
        }
    }
}

ApiResponse ContainersHandler::listAll(RequestContext& ctx) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& doc : m_s.store.list("containers")) {
        if (ctx.principal.sees(ObjectLookup::realmOf(doc))) {
            out.push_back(m_s.view.container(doc));
        }
    }
    return ApiResponse::list(std::move(out));
}

ApiResponse ContainersHandler::listInProject(RequestContext& ctx) {
    const auto project = m_s.lookup.project(ctx.principal, ctx.param(0));
    nlohmann::json out = nlohmann::json::array();
    for (const auto& doc : m_s.store.list("containers")) {
        if (doc.body.value("project_id", std::string()) == project.key) {
            out.push_back(m_s.view.container(doc));
        }
    }
    return ApiResponse::list(std::move(out));
}

ApiResponse ContainersHandler::create(RequestContext& ctx) {
    std::optional<StoredDocument> created;
    {
        std::lock_guard lock(m_s.writeMutex);
        const auto project = m_s.lookup.project(ctx.principal, ctx.param(0));
        ctx.principal.requireWrite();
        const auto request = ctx.body<ContainerCreate>();
        validate(request.name, request.templateName,
                 request.limits ? std::optional(request.limits->applyTo(cowl::ContainerLimits{})) : std::nullopt);
        requireUniqueName(project.key, request.name, "");
        created = m_s.containers.create(project, request);
    }
    return ApiResponse::object(m_s.view.container(m_s.containers.provision(*created)), 201);
}

ApiResponse ContainersHandler::get(RequestContext& ctx) {
    return ApiResponse::object(m_s.view.container(m_s.lookup.container(ctx.principal, ctx.param(0))));
}

ApiResponse ContainersHandler::patch(RequestContext& ctx) {
    const auto doc = m_s.lookup.container(ctx.principal, ctx.param(0));
    ctx.principal.requireWrite();
    const auto expected = ctx.ifMatch();
    const auto request = ctx.body<ContainerPatch>();
    const auto current = ContainerService::fromStored(doc);
    validate(request.name, std::nullopt,
             request.limits ? std::optional(request.limits->applyTo(current.limits)) : std::nullopt);
    if (request.name) {
        requireUniqueName(current.projectId, *request.name, doc.key);
    }
    return ApiResponse::object(m_s.view.container(m_s.containers.update(doc, request, expected)));
}

ApiResponse ContainersHandler::remove(RequestContext& ctx) {
    std::unique_lock lock(m_s.writeMutex);
    const auto doc = m_s.lookup.container(ctx.principal, ctx.param(0));
    ctx.principal.requireWrite();
    bool deleteAliases = false;
    if (auto it = ctx.query.find("delete_aliases"); it != ctx.query.end()) {
        if (it->second != "true" && it->second != "false") {
            throw ApiFailure::badRequest("bad_request", "delete_aliases must be true or false", "delete_aliases");
        }
        deleteAliases = it->second == "true";
    }
    const std::optional<std::uint64_t> expected =
        ctx.request.ifMatch ? std::optional<std::uint64_t>(ctx.ifMatch()) : std::nullopt;
    m_s.containers.beginRemove(doc, deleteAliases, expected);
    lock.unlock();
    m_s.containers.destroyRuntime(doc.key);
    lock.lock();
    m_s.containers.removeRecords(doc.key);
    return ApiResponse::noContent();
}

ApiResponse ContainersHandler::act(RequestContext& ctx, const char* action) {
    const auto doc = m_s.lookup.container(ctx.principal, ctx.param(0));
    ctx.principal.requireWrite();
    return ApiResponse::object(m_s.view.container(m_s.containers.act(doc, action)));
}

} // namespace cowl::node
