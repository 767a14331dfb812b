// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "node/api/ApiServices.h"
#include "node/api/Router.h"

namespace cowl::node {

// /api/v1/projects: names unique per realm; DELETE refused while containers remain.
class ProjectsHandler {
public:
    explicit ProjectsHandler(ApiServices& services) : m_s(services) {}
    void registerRoutes(Router& router);

private:
    ApiResponse list(RequestContext& ctx);
    ApiResponse create(RequestContext& ctx);
    ApiResponse get(RequestContext& ctx);
    ApiResponse patch(RequestContext& ctx);
    ApiResponse remove(RequestContext& ctx);
    void requireUniqueName(const std::string& realmId, const std::string& name, const std::string& exceptId) const;

    ApiServices& m_s;
};

} // namespace cowl::node
