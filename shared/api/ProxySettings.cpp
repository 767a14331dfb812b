// SPDX-License-Identifier: GPL-3.0-or-later
#include "shared/api/ProxySettings.h"

#include "shared/api/StrictObject.h"

namespace cowl {

namespace {

std::optional<std::string> readDefault(const std::optional<std::string>& value) {
    if (value && *value != "allow" && *value != "deny") {
        StrictObject::invalid("default", "\"allow\", \"deny\" or null");
    }
    return value;
}

nlohmann::json defaultJson(const std::optional<std::string>& value) {
    return value ? nlohmann::json(*value) : nlohmann::json(nullptr);
}

} // namespace

void to_json(nlohmann::json& j, const ProxySettings& s) {
    j = {{"enable_proxy", s.enableProxy}, {"default", defaultJson(s.defaultAccess)}, {"version", s.version}};
}

void from_json(const nlohmann::json& j, ProxySettings& s) {
    StrictObject o(j);
    s.enableProxy = o.required<bool>("enable_proxy");
    s.defaultAccess = readDefault(o.nullable<std::string>("default").value_or(std::nullopt));
    s.version = o.optional<std::uint64_t>("version").value_or(0);
    o.finish();
}

void to_json(nlohmann::json& j, const ProxySettingsPatch& s) {
    j = nlohmann::json::object();
    if (s.enableProxy) {
        j["enable_proxy"] = *s.enableProxy;
    }
    if (s.defaultAccess) {
        j["default"] = defaultJson(*s.defaultAccess);
    }
}

void from_json(const nlohmann::json& j, ProxySettingsPatch& s) {
    StrictObject o(j);
    s.enableProxy = o.optional<bool>("enable_proxy");
    s.defaultAccess = o.nullable<std::string>("default");
    if (s.defaultAccess) {
        readDefault(*s.defaultAccess);
    }
    o.optional<std::uint64_t>("version"); // echoed back by clients; If-Match decides
    o.finish();
}

void to_json(nlohmann::json& j, const NodeProxySettings& s) {
    j = {{"enable_proxy", s.enableProxy}, {"version", s.version}};
}

void from_json(const nlohmann::json& j, NodeProxySettings& s) {
    StrictObject o(j);
    s.enableProxy = o.required<bool>("enable_proxy");
    s.version = o.optional<std::uint64_t>("version").value_or(0);
    o.finish();
}

void to_json(nlohmann::json& j, const NodeProxySettingsPatch& s) {
    j = nlohmann::json::object();
    if (s.enableProxy) {
        j["enable_proxy"] = *s.enableProxy;
    }
}

void from_json(const nlohmann::json& j, NodeProxySettingsPatch& s) {
    StrictObject o(j);
    s.enableProxy = o.optional<bool>("enable_proxy");
    o.optional<std::uint64_t>("version");
    o.finish();
}

} // namespace cowl
