// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "node/api/ApiServices.h"
#include "node/api/Router.h"

namespace cowl::node {

// /api/v1/realms: node-scope tokens only; admins create and delete.
class RealmsHandler {
public:
    explicit RealmsHandler(ApiServices& services) : m_s(services) {}
    void registerRoutes(Router& router);

private:
    ApiResponse list(RequestContext& ctx);
    ApiResponse create(RequestContext& ctx);
    ApiResponse get(RequestContext& ctx);
    ApiResponse remove(RequestContext& ctx);

    ApiServices& m_s;
};

} // namespace cowl::node
