// SPDX-License-Identifier: GPL-3.0-or-later
#include "node/api/ExplainHandler.h"

#include <map>

#include "shared/access/AccessEvaluator.h"
#include "shared/api/StrictObject.h"
#include "shared/programs/ProgramCatalogue.h"

namespace cowl::node {

namespace {

using StringMap = std::map<std::string, std::string, std::less<>>;

StringMap readMap(StrictObject& o, const char* name) {
    StringMap out;
    if (const auto* v = o.raw(name)) {
        const std::string field = o.fieldPath(name);
        if (!v->is_object()) {
            StrictObject::invalid(field, "an object of name → value strings");
        }
        for (const auto& [key, value] : v->items()) {
            out.emplace(key, StrictObject::convert<std::string>(value, field + "." + key));
        }
    }
    return out;
}

struct ExplainRequest {
    std::string program;
    std::optional<std::uint16_t> port;
    std::optional<std::uint32_t> index;
    std::string clientAddress;
    std::optional<std::pair<std::string, std::string>> basic;
    std::optional<std::string> bearer;
    StringMap headers, cookies, query;
};

ExplainRequest parse(const nlohmann::json& j) {
    ExplainRequest r;
    StrictObject o(j);
    r.program = o.required<std::string>("program");
    r.port = o.optional<std::uint16_t>("port");
    r.index = o.optional<std::uint32_t>("index");
    r.clientAddress = o.required<std::string>("client_address");
    if (const auto* creds = o.raw("credentials")) {
        StrictObject c(*creds, "credentials");
        if (const auto* basic = c.raw("basic")) {
            StrictObject b(*basic, "credentials.basic");
            r.basic = std::make_pair(b.required<std::string>("username"), b.required<std::string>("password"));
            b.finish();
        }
        r.bearer = c.optional<std::string>("bearer");
        r.headers = readMap(c, "headers");
        r.cookies = readMap(c, "cookies");
        r.query = readMap(c, "query");
        c.finish();
    }
    o.finish();
    return r;
}

} // namespace

void ExplainHandler::registerRoutes(Router& router) {
    router.add("POST", "/api/v1/containers/{id}/proxy/explain", [this](RequestContext& c) { return explain(c); });
}

ApiResponse ExplainHandler::explain(RequestContext& ctx) {
    const auto container = m_s.lookup.container(ctx.principal, ctx.param(0));
    const nlohmann::json body = ctx.json();
    ExplainRequest r;
    try {
        r = parse(body);
    } catch (const FieldError& e) {
        throw RequestContext::failureFor(e);
    }
    if (ProgramCatalogue::find(r.program) == nullptr) {
        throw ApiFailure::unprocessable("\"" + r.program + "\" is not a program of the catalogue", "program");
    }
    const auto client = IpAddress::parse(r.clientAddress);
    if (!client) {
        throw ApiFailure::unprocessable("client_address must be an IPv4 or IPv6 address", "client_address");
    }
    if (r.port && *r.port == 0) {
        throw ApiFailure::unprocessable("port must be 1 to 65535", "port");
    }
    if (r.index && (*r.index < 1 || *r.index > ProgramCatalogue::kMaxIndex)) {
        throw ApiFailure::unprocessable("index must be 1 to 9999", "index");
    }
    const auto found = m_s.view.effectivePermissions(container.key, container.body.value("project_id", std::string()));

    AccessRequest request;
    request.program = r.program;
    request.port = r.port;
    request.index = r.index;
    request.client = *client;
    if (r.basic) {
        request.credentials.basic = BasicCredentials{r.basic->first, r.basic->second};
    }
    if (r.bearer) {
        request.credentials.bearer = *r.bearer;
    }
    request.credentials.header = NamedLookup::overIgnoringCase(r.headers);
    request.credentials.cookie = NamedLookup::over(r.cookies);
    request.credentials.query = NamedLookup::over(r.query);
    const AccessDecision decision = AccessEvaluator::evaluate(found.document.get(), request);
    nlohmann::json out = {{"decision", decision.allowed ? "allow" : "deny"},
                          {"status", decision.status},
                          {"group", decision.group ? nlohmann::json(*decision.group) : nlohmann::json(nullptr)},
                          {"reason", decision.reason},
                          {"source", found.source}};
    return ApiResponse{200, std::move(out), std::nullopt};
}

} // namespace cowl::node
