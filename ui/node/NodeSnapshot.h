// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "shared/api/Container.h"
#include "shared/api/Project.h"
#include "shared/api/Realm.h"

namespace cowl::ui {

// The lockdown switch of one proxy settings document (docs/api.md "Proxy
// settings"): enable_proxy false is lockdown. Read leniently: the console
// needs only the switch and the version for If-Match.
struct ProxySwitch {
    bool enableProxy = true;
    std::uint64_t version = 0;

    static ProxySwitch fromJson(const nlohmann::json& j);
    bool operator==(const ProxySwitch&) const = default;
};

// Why a container's proxy is off: its own switch, its project's, or the node's.
enum class Lockdown { None, Container, Project, Node };

// What the console knows of one node's objects: filled by a full load, then
// kept current by events. Upserts never go back in version, so an event and
// a load answer arriving in either order end in the same state.
class NodeSnapshot {
public:
    void clear();

    bool upsert(const Realm& realm);
    bool upsert(const Project& project);
    bool upsert(const Container& container);
    bool removeRealm(const std::string& id);
    bool removeProject(const std::string& id);
    bool removeContainer(const std::string& id);
    // Settings of a project, a container, or the node (owner id kNodeOwner).
    bool upsertSettings(const std::string& ownerId, const ProxySwitch& settings);

    static constexpr const char* kNodeOwner = "node";

    const Realm* realm(const std::string& id) const;
    const Project* project(const std::string& id) const;
    const Container* container(const std::string& id) const;
    // nullptr until the node told us.
    const ProxySwitch* settings(const std::string& ownerId) const;
    bool lockedDown(const std::string& ownerId) const;
    // The outermost lock wins the explanation: node, then project, then the container's own.
    Lockdown lockdownOf(const std::string& containerId) const;

    // Sorted by name, for stable display. realms() includes realms known only
    // from a project's realm_id (a realm token cannot list realms).
    std::vector<Realm> realms() const;
    std::vector<const Project*> projectsIn(const std::string& realmId) const;
    std::vector<const Container*> containersIn(const std::string& projectId) const;
    std::size_t projectCount() const { return m_projects.size(); }
    std::size_t containerCount() const { return m_containers.size(); }

private:
    std::map<std::string, Realm> m_realms;
    std::map<std::string, Project> m_projects;
    std::map<std::string, Container> m_containers;
    std::map<std::string, ProxySwitch> m_settings;
};

} // namespace cowl::ui
