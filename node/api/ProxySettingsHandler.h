// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <string_view>

#include "node/api/ApiServices.h"
#include "node/api/Router.h"

namespace cowl::node {

// Proxy settings of the node, a project or a container. enable_proxy false is
// lockdown: lockdown tokens may set it (and only that), never lift it. A missing
// document reads as the defaults at version 0; PATCH with If-Match "0" creates it.
class ProxySettingsHandler {
public:
    explicit ProxySettingsHandler(ApiServices& services) : m_s(services) {}
    void registerRoutes(Router& router);

private:
    ApiResponse getNode(RequestContext& ctx);
    ApiResponse patchNode(RequestContext& ctx);
    ApiResponse getScoped(RequestContext& ctx, std::string_view collection, bool container);
    ApiResponse patchScoped(RequestContext& ctx, std::string_view collection, bool container);
    StoredDocument owner(RequestContext& ctx, bool container) const;

    ApiServices& m_s;
};

} // namespace cowl::node
