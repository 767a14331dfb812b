// SPDX-License-Identifier: GPL-3.0-or-later
#include "node/api/NodeHandler.h"

#include <sys/utsname.h>
#include <unistd.h>

#include "node/api/ContainerService.h"
#include "shared/api/ServerFacts.h"

namespace cowl::node {

namespace {

// Without a runtime the node still says what it can see for itself.
ServerFacts basicFacts() {
    ServerFacts out;
    utsname uts{};
    if (::uname(&uts) == 0) {
        out.hostname = uts.nodename;
        out.kernel = uts.release;
        out.architecture = uts.machine;
    }
    out.cpuCount = static_cast<int>(::sysconf(_SC_NPROCESSORS_ONLN));
    const long pages = ::sysconf(_SC_PHYS_PAGES);
    const long available = ::sysconf(_SC_AVPHYS_PAGES);
    const long pageSize = ::sysconf(_SC_PAGESIZE);
    out.memoryTotalBytes = pages > 0 && pageSize > 0 ? std::uint64_t(pages) * std::uint64_t(pageSize) : 0;
    out.memoryAvailableBytes = available > 0 && pageSize > 0 ? std::uint64_t(available) * std::uint64_t(pageSize) : 0;
    return out;
}

} // namespace

void NodeHandler::registerRoutes(Router& router) {
    router.add("GET", "/api/v1/node", [this](RequestContext& c) { return get(c); });
}

ApiResponse NodeHandler::get(RequestContext& ctx) {
    auto* backend = m_s.containers.backend();
    ServerFacts facts = backend ? backend->facts() : basicFacts();
    const auto& id = m_s.view.identity();
    facts.name = id.name;
    facts.domain = id.domain;
    facts.version = COWL_VERSION;
    facts.fingerprint = id.fingerprint;
    // Counted from the records (failed creations, which the runtime no longer
    // has, count too), and only those the token may see.
    ContainerCounts counts;
    for (const auto& doc : m_s.store.list("containers")) {
        if (!ctx.principal.sees(ObjectLookup::realmOf(doc))) {
            continue;
        }
        ++counts.total;
        const std::string status = doc.body.value("status", std::string());
        if (status == "running") {
            ++counts.running;
        } else if (status == "stopped") {
            ++counts.stopped;
        } else if (status == "failed") {
            ++counts.failed;
        }
    }
    facts.containers = counts;
    return ApiResponse{200, nlohmann::json(facts), std::nullopt};
}

} // namespace cowl::node
