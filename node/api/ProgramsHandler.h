// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "node/api/ApiServices.h"
#include "node/api/Router.h"

namespace cowl::node {

// /api/v1/containers/{id}/programs: the program table (catalogue defaults until
// the first PUT, shown as version 0; PUT with If-Match "0" creates it).
class ProgramsHandler {
public:
    explicit ProgramsHandler(ApiServices& services) : m_s(services) {}
    void registerRoutes(Router& router);

private:
    ApiResponse get(RequestContext& ctx);
    ApiResponse put(RequestContext& ctx);

    ApiServices& m_s;
};

} // namespace cowl::node
