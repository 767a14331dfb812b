// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "node/api/ApiServices.h"
#include "node/api/Router.h"

namespace cowl::node {

// GET /api/v1/node: who this node is and facts about its server.
class NodeHandler {
public:
    explicit NodeHandler(ApiServices& services) : m_s(services) {}
    void registerRoutes(Router& router);

private:
    ApiResponse get(RequestContext& ctx);

    ApiServices& m_s;
};

} // namespace cowl::node
