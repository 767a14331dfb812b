// SPDX-License-Identifier: GPL-3.0-or-later
#include "node/api/ProgramsHandler.h"

#include "shared/api/ProgramTable.h"

namespace cowl::node {

void ProgramsHandler::registerRoutes(Router& router) {
    router.add("GET", "/api/v1/containers/{id}/programs", [this](RequestContext& c) { return get(c); });
    router.add("PUT", "/api/v1/containers/{id}/programs", [this](RequestContext& c) { return put(c); });
}

ApiResponse ProgramsHandler::get(RequestContext& ctx) {
    const auto container = m_s.lookup.container(ctx.principal, ctx.param(0));
    if (auto doc = m_s.store.get("programs", container.key)) {
        return ApiResponse::object(m_s.view.programs(*doc));
    }
    return ApiResponse::object(nlohmann::json(ProgramTable::defaults()));
}

ApiResponse ProgramsHandler::put(RequestContext& ctx) {
    const auto container = m_s.lookup.container(ctx.principal, ctx.param(0));
    ctx.principal.requireWrite();
    const auto expected = ctx.ifMatch();
    const auto table = ctx.body<ProgramTable>();
    try {
        validateProgramTable(table);
    } catch (const ValidationError& e) {
        throw ApiFailure::unprocessable(e.what(), e.field());
    }
    nlohmann::json body = table;
    body.erase("version");
    const auto doc = m_s.store.put("programs", container.key, std::move(body), expected);
    return ApiResponse::object(m_s.view.programs(doc));
}

} // namespace cowl::node
