// SPDX-License-Identifier: GPL-3.0-or-later
#include "node/api/ProxySettingsHandler.h"

#include "shared/api/ProxySettings.h"

namespace cowl::node {

namespace {

constexpr std::string_view kNodeKey = "node";

} // namespace

void ProxySettingsHandler::registerRoutes(Router& router) {
    router.add("GET", "/api/v1/node/proxy/settings", [this](RequestContext& c) { return getNode(c); });
    router.add("PATCH", "/api/v1/node/proxy/settings", [this](RequestContext& c) { return patchNode(c); });
    router.add("GET", "/api/v1/projects/{id}/proxy/settings",
               [this](RequestContext& c) { return getScoped(c, "settings_project", false); });
    router.add("PATCH", "/api/v1/projects/{id}/proxy/settings",
               [this](RequestContext& c) { return patchScoped(c, "settings_project", false); });
    router.add("GET", "/api/v1/containers/{id}/proxy/settings",
               [this](RequestContext& c) { return getScoped(c, "settings_container", true); });
    router.add("PATCH", "/api/v1/containers/{id}/proxy/settings",
               [this](RequestContext& c) { return patchScoped(c, "settings_container", true); });
}

ApiResponse ProxySettingsHandler::getNode(RequestContext&) {
    if (auto doc = m_s.store.get("settings_node", kNodeKey)) {
        return ApiResponse::object(m_s.view.nodeSettings(*doc));
    }
    return ApiResponse::object(nlohmann::json(NodeProxySettings{}));
}

ApiResponse ProxySettingsHandler::patchNode(RequestContext& ctx) {
    ctx.principal.requireSettingsChange(ctx.json());
    // Node-wide lockdown touches every realm: realm tokens may not lift or set it.
    if (!ctx.principal.nodeScope()) {
        throw ApiFailure::forbidden("node proxy settings belong to node-scope tokens; lock down your projects instead");
    }
    const auto patch = ctx.body<NodeProxySettingsPatch>();
    const auto expected = ctx.ifMatch();
    nlohmann::json body = {{"enable_proxy", true}};
    if (auto doc = m_s.store.get("settings_node", kNodeKey)) {
        body = doc->body;
    }
    if (patch.enableProxy) {
        body["enable_proxy"] = *patch.enableProxy;
    }
    return ApiResponse::object(m_s.view.nodeSettings(m_s.store.put("settings_node", kNodeKey, body, expected)));
}

StoredDocument ProxySettingsHandler::owner(RequestContext& ctx, bool container) const {
    return container ? m_s.lookup.container(ctx.principal, ctx.param(0))
                     : m_s.lookup.project(ctx.principal, ctx.param(0));
}

ApiResponse ProxySettingsHandler::getScoped(RequestContext& ctx, std::string_view collection, bool container) {
    const auto subject = owner(ctx, container);
    if (auto doc = m_s.store.get(collection, subject.key)) {
        return ApiResponse::object(m_s.view.projectSettings(*doc));
    }
    return ApiResponse::object(nlohmann::json(ProxySettings{}));
}

ApiResponse ProxySettingsHandler::patchScoped(RequestContext& ctx, std::string_view collection, bool container) {
    const auto subject = owner(ctx, container);
    ctx.principal.requireSettingsChange(ctx.json());
    const auto patch = ctx.body<ProxySettingsPatch>();
    const auto expected = ctx.ifMatch();
    nlohmann::json body = {{"enable_proxy", true}, {"default", nullptr}};
    if (auto doc = m_s.store.get(collection, subject.key)) {
        body = doc->body;
    }
    if (patch.enableProxy) {
        body["enable_proxy"] = *patch.enableProxy;
    }
    if (patch.defaultAccess) {
        body["default"] = *patch.defaultAccess ? nlohmann::json(**patch.defaultAccess) : nlohmann::json(nullptr);
    }
    return ApiResponse::object(m_s.view.projectSettings(m_s.store.put(collection, subject.key, body, expected)));
}

} // namespace cowl::node
