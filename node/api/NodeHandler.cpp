// SPDX-License-Identifier: GPL-3.0-or-later
#include "node/api/NodeHandler.h"

#include <sys/utsname.h>
#include <unistd.h>

#include "node/api/ContainerService.h"

namespace cowl::node {

namespace {

// Without a runtime the node still says what it can see for itself.
nlohmann::json basicFacts() {
    nlohmann::json out;
    utsname uts{};
    if (::uname(&uts) == 0) {
        out["hostname"] = uts.nodename;
        out["kernel"] = uts.release;
        out["architecture"] = uts.machine;
    }
    out["cpu"] = {{"model", ""}, {"count", ::sysconf(_SC_NPROCESSORS_ONLN)}};
    const long pages = ::sysconf(_SC_PHYS_PAGES);
    const long available = ::sysconf(_SC_AVPHYS_PAGES);
    const long pageSize = ::sysconf(_SC_PAGESIZE);
    out["memory"] = {{"total_bytes", pages > 0 && pageSize > 0 ? std::uint64_t(pages) * std::uint64_t(pageSize) : 0},
                     {"available_bytes",
                      available > 0 && pageSize > 0 ? std::uint64_t(available) * std::uint64_t(pageSize) : 0}};
    return out;
}

} // namespace

void NodeHandler::registerRoutes(Router& router) {
    router.add("GET", "/api/v1/node", [this](RequestContext& c) { return get(c); });
}

ApiResponse NodeHandler::get(RequestContext& ctx) {
    const auto& id = m_s.view.identity();
    nlohmann::json out = {{"name", id.name},
                          {"domain", id.domain},
                          {"version", COWL_VERSION},
                          {"fingerprint", id.fingerprint}};
    auto* backend = m_s.containers.backend();
    out.update(backend ? backend->facts() : basicFacts());
    // Counted from the records (failed creations, which the runtime no longer
    // has, count too), and only those the token may see.
    nlohmann::json counts = {{"total", 0}, {"running", 0}, {"stopped", 0}, {"failed", 0}};
    for (const auto& doc : m_s.store.list("containers")) {
        if (!ctx.principal.sees(ObjectLookup::realmOf(doc))) {
            continue;
        }
        counts["total"] = counts["total"].get<int>() + 1;
        const std::string status = doc.body.value("status", std::string());
        if (counts.contains(status)) {
            counts[status] = counts[status].get<int>() + 1;
        }
    }
    out["containers"] = std::move(counts);
    return ApiResponse{200, std::move(out), std::nullopt};
}

} // namespace cowl::node
