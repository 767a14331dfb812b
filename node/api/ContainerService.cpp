// SPDX-License-Identifier: GPL-3.0-or-later
#include "node/api/ContainerService.h"

#include "node/api/ApiFailure.h"
#include "node/api/UtcClock.h"
#include "shared/Id.h"
#include "shared/api/ProgramTable.h"

namespace cowl::node {

Container ContainerService::fromStored(const StoredDocument& doc) {
    nlohmann::json body = doc.body;
    body["version"] = doc.version;
    body["urls"] = nlohmann::json::array();
    return body.get<Container>();
}

nlohmann::json ContainerService::toStored(const Container& container) {
    nlohmann::json body = container;
    body.erase("version");
    body.erase("urls");
    return body;
}

StoredDocument ContainerService::create(const StoredDocument& project, const ContainerCreate& request) {
    Container c;
    c.id = Id::generate().str();
    c.projectId = project.key;
    c.realmId = project.body.value("realm_id", std::string());
    c.name = request.name;
    c.templateName = request.templateName;
    c.autostart = request.autostart.value_or(false);
    c.limits = request.limits ? request.limits->applyTo(cowl::ContainerLimits{}) : cowl::ContainerLimits{};
    c.createdAt = c.updatedAt = UtcClock::now();
    c.status = m_backend ? ContainerStatus::Creating : ContainerStatus::Stopped;
    if (m_backend) {
        m_backend->check(c); // bad input changes nothing: refused before the record exists
    }
    auto stored = m_store.put("containers", c.id, toStored(c), 0);
    // The container's documents exist from the start (version 1), so consoles can
    // always send If-Match; written after the container so their events name its realm.
    nlohmann::json programs = ProgramTable::defaults();
    programs.erase("version");
    m_store.put("programs", c.id, std::move(programs), std::nullopt);
    m_store.put("settings_container", c.id, {{"enable_proxy", true}, {"default", nullptr}}, std::nullopt);
    return stored;
}

StoredDocument ContainerService::provision(const StoredDocument& stored) {
    if (!m_backend) {
        return stored;
    }
    const Container c = fromStored(stored);
    try {
        // The record says `creating` until the runtime reports (usually before this returns).
        m_backend->create(c);
    } catch (const std::exception& e) {
        setStatus(c.id, ContainerStatus::Failed, e.what());
    }
    auto now = m_store.get("containers", c.id);
    return now ? *now : stored;
}

StoredDocument ContainerService::update(const StoredDocument& container, const ContainerPatch& patch,
                                        std::uint64_t expected) {
    Container c = fromStored(container);
    if (patch.name) {
        c.name = *patch.name;
    }
    if (patch.autostart) {
        c.autostart = *patch.autostart;
    }
    if (patch.limits) {
        c.limits = patch.limits->applyTo(c.limits);
    }
    c.updatedAt = UtcClock::now();
    if (container.version != expected) {
        throw ApiFailure::preconditionFailed(container.version);
    }
    if (m_backend && (patch.limits || patch.autostart)) {
        m_backend->update(c);
    }
    return m_store.put("containers", c.id, toStored(c), expected);
}

std::vector<std::string> ContainerService::aliasesOf(const std::string& containerId) const {
    std::vector<std::string> aliases;
    for (const auto& a : m_store.list("aliases")) {
        if (a.body.value("container_id", std::string()) == containerId) {
            aliases.push_back(a.key);
        }
    }
    return aliases;
}

void ContainerService::beginRemove(const StoredDocument& container, bool deleteAliases,
                                   std::optional<std::uint64_t> expected) {
    if (expected && *expected != container.version) {
        throw ApiFailure::preconditionFailed(container.version);
    }
    if (container.body.value("status", std::string()) == toString(ContainerStatus::Deleting)) {
        throw ApiFailure::conflict("the container is being deleted already");
    }
    const auto aliases = aliasesOf(container.key);
    if (!aliases.empty() && !deleteAliases) {
        std::string list;
        for (const auto& id : aliases) {
            list += (list.empty() ? "" : ", ") + id;
        }
        throw ApiFailure::conflict("the container has aliases (" + list +
                                   "); delete them first or pass ?delete_aliases=true");
    }
    if (m_backend) {
        setStatus(container.key, ContainerStatus::Deleting, "");
    }
}

void ContainerService::destroyRuntime(const std::string& containerId) {
    if (!m_backend) {
        return;
    }
    try {
        m_backend->destroy(containerId); // its snapshots go with it
    } catch (const std::exception& e) {
        setStatus(containerId, ContainerStatus::Failed, std::string("delete failed: ") + e.what());
        throw;
    }
}

void ContainerService::removeRecords(const std::string& containerId) {
    // Aliases made while the runtime was deleting go too: the check was done
    // when the delete began.
    for (const auto& id : aliasesOf(containerId)) {
        m_store.remove("aliases", id, std::nullopt);
    }
    // Dependents first, so their delete events can still name the realm.
    m_store.remove("programs", containerId, std::nullopt);
    m_store.remove("permissions_container", containerId, std::nullopt);
    m_store.remove("settings_container", containerId, std::nullopt);
    m_store.remove("schedules_container", containerId, std::nullopt);
    m_store.remove("containers", containerId, std::nullopt);
}

StoredDocument ContainerService::act(const StoredDocument& container, std::string_view action) {
    if (!m_backend) {
        throw ApiFailure::conflict("this node has no container runtime yet; the container is a record only");
    }
    m_backend->act(container.key, action);
    auto now = m_store.get("containers", container.key);
    return now ? *now : container;
}

void ContainerService::setStatus(const std::string& containerId, ContainerStatus status, const std::string& reason) {
    for (int attempt = 0; attempt < 5; ++attempt) {
        auto doc = m_store.get("containers", containerId);
        if (!doc) {
            return;
        }
        doc->body["status"] = std::string(toString(status));
        doc->body["status_reason"] = reason;
        doc->body["updated_at"] = UtcClock::now();
        try {
            m_store.put("containers", containerId, doc->body, doc->version);
            return;
        } catch (const VersionConflict&) {
        }
    }
}

} // namespace cowl::node
