// SPDX-License-Identifier: GPL-3.0-or-later
#include "node/api/AliasesHandler.h"

#include <chrono>

#include "node/api/UtcClock.h"
#include "shared/Id.h"
#include "shared/alias/AliasName.h"
#include "shared/api/Alias.h"
#include "shared/programs/ProgramCatalogue.h"

namespace cowl::node {

namespace {

// expires_at arrives as RFC 3339 or Unix seconds; it is stored as RFC 3339 UTC.
std::string normaliseExpiry(const std::optional<std::string>& text, const std::optional<std::int64_t>& unix) {
    std::chrono::system_clock::time_point when;
    if (unix) {
        when = std::chrono::system_clock::time_point(std::chrono::seconds(*unix));
    } else {
        auto parsed = UtcClock::parse(*text);
        if (!parsed) {
            throw ApiFailure::unprocessable("expires_at must be an RFC 3339 time (2026-12-31T23:59:59Z) or Unix seconds",
                                            "expires_at");
        }
        when = *parsed;
    }
    if (when <= std::chrono::system_clock::now()) {
        throw ApiFailure::unprocessable("expires_at must be in the future", "expires_at");
    }
    return UtcClock::format(when);
}

template <typename T>
nlohmann::json orNull(const std::optional<T>& v) {
    return v ? nlohmann::json(*v) : nlohmann::json(nullptr);
}

} // namespace

void AliasesHandler::registerRoutes(Router& router) {
    router.add("GET", "/api/v1/aliases", [this](RequestContext& c) { return list(c); });
    router.add("POST", "/api/v1/aliases", [this](RequestContext& c) { return create(c); });
    router.add("GET", "/api/v1/aliases/{id}", [this](RequestContext& c) { return get(c); });
    router.add("PATCH", "/api/v1/aliases/{id}", [this](RequestContext& c) { return patch(c); });
    router.add("DELETE", "/api/v1/aliases/{id}", [this](RequestContext& c) { return remove(c); });
}

// An alias by program (not by port) reaches the port in the container's
// table; without an entry it would publish nothing, so refuse it up front.
void AliasesHandler::requireInProgramTable(const std::string& containerId, const std::string& program) const {
    if (!m_s.view.programTable(containerId).programs.contains(program)) {
        throw ApiFailure::unprocessable("the container has no \"" + program
                                            + "\" in its programs table; add it (PUT /api/v1/containers/"
                                            + containerId + "/programs) or address it by port",
                                        "program");
    }
}

void AliasesHandler::validate(const nlohmann::json& body, const std::string& exceptId) const {
    const std::string name = body.at("alias").get<std::string>();
    if (auto error = AliasName::validationError(name, m_s.view.identity().suffix())) {
        throw ApiFailure::unprocessable(*error, "alias");
    }
    const std::string program = body.at("program").get<std::string>();
    const ProgramInfo* info = ProgramCatalogue::find(program);
    if (info == nullptr) {
        throw ApiFailure::unprocessable("\"" + program + "\" is not a program of the catalogue", "program");
    }
    const bool hasIndex = !body.at("index").is_null();
    const bool hasPort = !body.at("port").is_null();
    if (!hasPort) {
        requireInProgramTable(body.at("container_id").get<std::string>(), program);
    }
    if (hasIndex && hasPort) {
        throw ApiFailure::unprocessable("give index or port, not both", "port");
    }
    if (hasPort) {
        if (!ProgramCatalogue::isPortAddressed(program)) {
            throw ApiFailure::unprocessable("only http and https take a port; use index for \"" + program + "\"", "port");
        }
        if (body.at("port").get<std::uint32_t>() == 0) {
            throw ApiFailure::unprocessable("port must be 1 to 65535", "port");
        }
    }
    if (hasIndex) {
        const auto index = body.at("index").get<std::uint32_t>();
        if (index < 1 || index > ProgramCatalogue::kMaxIndex || (!info->indexed && index != 1)) {
            throw ApiFailure::unprocessable(info->indexed ? "index must be 1 to 9999"
                                                          : "\"" + program + "\" has one instance: index must be 1",
                                            "index");
        }
    }
    const std::string path = body.at("target_path").get<std::string>();
    if (path.empty() || path.front() != '/' || path.size() > 2048) {
        throw ApiFailure::unprocessable("target_path must start with '/' (at most 2048 characters)", "target_path");
    }
    for (const auto& a : m_s.store.list("aliases")) {
        if (a.key != exceptId && a.body.value("alias", std::string()) == name) {
            throw ApiFailure::conflict("the alias name \"" + name + "\" is taken on this node; pick another", "alias");
        }
    }
}

ApiResponse AliasesHandler::list(RequestContext& ctx) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& doc : m_s.store.list("aliases")) {
        try {
            m_s.lookup.alias(ctx.principal, doc.key);
        } catch (const ApiFailure&) {
            continue;
        }
        out.push_back(m_s.view.alias(doc));
    }
    return ApiResponse::list(std::move(out));
}

ApiResponse AliasesHandler::create(RequestContext& ctx) {
    ctx.principal.requireWrite();
    const auto request = ctx.body<AliasCreate>();
    StoredDocument container;
    try {
        container = m_s.lookup.container(ctx.principal, request.containerId);
    } catch (const ApiFailure&) {
        throw ApiFailure::unprocessable("there is no container with this id", "container_id");
    }
    const std::string id = Id::generate().str();
    const std::string now = UtcClock::now();
    nlohmann::json body = {
        {"id", id},
        {"alias", request.alias && !request.alias->empty() ? *request.alias : AliasName::random()},
        {"container_id", container.key},
        {"program", request.program},
        {"index", orNull(request.index)},
        {"port", orNull(request.port)},
        {"target_path", request.targetPath.value_or("/")},
        {"allow_path_override", request.allowPathOverride.value_or(true)},
        {"expires_at", request.expiresAt || request.expiresAtUnix
                           ? nlohmann::json(normaliseExpiry(request.expiresAt, request.expiresAtUnix))
                           : nlohmann::json(nullptr)},
        {"enabled", request.enabled.value_or(true)},
        {"created_at", now},
        {"updated_at", now}};
    validate(body, "");
    return ApiResponse::object(m_s.view.alias(m_s.store.put("aliases", id, std::move(body), 0)), 201);
}

ApiResponse AliasesHandler::get(RequestContext& ctx) {
    return ApiResponse::object(m_s.view.alias(m_s.lookup.alias(ctx.principal, ctx.param(0))));
}

ApiResponse AliasesHandler::patch(RequestContext& ctx) {
    auto doc = m_s.lookup.alias(ctx.principal, ctx.param(0));
    ctx.principal.requireWrite();
    const auto expected = ctx.ifMatch();
    const auto request = ctx.body<AliasPatch>();
    nlohmann::json body = doc.body;
    if (request.alias) {
        body["alias"] = request.alias->empty() ? AliasName::random() : *request.alias;
    }
    if (request.program) {
        body["program"] = *request.program;
    }
    if (request.index) {
        body["index"] = orNull(*request.index);
    }
    if (request.port) {
        body["port"] = orNull(*request.port);
    }
    if (request.targetPath) {
        body["target_path"] = *request.targetPath;
    }
    if (request.allowPathOverride) {
        body["allow_path_override"] = *request.allowPathOverride;
    }
    if (request.expiresAtUnix) {
        body["expires_at"] = normaliseExpiry(std::nullopt, request.expiresAtUnix);
    } else if (request.expiresAt) {
        body["expires_at"] = *request.expiresAt ? nlohmann::json(normaliseExpiry(*request.expiresAt, std::nullopt))
                                                : nlohmann::json(nullptr);
    }
    if (request.enabled) {
        body["enabled"] = *request.enabled;
    }
    body["updated_at"] = UtcClock::now();
    validate(body, doc.key);
    return ApiResponse::object(m_s.view.alias(m_s.store.put("aliases", doc.key, std::move(body), expected)));
}

ApiResponse AliasesHandler::remove(RequestContext& ctx) {
    const auto doc = m_s.lookup.alias(ctx.principal, ctx.param(0));
    ctx.principal.requireWrite();
    const std::optional<std::uint64_t> expected =
        ctx.request.ifMatch ? std::optional<std::uint64_t>(ctx.ifMatch()) : std::optional<std::uint64_t>(doc.version);
    m_s.store.remove("aliases", doc.key, expected);
    return ApiResponse::noContent();
}

} // namespace cowl::node
