// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <functional>
#include <mutex>

#include "node/api/NodeIdentity.h"
#include "node/api/ObjectLookup.h"
#include "node/api/ResourceView.h"
#include "node/store/DocumentStore.h"

namespace cowl::node {

class ContainerService;

// What every resource handler works with.
struct ApiServices {
    DocumentStore& store;
    const ResourceView& view;
    const ObjectLookup& lookup;
    ContainerService& containers;
    std::function<std::uint16_t()> controlPort; // for connection strings
    // Held by ControlApi around every serialized write; Parallel routes take it
    // themselves for their record phases only.
    std::mutex& writeMutex;
};

} // namespace cowl::node
