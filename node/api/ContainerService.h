// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

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

    StoredDocument create(const StoredDocument& project, const ContainerCreate& request);
    StoredDocument update(const StoredDocument& container, const ContainerPatch& patch, std::uint64_t expected);
    // Refuses (ApiFailure 409, listing alias ids) while aliases point at it,
    // unless deleteAliases.
    void remove(const StoredDocument& container, bool deleteAliases, std::optional<std::uint64_t> expected);
    StoredDocument act(const StoredDocument& container, std::string_view action);

    // For the runtime: record a status change (events follow from the store).
    void setStatus(const std::string& containerId, ContainerStatus status, const std::string& reason);

    static Container fromStored(const StoredDocument& doc);
    static nlohmann::json toStored(const Container& container);

private:
    DocumentStore& m_store;
    ContainerBackend* m_backend = nullptr;
};

} // namespace cowl::node
