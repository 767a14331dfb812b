// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace cowl {

struct AliasRiskReason {
    std::string code;
    std::string message;

    bool operator==(const AliasRiskReason&) const = default;
};

// How the API shows an alias's risk: {"level", "reasons": [{"code","message"}]}.
struct AliasRiskView {
    std::string level; // low, medium, high, critical
    std::vector<AliasRiskReason> reasons;

    bool operator==(const AliasRiskView&) const = default;
};

// SPEC §5. `index` and `port` are exclusive; expiresAt is RFC 3339 UTC.
struct Alias {
    std::string id;
    std::string alias;
    std::string containerId;
    std::string program;
    std::optional<std::uint32_t> index;
    std::optional<std::uint16_t> port;
    std::string targetPath = "/";
    bool allowPathOverride = true;
    std::optional<std::string> expiresAt;
    bool enabled = true;
    std::string createdAt;
    std::string updatedAt;
    std::string url;
    AliasRiskView risk;
    std::uint64_t version = 0;

    bool operator==(const Alias&) const = default;
};

// expires_at in requests may be RFC 3339 or Unix seconds; both arrive here as
// `expiresAt` (string) or `expiresAtUnix`.
struct AliasCreate {
    std::optional<std::string> alias;
    std::string containerId;
    std::string program;
    std::optional<std::uint32_t> index;
    std::optional<std::uint16_t> port;
    std::optional<std::string> targetPath;
    std::optional<bool> allowPathOverride;
    std::optional<std::string> expiresAt;
    std::optional<std::int64_t> expiresAtUnix;
    std::optional<bool> enabled;
};

struct AliasPatch {
    std::optional<std::string> alias;
    std::optional<std::string> program;
    std::optional<std::optional<std::uint32_t>> index;
    std::optional<std::optional<std::uint16_t>> port;
    std::optional<std::string> targetPath;
    std::optional<bool> allowPathOverride;
    std::optional<std::optional<std::string>> expiresAt; // present-and-null: never expires
    std::optional<std::int64_t> expiresAtUnix;
    std::optional<bool> enabled;
};

void to_json(nlohmann::json& j, const AliasRiskReason& r);
void from_json(const nlohmann::json& j, AliasRiskReason& r);
void to_json(nlohmann::json& j, const AliasRiskView& r);
void from_json(const nlohmann::json& j, AliasRiskView& r);
void to_json(nlohmann::json& j, const Alias& a);
void from_json(const nlohmann::json& j, Alias& a);
void to_json(nlohmann::json& j, const AliasCreate& a);
void from_json(const nlohmann::json& j, AliasCreate& a);
void from_json(const nlohmann::json& j, AliasPatch& a);

} // namespace cowl
