// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "node/api/ApiServices.h"
#include "node/api/Router.h"

namespace cowl::node {

// /api/v1/aliases: alias records (SPEC §5); the proxy routes them. Names are
// unique per node; answers carry url and risk (computed in shared/).
class AliasesHandler {
public:
    explicit AliasesHandler(ApiServices& services) : m_s(services) {}
    void registerRoutes(Router& router);

private:
    ApiResponse list(RequestContext& ctx);
    ApiResponse create(RequestContext& ctx);
    ApiResponse get(RequestContext& ctx);
    ApiResponse patch(RequestContext& ctx);
    ApiResponse remove(RequestContext& ctx);
    // Checks a complete stored body (name, program, index/port, path, expiry).
    void validate(const nlohmann::json& body, const std::string& exceptId) const;
    void requireInProgramTable(const std::string& containerId, const std::string& program) const;

    ApiServices& m_s;
};

} // namespace cowl::node
