// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace cowl {

class AccessDocument;

enum class RiskLevel { Low, Medium, High, Critical };

std::string_view toString(RiskLevel level);
std::optional<RiskLevel> riskLevelFromString(std::string_view text);

struct RiskReason {
    std::string code;
    std::string message;

    bool operator==(const RiskReason&) const = default;
};

struct AliasRiskAssessment {
    RiskLevel level = RiskLevel::Low;
    std::vector<RiskReason> reasons;

    bool operator==(const AliasRiskAssessment&) const = default;
};

struct AliasRiskInput {
    std::string_view program;
    const AccessDocument* document = nullptr; // the document in force for the container; null = none
    bool hasExpiry = false;
    std::string_view alias;
    bool customDomain = false;
};

// SPEC §5 alias risk, computed once here so the console shows before saving
// exactly what the node reports after. Reason codes: operator_program,
// no_access_document, default_allow, open_ip_group, no_credential_group,
// no_expiry, generic_name, custom_domain.
class AliasRisk {
public:
    static AliasRiskAssessment assess(const AliasRiskInput& input);
    // The risk of a container's own program URL (urls[].risk): its 192 random
    // bits keep it unguessable, so only an operator program left open is high.
    static RiskLevel assessProgramUrl(std::string_view program, const AccessDocument* document);
    static bool isGenericName(std::string_view alias);
};

void to_json(nlohmann::json& j, const RiskReason& reason);
void from_json(const nlohmann::json& j, RiskReason& reason);
void to_json(nlohmann::json& j, const AliasRiskAssessment& assessment);
void from_json(const nlohmann::json& j, AliasRiskAssessment& assessment);

} // namespace cowl
