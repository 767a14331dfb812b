// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

namespace cowl {

// Project or container proxy settings. enable_proxy false = lockdown.
// `defaultAccess` ("allow"/"deny") overrides the access document's default; nullopt = null.
struct ProxySettings {
    bool enableProxy = true;
    std::optional<std::string> defaultAccess;
    std::uint64_t version = 0;

    bool operator==(const ProxySettings&) const = default;
};

struct ProxySettingsPatch {
    std::optional<bool> enableProxy;
    std::optional<std::optional<std::string>> defaultAccess; // present-and-null clears it
};

struct NodeProxySettings {
    bool enableProxy = true;
    std::uint64_t version = 0;

    bool operator==(const NodeProxySettings&) const = default;
};

struct NodeProxySettingsPatch {
    std::optional<bool> enableProxy;
};

void to_json(nlohmann::json& j, const ProxySettings& s);
void from_json(const nlohmann::json& j, ProxySettings& s);
void to_json(nlohmann::json& j, const ProxySettingsPatch& s);
void from_json(const nlohmann::json& j, ProxySettingsPatch& s);
void to_json(nlohmann::json& j, const NodeProxySettings& s);
void from_json(const nlohmann::json& j, NodeProxySettings& s);
void to_json(nlohmann::json& j, const NodeProxySettingsPatch& s);
void from_json(const nlohmann::json& j, NodeProxySettingsPatch& s);

} // namespace cowl
