// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/node/NodeSnapshot.h"

#include <algorithm>

namespace cowl::ui {

namespace {

template <typename T>
bool upsertInto(std::map<std::string, T>& objects, const T& object) {
    auto it = objects.find(object.id);
    if (it != objects.end()) {
        if (object.version < it->second.version || it->second == object) {
            return false;
        }
        it->second = object;
        return true;
    }
    objects.emplace(object.id, object);
    return true;
}

template <typename T>
const T* lookup(const std::map<std::string, T>& objects, const std::string& id) {
    auto it = objects.find(id);
    return it == objects.end() ? nullptr : &it->second;
}

template <typename T>
void sortByName(std::vector<const T*>& objects) {
    std::sort(objects.begin(), objects.end(), [](const T* a, const T* b) { return a->name < b->name; });
}

} // namespace

ProxySwitch ProxySwitch::fromJson(const nlohmann::json& j) {
    ProxySwitch result;
    if (!j.is_object() || !j.contains("enable_proxy") || !j["enable_proxy"].is_boolean()) {
        throw std::runtime_error("proxy settings without a boolean enable_proxy");
    }
    result.enableProxy = j["enable_proxy"].get<bool>();
    result.version = j.contains("version") && j["version"].is_number_unsigned() ? j["version"].get<std::uint64_t>() : 0;
    return result;
}

void NodeSnapshot::clear() {
    m_realms.clear();
    m_projects.clear();
    m_containers.clear();
    m_settings.clear();
}

bool NodeSnapshot::upsert(const Realm& realm) {
    return upsertInto(m_realms, realm);
}

bool NodeSnapshot::upsert(const Project& project) {
    return upsertInto(m_projects, project);
}

bool NodeSnapshot::upsert(const Container& container) {
    return upsertInto(m_containers, container);
}

bool NodeSnapshot::removeRealm(const std::string& id) {
    return m_realms.erase(id) > 0;
}

bool NodeSnapshot::removeProject(const std::string& id) {
    std::erase_if(m_containers, [this, &id](const auto& entry) {
        if (entry.second.projectId != id) {
            return false;
        }
        m_settings.erase(entry.first);
        return true;
    });
    m_settings.erase(id);
    return m_projects.erase(id) > 0;
}

bool NodeSnapshot::removeContainer(const std::string& id) {
    m_settings.erase(id);
    return m_containers.erase(id) > 0;
}

bool NodeSnapshot::upsertSettings(const std::string& ownerId, const ProxySwitch& settings) {
    auto it = m_settings.find(ownerId);
    if (it != m_settings.end()) {
        if (settings.version < it->second.version || it->second == settings) {
            return false;
        }
        it->second = settings;
        return true;
    }
    m_settings.emplace(ownerId, settings);
    return true;
}

const ProxySwitch* NodeSnapshot::settings(const std::string& ownerId) const {
    return lookup(m_settings, ownerId);
}

bool NodeSnapshot::lockedDown(const std::string& ownerId) const {
    const ProxySwitch* found = settings(ownerId);
    return found && !found->enableProxy;
}

Lockdown NodeSnapshot::lockdownOf(const std::string& containerId) const {
    if (lockedDown(kNodeOwner)) {
        return Lockdown::Node;
    }
    const Container* found = container(containerId);
    if (found && lockedDown(found->projectId)) {
        return Lockdown::Project;
    }
    return lockedDown(containerId) ? Lockdown::Container : Lockdown::None;
}

const Realm* NodeSnapshot::realm(const std::string& id) const {
    return lookup(m_realms, id);
}

const Project* NodeSnapshot::project(const std::string& id) const {
    return lookup(m_projects, id);
}

const Container* NodeSnapshot::container(const std::string& id) const {
    return lookup(m_containers, id);
}

std::vector<Realm> NodeSnapshot::realms() const {
    std::map<std::string, Realm> shown = m_realms;
    // A realm token cannot list realms: still show the realm its projects live in.
    for (const auto& [id, project] : m_projects) {
        if (!shown.contains(project.realmId)) {
            Realm unnamed;
            unnamed.id = project.realmId;
            unnamed.name = project.realmId;
            shown.emplace(project.realmId, unnamed);
        }
    }
    std::vector<Realm> result;
    for (auto& [id, realm] : shown) {
        result.push_back(std::move(realm));
    }
    std::sort(result.begin(), result.end(), [](const Realm& a, const Realm& b) { return a.name < b.name; });
    return result;
}

std::vector<const Project*> NodeSnapshot::projectsIn(const std::string& realmId) const {
    std::vector<const Project*> result;
    for (const auto& [id, project] : m_projects) {
        if (project.realmId == realmId) {
            result.push_back(&project);
        }
    }
    sortByName(result);
    return result;
}

std::vector<const Container*> NodeSnapshot::containersIn(const std::string& projectId) const {
    std::vector<const Container*> result;
    for (const auto& [id, container] : m_containers) {
        if (container.projectId == projectId) {
            result.push_back(&container);
        }
    }
    sortByName(result);
    return result;
}

} // namespace cowl::ui
