// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "node/api/ApiServices.h"
#include "node/api/Router.h"

namespace cowl::node {

// POST /api/v1/containers/{id}/proxy/explain: runs the proxy's own evaluator on
// a hypothetical request against the document in force. Read-only.
class ExplainHandler {
public:
    explicit ExplainHandler(ApiServices& services) : m_s(services) {}
    void registerRoutes(Router& router);

private:
    ApiResponse explain(RequestContext& ctx);

    ApiServices& m_s;
};

} // namespace cowl::node
