// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <string>

#include "node/api/ApiServices.h"
#include "node/api/Router.h"

namespace cowl::node {

// /api/v1/tokens: admins of a scope manage that scope's tokens. The secret is
// in the POST answer only; DELETE revokes at once (EventHub closes its streams).
class TokensHandler {
public:
    explicit TokensHandler(ApiServices& services) : m_s(services) {}
    void registerRoutes(Router& router);

private:
    ApiResponse list(RequestContext& ctx);
    ApiResponse create(RequestContext& ctx);
    ApiResponse get(RequestContext& ctx);
    ApiResponse remove(RequestContext& ctx);
    std::string connectionString(const RequestContext& ctx, const std::string& secret) const;

    ApiServices& m_s;
};

} // namespace cowl::node
