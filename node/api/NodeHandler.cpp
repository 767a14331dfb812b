// SPDX-License-Identifier: GPL-3.0-or-later
#include "node/api/NodeHandler.h"

#include <sys/utsname.h>
#include <unistd.h>

namespace cowl::node {

void NodeHandler::registerRoutes(Router& router) {
    router.add("GET", "/api/v1/node", [this](RequestContext& c) { return get(c); });
}

ApiResponse NodeHandler::get(RequestContext&) {
    const auto& id = m_s.view.identity();
    nlohmann::json out = {{"name", id.name},
                          {"domain", id.domain},
                          {"version", COWL_VERSION},
                          {"fingerprint", id.fingerprint}};
    utsname uts{};
    if (::uname(&uts) == 0) {
        out["hostname"] = uts.nodename;
        out["kernel"] = std::string(uts.sysname) + " " + uts.release;
        out["architecture"] = uts.machine;
    }
    out["cpus"] = ::sysconf(_SC_NPROCESSORS_ONLN);
    const long pages = ::sysconf(_SC_PHYS_PAGES);
    const long pageSize = ::sysconf(_SC_PAGESIZE);
    if (pages > 0 && pageSize > 0) {
        out["memory_bytes"] = static_cast<std::uint64_t>(pages) * static_cast<std::uint64_t>(pageSize);
    }
    return ApiResponse{200, std::move(out), std::nullopt};
}

} // namespace cowl::node
