// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "node/api/ApiServices.h"
#include "node/api/Router.h"

namespace cowl::node {

class ContainerBackend;

// /api/v1/containers/{id}/snapshots[/{name}[/restore]]: list, create, restore,
// delete. The work (and the `snapshot` events) is the runtime's, behind
// ContainerBackend; these routes run outside the API's write lock so that a
// slow snapshot does not hold up other writes, and a second snapshot operation
// on the same container gets 409 busy.
class SnapshotsHandler {
public:
    explicit SnapshotsHandler(ApiServices& services) : m_s(services) {}
    void registerRoutes(Router& router);

private:
    ApiResponse list(RequestContext& ctx);
    ApiResponse create(RequestContext& ctx);
    ApiResponse restore(RequestContext& ctx);
    ApiResponse remove(RequestContext& ctx);
    ContainerBackend& backend() const;

    ApiServices& m_s;
};

} // namespace cowl::node
