// SPDX-License-Identifier: GPL-3.0-or-later
#include "shared/access/AccessDocument.h"


#include "shared/api/StrictObject.h"
#include "shared/programs/ProgramCatalogue.h"

namespace cowl {

namespace {

constexpr std::size_t kMaxGroups = 200;

bool validGroupName(std::string_view name) {
    if (name.empty() || name.size() > 50) {
        return false;
    }
    for (char c : name) {
        const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
                        c == '-';
        if (!ok) {
            return false;
        }
    }
    return true;
}

AccessDocument parse(const nlohmann::json& j, AccessGroup::Form form) {
    StrictObject o(j);
    AccessDocument doc;
    // A console may PUT back what it read, version included; the API layer owns versions.
    if (form == AccessGroup::Form::Request) {
        o.optional<std::uint64_t>("version");
    }
    if (const auto decision = o.optional<std::string>("default")) {
        if (*decision == "allow") {
            doc.defaultDecision = DefaultDecision::Allow;
        } else if (*decision == "deny") {
            doc.defaultDecision = DefaultDecision::Deny;
        } else {
            throw ValidationError("default", "\"default\" must be \"allow\" or \"deny\"");
        }
    }
    if (const nlohmann::json* groups = o.raw("groups")) {
        if (!groups->is_object()) {
            StrictObject::invalid("groups", "an object of group name → group");
        }
        if (groups->size() > kMaxGroups) {
            throw ValidationError("groups", "a document holds at most 200 groups");
        }
        for (const auto& [name, body] : groups->items()) {
            const std::string path = "groups." + name;
            if (!validGroupName(name)) {
                throw ValidationError(path, "group names are 1 to 50 characters of A-Z a-z 0-9 _ -; rename \"" +
                                                name.substr(0, 60) + "\"");
            }
            doc.groups.emplace(name, AccessGroup::fromJson(body, name, path, form));
        }
    }
    if (const nlohmann::json* permissions = o.raw("permissions")) {
        if (!permissions->is_object()) {
            StrictObject::invalid("permissions", "an object of group name → {program → access}");
        }
        for (const auto& [group, programs] : permissions->items()) {
            const std::string path = "permissions." + group;
            if (!doc.groups.contains(group)) {
                throw ValidationError(path, "\"" + path + "\" names no group of this document; add the group or "
                                                          "remove its permissions");
            }
            if (!programs.is_object()) {
                StrictObject::invalid(path, "an object of program → access value");
            }
            AccessDocument::Permissions row;
            for (const auto& [program, value] : programs.items()) {
                const std::string field = path + "." + program;
                if (program != "*" && ProgramCatalogue::find(program) == nullptr) {
                    throw ValidationError(field, "\"" + program.substr(0, 40) +
                                                     "\" is not a program of the catalogue (or \"*\" for all)");
                }
                const auto domain = program == "*" ? AccessValue::Domain::Boolean : AccessValue::domainOf(program);
                row.emplace(program, AccessValue::parse(value, domain, field));
            }
            doc.permissions.emplace(group, std::move(row));
        }
    }
    o.finish();
    return doc;
}

nlohmann::json serialise(const AccessDocument& doc, bool storage) {
    nlohmann::json groups = nlohmann::json::object();
    for (const auto& [name, group] : doc.groups) {
        groups[name] = storage ? group.toStorageJson() : group.toPublicJson();
    }
    nlohmann::json permissions = nlohmann::json::object();
    for (const auto& [group, row] : doc.permissions) {
        nlohmann::json r = nlohmann::json::object();
        for (const auto& [program, value] : row) {
            r[program] = value.written();
        }
        permissions[group] = std::move(r);
    }
    return {{"groups", std::move(groups)}, {"permissions", std::move(permissions)}, {"default", toString(doc.defaultDecision)}};
}

} // namespace

std::string_view toString(DefaultDecision decision) {
    return decision == DefaultDecision::Allow ? "allow" : "deny";
}

AccessDocument AccessDocument::fromRequestJson(const nlohmann::json& j, const AccessDocument* previous) {
    AccessDocument doc = parse(j, AccessGroup::Form::Request);
    if (previous != nullptr) {
        doc.keepSecretsFrom(*previous);
    }
    doc.requireSecrets();
    return doc;
}

AccessDocument AccessDocument::fromStorageJson(const nlohmann::json& j) {
    return parse(j, AccessGroup::Form::Storage);
}

nlohmann::json AccessDocument::toStorageJson() const {
    return serialise(*this, true);
}

nlohmann::json AccessDocument::toPublicJson() const {
    return serialise(*this, false);
}

void AccessDocument::keepSecretsFrom(const AccessDocument& previous) {
    for (auto& [name, group] : groups) {
        if (group.hasSecret()) {
            continue;
        }
        const auto it = previous.groups.find(name);
        if (it == previous.groups.end() || it->second.type() != group.type()) {
            continue;
        }
        const AccessGroup& old = it->second;
        if (auto* p = std::get_if<PasswordCredential>(&group.credential)) {
            p->passwordHash = std::get<PasswordCredential>(old.credential).passwordHash;
        } else if (auto* t = std::get_if<TokenCredential>(&group.credential)) {
            t->valueHash = std::get<TokenCredential>(old.credential).valueHash;
        } else if (auto* jwt = std::get_if<JwtCredential>(&group.credential)) {
            const auto& oldJwt = std::get<JwtCredential>(old.credential);
            if (oldJwt.algorithm == jwt->algorithm) {
                jwt->key = oldJwt.key;
            }
        }
        group.seal();
    }
}

void AccessDocument::requireSecrets() const {
    for (const auto& [name, group] : groups) {
        if (!group.hasSecret()) {
            const std::string field = "groups." + name + "." + group.secretField();
            throw FieldError(FieldError::Kind::Missing, field,
                             "the field \"" + field + "\" is required: group \"" + name + "\" has no stored " +
                                 group.secretField() + " to keep");
        }
    }
}

const AccessValue* AccessDocument::permission(std::string_view group, std::string_view program) const {
    const auto row = permissions.find(group);
    if (row == permissions.end()) {
        return nullptr;
    }
    if (const auto it = row->second.find(program); it != row->second.end()) {
        return &it->second;
    }
    if (const auto it = row->second.find(std::string_view("*")); it != row->second.end()) {
        return &it->second;
    }
    return nullptr;
}

void from_json(const nlohmann::json& j, AccessDocument& document) {
    document = parse(j, AccessGroup::Form::Request);
}

void to_json(nlohmann::json& j, const AccessDocument& document) {
    j = document.toPublicJson();
}

} // namespace cowl
