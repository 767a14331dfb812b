// SPDX-License-Identifier: GPL-3.0-or-later
#include "node/api/ResourceView.h"

#include "node/api/UtcClock.h"
#include "shared/alias/AliasRisk.h"
#include "shared/api/ProgramTable.h"
#include "shared/hosts/HostName.h"
#include "shared/programs/ProgramCatalogue.h"

namespace cowl::node {

namespace {

nlohmann::json withVersion(const StoredDocument& doc) {
    nlohmann::json out = doc.body;
    out["version"] = doc.version;
    return out;
}

} // namespace

ResourceView::ResourceView(const DocumentStore& store, NodeIdentity identity)
    : m_store(store), m_identity(std::move(identity)) {}

nlohmann::json ResourceView::realm(const StoredDocument& doc) const {
    return withVersion(doc);
}

nlohmann::json ResourceView::token(const StoredDocument& doc) const {
    nlohmann::json out = doc.body;
    out.erase("sha256");
    return out;
}

nlohmann::json ResourceView::project(const StoredDocument& doc) const {
    return withVersion(doc);
}

nlohmann::json ResourceView::container(const StoredDocument& doc) const {
    nlohmann::json out = withVersion(doc);
    const std::string projectId = doc.body.value("project_id", std::string());
    const auto project = Id::parse(projectId);
    const auto container = Id::parse(doc.key);
    nlohmann::json urls = nlohmann::json::array();
    if (project && container) {
        const ProgramTable table = programTable(doc.key);
        const auto effective = effectivePermissions(doc.key, projectId);
        for (const auto& [slug, port] : table.programs) {
            ContainerHost host{*project, *container, slug, 1, std::nullopt, slug == "https"};
            const RiskLevel risk = AliasRisk::assessProgramUrl(slug, effective.document.get());
            urls.push_back({{"program", slug},
                            {"url", "https://" + HostName::format(host, m_identity.suffix())},
                            {"risk", std::string(toString(risk))}});
        }
    }
    out["urls"] = std::move(urls);
    return out;
}

ProgramTable ResourceView::programTable(const std::string& containerId) const {
    if (auto stored = m_store.get("programs", containerId)) {
        try {
            return stored->body.get<ProgramTable>();
        } catch (const std::exception&) {
            // A table the API never wrote: fall back to the catalogue's defaults.
        }
    }
    return ProgramTable::defaults();
}

nlohmann::json ResourceView::programs(const StoredDocument& doc) const {
    return withVersion(doc);
}

nlohmann::json ResourceView::permissions(const StoredDocument& doc) const {
    try {
        nlohmann::json out = AccessDocument::fromStorageJson(doc.body).toPublicJson();
        out["version"] = doc.version;
        return out;
    } catch (const std::exception&) {
        // Never echo a stored form we cannot read: it may hold secrets.
        return nlohmann::json{{"version", doc.version}};
    }
}

nlohmann::json ResourceView::projectSettings(const StoredDocument& doc) const {
    nlohmann::json out = withVersion(doc);
    if (!out.contains("default")) {
        out["default"] = nullptr;
    }
    return out;
}

nlohmann::json ResourceView::nodeSettings(const StoredDocument& doc) const {
    return withVersion(doc);
}

nlohmann::json ResourceView::alias(const StoredDocument& doc) const {
    nlohmann::json out = withVersion(doc);
    const std::string name = doc.body.value("alias", std::string());
    out["url"] = "https://" + HostName::formatAlias(name, m_identity.suffix());
    std::string projectId;
    const std::string containerId = doc.body.value("container_id", std::string());
    if (auto container = m_store.get("containers", containerId)) {
        projectId = container->body.value("project_id", std::string());
    }
    const auto effective = effectivePermissions(containerId, projectId);
    const std::string program = doc.body.value("program", std::string());
    const auto expires = doc.body.find("expires_at");
    AliasRiskInput input;
    input.program = program;
    input.document = effective.document.get();
    input.hasExpiry = expires != doc.body.end() && !expires->is_null();
    input.alias = name;
    const AliasRiskAssessment risk = AliasRisk::assess(input);
    out["risk"] = risk;
    return out;
}

// The settings' `default` (container's, else project's) overrides the
// document's own, so an operator can flip a project to deny without editing
// its groups. With no document in force, "deny" stands in an empty document:
// nothing is granted.
void ResourceView::applySettingsDefault(Effective& effective, const std::string& containerId,
                                        const std::string& projectId) const {
    std::optional<DefaultDecision> decision;
    auto read = [&](std::string_view collection, const std::string& key) {
        if (decision || key.empty()) {
            return;
        }
        if (auto doc = m_store.get(collection, key)) {
            const auto it = doc->body.find("default");
            if (it != doc->body.end() && it->is_string()) {
                decision = it->get<std::string>() == "allow" ? DefaultDecision::Allow : DefaultDecision::Deny;
            }
        }
    };
    read("settings_container", containerId);
    read("settings_project", projectId);
    if (!decision) {
        return;
    }
    if (!effective.document) {
        if (*decision == DefaultDecision::Allow) {
            return;
        }
        effective.document = std::make_unique<AccessDocument>();
    }
    effective.document->defaultDecision = *decision;
}

ResourceView::Effective ResourceView::effectivePermissions(const std::string& containerId,
                                                           const std::string& projectId) const {
    Effective effective;
    effective.source = "none";
    auto load = [&](std::string_view collection, const std::string& key, const char* source) {
        if (key.empty() || effective.document) {
            return;
        }
        if (auto doc = m_store.get(collection, key)) {
            try {
                effective.document = std::make_unique<AccessDocument>(AccessDocument::fromStorageJson(doc->body));
                effective.stored = std::move(doc);
                effective.source = source;
            } catch (const std::exception&) {
            }
        }
    };
    load("permissions_container", containerId, "container");
    load("permissions_project", projectId, "project");
    applySettingsDefault(effective, containerId, projectId);
    return effective;
}

std::optional<std::string> ResourceView::realmOf(std::string_view collection, const StoredDocument& doc) const {
    auto realmOfContainer = [&](const std::string& id) -> std::optional<std::string> {
        if (auto c = m_store.get("containers", id)) {
            return c->body.value("realm_id", std::string());
        }
        return std::nullopt;
    };
    if (collection == "projects" || collection == "containers" || collection == "tokens") {
        const auto it = doc.body.find("realm_id");
        if (it != doc.body.end() && it->is_string()) {
            return it->get<std::string>();
        }
        return std::nullopt;
    }
    if (collection == "permissions_project" || collection == "settings_project") {
        if (auto p = m_store.get("projects", doc.key)) {
            return p->body.value("realm_id", std::string());
        }
        return std::nullopt;
    }
    if (collection == "programs" || collection == "permissions_container" || collection == "settings_container") {
        return realmOfContainer(doc.key);
    }
    if (collection == "aliases") {
        return realmOfContainer(doc.body.value("container_id", std::string()));
    }
    return std::nullopt;
}

std::optional<Event> ResourceView::eventFor(const StoreChange& change) const {
    struct Kind {
        std::string_view collection;
        std::string_view resource;
        nlohmann::json (ResourceView::*view)(const StoredDocument&) const;
    };
    static const Kind kKinds[] = {
        {"realms", "realm", &ResourceView::realm},
        {"tokens", "token", &ResourceView::token},
        {"projects", "project", &ResourceView::project},
        {"containers", "container", &ResourceView::container},
        {"programs", "programs", &ResourceView::programs},
        {"permissions_project", "permissions", &ResourceView::permissions},
        {"permissions_container", "permissions", &ResourceView::permissions},
        {"settings_node", "settings", &ResourceView::nodeSettings},
        {"settings_project", "settings", &ResourceView::projectSettings},
        {"settings_container", "settings", &ResourceView::containerSettings},
        {"aliases", "alias", &ResourceView::alias},
    };
    for (const auto& kind : kKinds) {
        if (kind.collection != change.collection) {
            continue;
        }
        // Program tables and settings are born and die with their project or
        // container, whose own event announces that; only their changes are news.
        const bool dependent = change.collection == "programs" || change.collection.starts_with("settings_");
        if (dependent && (!change.document || !change.previous)) {
            return std::nullopt;
        }
        const StoredDocument& subject = change.document ? *change.document : *change.previous;
        Event event;
        event.time = UtcClock::now();
        event.kind = !change.document ? "deleted" : (change.previous ? "updated" : "created");
        event.resource = std::string(kind.resource);
        event.id = change.key;
        event.realmId = realmOf(change.collection, subject);
        event.data = change.document ? (this->*kind.view)(*change.document) : nlohmann::json(nullptr);
        return event;
    }
    return std::nullopt;
}

} // namespace cowl::node
