// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "node/api/ContainerBackend.h"
#include "node/store/DocumentStore.h"
#include "shared/api/Container.h"

namespace cowl::node {

// Container create / update / delete / actions in one place: the records in the
// store and, when one is attached, the runtime behind them. Inputs are validated
// by the caller (ContainersHandler); this class keeps records and runtime in step.
class ContainerService {
public:
    explicit ContainerService(DocumentStore& store) : m_store(store) {}

    // Without a backend containers are records only: created "stopped", and
    // actions answer 409 saying the node has no runtime.
    void attachBackend(ContainerBackend* backend) { m_backend = backend; }
    ContainerBackend* backend() const { return m_backend; }

    // Create and delete come in phases so the API's write lock is held only
    // while records change, never while the runtime works (seconds): a
    // lockdown must not wait behind a container being made.
    // create: the records (status `creating` with a runtime), under the write lock.
    StoredDocument create(const StoredDocument& project, const ContainerCreate& request);
    // provision: the runtime makes the container; outside the write lock.
    StoredDocument provision(const StoredDocument& created);
    StoredDocument update(const StoredDocument& container, const ContainerPatch& patch, std::uint64_t expected);
    // beginRemove (write lock): refuses (ApiFailure 409, listing alias ids) while
    // aliases point at it unless deleteAliases, or when a delete is under way;
    // marks it `deleting`. destroyRuntime (no lock): the container and its
    // snapshots. removeRecords (write lock): the records and aliases.
    void beginRemove(const StoredDocument& container, bool deleteAliases, std::optional<std::uint64_t> expected);
    void destroyRuntime(const std::string& containerId);
    void removeRecords(const std::string& containerId);
    StoredDocument act(const StoredDocument& container, std::string_view action);

    // For the runtime: record a status change (events follow from the store).
    void setStatus(const std::string& containerId, ContainerStatus status, const std::string& reason);

    static Container fromStored(const StoredDocument& doc);
    static nlohmann::json toStored(const Container& container);

private:
    std::vector<std::string> aliasesOf(const std::string& containerId) const;
    DocumentStore& m_store;
    ContainerBackend* m_backend = nullptr;
};

} // namespace cowl::node
