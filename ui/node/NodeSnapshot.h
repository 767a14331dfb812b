// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <map>
#include <string>
#include <vector>

#include "shared/api/Container.h"
#include "shared/api/Project.h"
#include "shared/api/Realm.h"

namespace cowl::ui {

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

    const Realm* realm(const std::string& id) const;
    const Project* project(const std::string& id) const;
    const Container* container(const std::string& id) const;

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
};

} // namespace cowl::ui
