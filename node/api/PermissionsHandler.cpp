// SPDX-License-Identifier: GPL-3.0-or-later
#include "node/api/PermissionsHandler.h"

#include "shared/access/AccessDocument.h"

namespace cowl::node {

void PermissionsHandler::registerRoutes(Router& router) {
    for (const bool container : {false, true}) {
        const std::string base = container ? "/api/v1/containers/{id}/proxy/permissions"
                                           : "/api/v1/projects/{id}/proxy/permissions";
        const std::string_view collection = container ? "permissions_container" : "permissions_project";
        router.add("GET", base, [=, this](RequestContext& c) { return get(c, collection, container); });
        router.add("PUT", base, [=, this](RequestContext& c) { return put(c, collection, container); });
        router.add("DELETE", base, [=, this](RequestContext& c) { return remove(c, collection, container); });
    }
    router.add("GET", "/api/v1/containers/{id}/proxy/permissions/effective",
               [this](RequestContext& c) { return effective(c); });
}

StoredDocument PermissionsHandler::owner(RequestContext& ctx, bool container) const {
    return container ? m_s.lookup.container(ctx.principal, ctx.param(0))
                     : m_s.lookup.project(ctx.principal, ctx.param(0));
}

ApiResponse PermissionsHandler::get(RequestContext& ctx, std::string_view collection, bool container) {
    const auto subject = owner(ctx, container);
    auto doc = m_s.store.get(collection, subject.key);
    if (!doc) {
        throw ApiFailure::notFound();
    }
    return ApiResponse::object(m_s.view.permissions(*doc));
}

ApiResponse PermissionsHandler::put(RequestContext& ctx, std::string_view collection, bool container) {
    const auto subject = owner(ctx, container);
    ctx.principal.requireWrite();
    nlohmann::json body = ctx.json();
    if (body.is_object()) {
        // Clients send back what they read; If-Match is what counts.
        body.erase("version");
    }
    const auto stored = m_s.store.get(collection, subject.key);
    std::optional<AccessDocument> previous;
    if (stored) {
        try {
            previous = AccessDocument::fromStorageJson(stored->body);
        } catch (const std::exception&) {
            previous.reset();
        }
    }
    AccessDocument document;
    try {
        document = AccessDocument::fromRequestJson(body, previous ? &*previous : nullptr);
    } catch (const FieldError& e) {
        throw RequestContext::failureFor(e);
    } catch (const ValidationError& e) {
        throw ApiFailure::unprocessable(e.what(), e.field());
    } catch (const nlohmann::json::exception&) {
        throw ApiFailure::badRequest("invalid_field", "a field has the wrong type; see docs/model.md");
    }
    // Creating the first document needs no If-Match (there is no version to
    // name yet); replacing one does.
    const std::uint64_t expected = stored || ctx.request.ifMatch ? ctx.ifMatch() : 0;
    const auto doc = m_s.store.put(collection, subject.key, document.toStorageJson(), expected);
    return ApiResponse::object(m_s.view.permissions(doc));
}

ApiResponse PermissionsHandler::remove(RequestContext& ctx, std::string_view collection, bool container) {
    const auto subject = owner(ctx, container);
    ctx.principal.requireWrite();
    const auto expected = ctx.ifMatch();
    if (!m_s.store.get(collection, subject.key)) {
        throw ApiFailure::notFound();
    }
    m_s.store.remove(collection, subject.key, expected);
    return ApiResponse::noContent();
}

ApiResponse PermissionsHandler::effective(RequestContext& ctx) {
    const auto container = m_s.lookup.container(ctx.principal, ctx.param(0));
    const auto found = m_s.view.effectivePermissions(container.key, container.body.value("project_id", std::string()));
    nlohmann::json out = {{"source", found.source}, {"document", nullptr}};
    if (found.stored) {
        out["document"] = m_s.view.permissions(*found.stored);
    }
    return ApiResponse{200, std::move(out), std::nullopt};
}

} // namespace cowl::node
