// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <string_view>

#include "node/api/ApiServices.h"
#include "node/api/Router.h"

namespace cowl::node {

// Access documents of projects and containers (SPEC §3). Secrets are hashed on
// the way in and never come back; a PUT that omits a secret of an existing group
// (same name and type) keeps the stored one.
class PermissionsHandler {
public:
    explicit PermissionsHandler(ApiServices& services) : m_s(services) {}
    void registerRoutes(Router& router);

private:
    ApiResponse get(RequestContext& ctx, std::string_view collection, bool container);
    ApiResponse put(RequestContext& ctx, std::string_view collection, bool container);
    ApiResponse remove(RequestContext& ctx, std::string_view collection, bool container);
    ApiResponse effective(RequestContext& ctx);
    StoredDocument owner(RequestContext& ctx, bool container) const;

    ApiServices& m_s;
};

} // namespace cowl::node
