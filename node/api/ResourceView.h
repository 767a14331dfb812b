// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "node/api/NodeIdentity.h"
#include "node/store/DocumentStore.h"
#include "shared/access/AccessDocument.h"
#include "shared/api/Event.h"
#include "shared/api/ProgramTable.h"

namespace cowl::node {

// Stored documents → the objects the API shows (GET answers and event data):
// adds "version", computes urls and risks, strips token hashes and access
// document secrets. Also knows which realm each stored document belongs to.
//
// Collections and their stored bodies (version lives in the store):
//   realms, tokens (+ "sha256"), projects, containers (no urls), programs
//   {"programs"}, permissions_project / permissions_container (access document
//   storage form), settings_node {"enable_proxy"}, settings_project /
//   settings_container {"enable_proxy","default"}, aliases (no url/risk).
class ResourceView {
public:
    ResourceView(const DocumentStore& store, NodeIdentity identity);

    nlohmann::json realm(const StoredDocument& doc) const;
    nlohmann::json token(const StoredDocument& doc) const;
    nlohmann::json project(const StoredDocument& doc) const;
    nlohmann::json container(const StoredDocument& doc) const;
    nlohmann::json programs(const StoredDocument& doc) const;
    // The container's programs table (slug -> port); the catalogue's defaults when none is stored.
    ProgramTable programTable(const std::string& containerId) const;
    nlohmann::json permissions(const StoredDocument& doc) const;
    nlohmann::json projectSettings(const StoredDocument& doc) const;
    nlohmann::json containerSettings(const StoredDocument& doc) const { return projectSettings(doc); }
    nlohmann::json nodeSettings(const StoredDocument& doc) const;
    nlohmann::json alias(const StoredDocument& doc) const;

    // The access document in force for a container: its own, else its project's,
    // with the settings' `default` override folded in.
    struct Effective {
        std::string source; // container, project, none
        std::optional<StoredDocument> stored;
        std::unique_ptr<AccessDocument> document;
    };
    Effective effectivePermissions(const std::string& containerId, const std::string& projectId) const;

    // The event for a change, or nullopt for collections the API does not show.
    // `resource` and `realmId` (nullopt = node-wide, e.g. realms and node settings)
    // decide who receives it.
    std::optional<Event> eventFor(const StoreChange& change) const;

    const NodeIdentity& identity() const { return m_identity; }

private:
    std::optional<std::string> realmOf(std::string_view collection, const StoredDocument& doc) const;
    void applySettingsDefault(Effective& effective, const std::string& containerId, const std::string& projectId) const;

    const DocumentStore& m_store;
    NodeIdentity m_identity;
};

} // namespace cowl::node
