// SPDX-License-Identifier: GPL-3.0-or-later
#include "node/api/ProxyCertificatesHandler.h"

namespace cowl::node {

void ProxyCertificatesHandler::registerRoutes(Router& router) {
    router.add("POST", "/api/v1/node/proxy/certificates", [this](RequestContext& c) { return post(c); });
}

ApiResponse ProxyCertificatesHandler::post(RequestContext& ctx) {
    ctx.principal.requireNodeAdmin();
    const nlohmann::json body = ctx.json();
    if (!body.is_object()) {
        throw ApiFailure::badRequest("invalid_json", "the body must be a JSON object");
    }
    for (const auto& [key, value] : body.items()) {
        if (key != "certificate" && key != "private_key") {
            throw ApiFailure::badRequest("unknown_field", "unknown field \"" + key + "\"", key);
        }
    }
    for (const char* field : {"certificate", "private_key"}) {
        if (!body.contains(field)) {
            throw ApiFailure::badRequest("missing_field", std::string(field) + " is required (PEM text)", field);
        }
        if (!body.at(field).is_string()) {
            throw ApiFailure::badRequest("invalid_field", std::string(field) + " must be a string (PEM text)", field);
        }
    }
    if (!m_importer) {
        throw ApiFailure::conflict("this node's proxy is not running; start the node with its proxy and try again");
    }
    std::vector<std::string> names;
    try {
        names = m_importer(body.at("certificate").get<std::string>(), body.at("private_key").get<std::string>());
    } catch (const std::runtime_error& e) {
        throw ApiFailure::unprocessable(e.what(), "certificate");
    }
    return ApiResponse::object({{"names", names}}, 201);
}

} // namespace cowl::node
