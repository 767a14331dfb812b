// SPDX-License-Identifier: GPL-3.0-or-later
#include "node/api/SnapshotsHandler.h"

#include "node/api/ContainerService.h"
#include "shared/api/FieldError.h"
#include "shared/api/Snapshot.h"

namespace cowl::node {

namespace {

constexpr std::size_t kMaxLabelCharacters = 64;

// "≤64 printable characters": counted as UTF-8 characters, no control characters.
void validateLabel(const std::string& label) {
    std::size_t characters = 0;
    for (unsigned char c : label) {
        if (c < 0x20 || c == 0x7f) {
            throw ApiFailure::unprocessable("a snapshot label cannot hold control characters (tabs, newlines)",
                                            "label");
        }
        if ((c & 0xC0) != 0x80) {
            ++characters;
        }
    }
    if (characters > kMaxLabelCharacters) {
        throw ApiFailure::unprocessable("a snapshot label is at most 64 characters; shorten it", "label");
    }
}

SnapshotCreate parseCreate(const RequestContext& ctx) {
    // The body is optional: an empty POST is an unlabelled snapshot kept until deleted.
    if (ctx.request.body.empty()) {
        return {};
    }
    const nlohmann::json j = ctx.json();
    SnapshotCreate request;
    try {
        if (!j.is_object()) {
            throw FieldError(FieldError::Kind::Invalid, "", "the body must be a JSON object");
        }
        request = j.get<SnapshotCreate>();
    } catch (const FieldError& e) {
        throw RequestContext::failureFor(e);
    }
    validateLabel(request.label.value_or(""));
    if (request.expiresInDays && (*request.expiresInDays < 1 || *request.expiresInDays > 3650)) {
        throw ApiFailure::unprocessable(
            "expires_in_days must be 1 to 3650, or left out to keep the snapshot until it is deleted",
            "expires_in_days");
    }
    return request;
}

} // namespace

void SnapshotsHandler::registerRoutes(Router& router) {
    constexpr auto parallel = Router::Concurrency::Parallel;
    router.add("GET", "/api/v1/containers/{id}/snapshots", [this](RequestContext& c) { return list(c); });
    router.add("POST", "/api/v1/containers/{id}/snapshots", [this](RequestContext& c) { return create(c); },
               parallel);
    router.add("POST", "/api/v1/containers/{id}/snapshots/{name}/restore",
               [this](RequestContext& c) { return restore(c); }, parallel);
    router.add("DELETE", "/api/v1/containers/{id}/snapshots/{name}", [this](RequestContext& c) { return remove(c); },
               parallel);
}

ContainerBackend& SnapshotsHandler::backend() const {
    if (m_s.containers.backend() == nullptr) {
        throw ApiFailure::conflict("this node has no container runtime, so it keeps no snapshots");
    }
    return *m_s.containers.backend();
}

ApiResponse SnapshotsHandler::list(RequestContext& ctx) {
    const auto container = m_s.lookup.container(ctx.principal, ctx.param(0));
    if (m_s.containers.backend() == nullptr) {
        return ApiResponse::list(nlohmann::json::array());
    }
    return ApiResponse::list(nlohmann::json(backend().snapshots(container.key)));
}

ApiResponse SnapshotsHandler::create(RequestContext& ctx) {
    const auto container = m_s.lookup.container(ctx.principal, ctx.param(0));
    ctx.principal.requireWrite();
    const auto request = parseCreate(ctx);
    return ApiResponse{201, nlohmann::json(backend().createSnapshot(container.key, request)), std::nullopt};
}

ApiResponse SnapshotsHandler::restore(RequestContext& ctx) {
    const auto container = m_s.lookup.container(ctx.principal, ctx.param(0));
    ctx.principal.requireWrite();
    if (!ctx.request.body.empty()) {
        const nlohmann::json j = ctx.json();
        if (!(j.is_object() && j.empty())) {
            throw ApiFailure::badRequest("unknown_field", "restore takes no body (or {}); see docs/api.md");
        }
    }
    backend().restoreSnapshot(container.key, ctx.param(1));
    const auto now = m_s.store.get("containers", container.key);
    return ApiResponse::object(m_s.view.container(now ? *now : container));
}

ApiResponse SnapshotsHandler::remove(RequestContext& ctx) {
    const auto container = m_s.lookup.container(ctx.principal, ctx.param(0));
    ctx.principal.requireWrite();
    backend().removeSnapshot(container.key, ctx.param(1));
    return ApiResponse::noContent();
}

} // namespace cowl::node
