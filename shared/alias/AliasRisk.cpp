// SPDX-License-Identifier: GPL-3.0-or-later
#include "shared/alias/AliasRisk.h"

#include <algorithm>
#include <array>

#include "shared/ValidationError.h"
#include "shared/access/AccessDocument.h"
#include "shared/programs/ProgramCatalogue.h"

namespace cowl {

namespace {

constexpr std::array<std::string_view, 40> kGenericWords = {
    "api",     "app",    "apps",   "prod",  "production", "admin",   "administrator", "test",  "testing", "dev",
    "develop", "www",    "web",    "staging", "stage",    "demo",    "beta",          "alpha", "qa",      "uat",
    "internal", "intranet", "dashboard", "console", "portal", "panel", "manage",    "mail",  "git",     "db",
    "database", "backup", "shop",   "blog",  "login",      "auth",    "home",          "server", "live",  "preview"};

struct Exposure {
    bool open = false;          // anyone reaches it without a credential
    bool credentialGrant = false;
    std::optional<std::string> openIpGroup;
};

bool grantsSomething(const AccessValue* value) {
    return value != nullptr && value->kind() != AccessValue::Kind::Deny;
}

Exposure exposureOf(std::string_view program, const AccessDocument* doc) {
    Exposure e;
    if (doc == nullptr) {
        e.open = true;
        return e;
    }
    e.open = doc->defaultDecision == DefaultDecision::Allow;
    for (const auto& [name, group] : doc->groups) {
        if (!grantsSomething(doc->permission(name, program))) {
            continue;
        }
        if (group.isCredentialGroup()) {
            e.credentialGrant = e.credentialGrant || group.hasSecret();
            continue;
        }
        for (const Cidr& cidr : std::get<IpCredential>(group.credential).cidrs) {
            if (cidr.prefixLength() == 0) {
                e.open = true;
                e.openIpGroup = name;
            }
        }
    }
    return e;
}

RiskLevel raise(RiskLevel level) {
    return level == RiskLevel::Critical ? level : static_cast<RiskLevel>(static_cast<int>(level) + 1);
}

} // namespace

std::string_view toString(RiskLevel level) {
    switch (level) {
    case RiskLevel::Low:
        return "low";
    case RiskLevel::Medium:
        return "medium";
    case RiskLevel::High:
        return "high";
    case RiskLevel::Critical:
        return "critical";
    }
    return "critical";
}

std::optional<RiskLevel> riskLevelFromString(std::string_view text) {
    for (RiskLevel l : {RiskLevel::Low, RiskLevel::Medium, RiskLevel::High, RiskLevel::Critical}) {
        if (toString(l) == text) {
            return l;
        }
    }
    return std::nullopt;
}

bool AliasRisk::isGenericName(std::string_view alias) {
    // Generic when every hyphen-separated word is a common word or a number:
    // "admin", "dev-api", "staging-2" are the first names anyone scans for.
    bool sawWord = false;
    while (!alias.empty()) {
        const auto dash = alias.find('-');
        const std::string_view word = alias.substr(0, dash);
        alias = dash == std::string_view::npos ? std::string_view() : alias.substr(dash + 1);
        if (word.empty() || word.find_first_not_of("0123456789") == std::string_view::npos) {
            continue;
        }
        if (std::find(kGenericWords.begin(), kGenericWords.end(), word) == kGenericWords.end()) {
            return false;
        }
        sawWord = true;
    }
    return sawWord;
}

AliasRiskAssessment AliasRisk::assess(const AliasRiskInput& input) {
    AliasRiskAssessment a;
    const ProgramInfo* info = ProgramCatalogue::find(input.program);
    const bool operatorProgram = info == nullptr || info->risk == RiskClass::Operator;
    const Exposure e = exposureOf(input.program, input.document);
    const std::string program(input.program);

    if (operatorProgram) {
        a.reasons.push_back({"operator_program", "operator program published: " + program +
                                                     (info != nullptr ? " (" + std::string(info->reason) + ")" : "")});
    }
    if (input.document == nullptr) {
        a.reasons.push_back({"no_access_document", "no access document in force: anyone who knows the name gets in"});
    } else if (input.document->defaultDecision == DefaultDecision::Allow) {
        a.reasons.push_back({"default_allow", "the access document's default is allow: requests no group decides get in"});
    }
    if (e.openIpGroup) {
        a.reasons.push_back({"open_ip_group", "ip group '" + *e.openIpGroup + "' admits every address"});
    }
    if (input.document != nullptr && !e.credentialGrant) {
        a.reasons.push_back({"no_credential_group", "no password, token or JWT group grants " + program +
                                                        ": only the name (and IP ranges) protect it"});
    }
    if (operatorProgram && !input.hasExpiry) {
        a.reasons.push_back({"no_expiry", "no expiry on an operator program: the alias stays up until someone "
                                          "remembers to delete it"});
    }
    const bool generic = isGenericName(input.alias);
    if (generic) {
        a.reasons.push_back({"generic_name", "'" + std::string(input.alias) +
                                                 "' is a generic name: scanners try it first"});
    }
    if (input.customDomain) {
        a.reasons.push_back({"custom_domain", "custom domain: the name appears in Certificate Transparency logs"});
    }

    RiskLevel level = RiskLevel::Low;
    if (operatorProgram) {
        level = e.open ? RiskLevel::Critical : (e.credentialGrant ? RiskLevel::Medium : RiskLevel::High);
        if (!input.hasExpiry) {
            level = raise(level);
        }
    }
    // Where no credential stands in the way, the name is the only secret:
    // a guessable or published name weakens it.
    if (!e.credentialGrant || e.open) {
        if (generic) {
            level = raise(level);
        }
        if (input.customDomain) {
            level = raise(level);
        }
    }
    a.level = level;
    return a;
}

RiskLevel AliasRisk::assessProgramUrl(std::string_view program, const AccessDocument* document) {
    const ProgramInfo* info = ProgramCatalogue::find(program);
    if (info != nullptr && info->risk == RiskClass::Public) {
        return RiskLevel::Low;
    }
    const Exposure e = exposureOf(program, document);
    if (e.open) {
        return RiskLevel::High;
    }
    return e.credentialGrant ? RiskLevel::Low : RiskLevel::Medium;
}

void to_json(nlohmann::json& j, const RiskReason& reason) {
    j = {{"code", reason.code}, {"message", reason.message}};
}

void from_json(const nlohmann::json& j, RiskReason& reason) {
    reason.code = j.at("code").get<std::string>();
    reason.message = j.at("message").get<std::string>();
}

void to_json(nlohmann::json& j, const AliasRiskAssessment& assessment) {
    nlohmann::json reasons = nlohmann::json::array();
    for (const auto& r : assessment.reasons) {
        reasons.push_back(r);
    }
    j = {{"level", toString(assessment.level)}, {"reasons", std::move(reasons)}};
}

void from_json(const nlohmann::json& j, AliasRiskAssessment& assessment) {
    const auto level = riskLevelFromString(j.at("level").get<std::string>());
    if (!level) {
        throw ValidationError("level", "\"level\" must be low, medium, high or critical");
    }
    assessment.level = *level;
    assessment.reasons = j.at("reasons").get<std::vector<RiskReason>>();
}

} // namespace cowl
