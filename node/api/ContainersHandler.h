// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <string>

#include "node/api/ApiServices.h"
#include "node/api/Router.h"

namespace cowl::node {

// /api/v1/projects/{id}/containers and /api/v1/containers/{id}[/action]:
// validation here, records and runtime in ContainerService.
class ContainersHandler {
public:
    explicit ContainersHandler(ApiServices& services) : m_s(services) {}
    void registerRoutes(Router& router);

private:
    ApiResponse listAll(RequestContext& ctx);
    ApiResponse listInProject(RequestContext& ctx);
    ApiResponse create(RequestContext& ctx);
    ApiResponse get(RequestContext& ctx);
    ApiResponse patch(RequestContext& ctx);
    ApiResponse remove(RequestContext& ctx);
    ApiResponse act(RequestContext& ctx, const char* action);
    void requireUniqueName(const std::string& projectId, const std::string& name, const std::string& exceptId) const;

    ApiServices& m_s;
};

} // namespace cowl::node
