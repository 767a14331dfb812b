// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>

#include <boost/smart_ptr/intrusive_ptr.hpp>
#include <boost/smart_ptr/intrusive_ref_counter.hpp>

#include "node/proxy/HostIndex.h"
#include "shared/Id.h"

namespace cowl {
class AccessDocument;
}

namespace cowl::node {

struct IdHash {
    std::size_t operator()(const Id& id) const noexcept { return std::hash<std::string>{}(id.str()); }
};

// What the proxy knows about one container. Built by the control plane;
// never changed once published (a change publishes a new snapshot).
struct ProxyContainer {
    Id project;
    Id container;
    std::string upstreamHost;                  // IPv6 literal of the container ("::1" in tests)
    std::map<std::string, std::uint16_t> programs; // slug -> container port
    std::shared_ptr<const AccessDocument> access;  // document in force; null = open
    std::uint64_t accessVersion = 0;           // changes whenever the document in force changes
    bool running = true;
    bool locked = false;                       // container, project or node lockdown folded in
};

struct ProxyAlias {
    std::string alias;                         // lower case, without the node suffix
    Id container;
    std::string program;
    std::optional<std::uint16_t> port;         // http/https aliases to a given port
    std::optional<std::uint32_t> index;
    std::string targetPath = "/";
    bool allowPathOverride = true;
    std::optional<std::int64_t> expiresAt;     // Unix seconds
    bool enabled = true;
};

struct ProxySnapshot {
    std::string nodeSuffix;                    // "node1.example.net", lower case
    std::unordered_map<Id, ProxyContainer, IdHash> containers;
    std::unordered_map<std::string, ProxyAlias> aliases;
    HostIndex hosts;                           // program URL labels, built on first use

    const ProxyContainer* findContainer(const Id& id) const
    {
        auto it = containers.find(id);
        return it == containers.end() ? nullptr : &it->second;
    }
};

// A worker's hold on the snapshot its requests route by, keeping it alive
// while they use its routes. Counted without atomics: only the worker's
// thread takes and drops references (ProxyWorker::snapshot()); an atomic
// count, taken and dropped by every request, cost 2% of the proxy's CPU.
struct PinnedSnapshot : boost::intrusive_ref_counter<PinnedSnapshot, boost::thread_unsafe_counter> {
    explicit PinnedSnapshot(std::shared_ptr<const ProxySnapshot> s) : snapshot(std::move(s)) {}
    const std::shared_ptr<const ProxySnapshot> snapshot;
};
using SnapshotHold = boost::intrusive_ptr<const PinnedSnapshot>;

} // namespace cowl::node
