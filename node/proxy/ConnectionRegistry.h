// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstddef>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "node/proxy/ProxySnapshot.h"

namespace cowl::node {

// Anything lockdown must be able to cut: a client connection (HTTP/1.1,
// HTTP/2 or a WebSocket tunnel riding on one).
class CuttableConnection {
public:
    virtual void cut() = 0;

protected:
    ~CuttableConnection() = default;
};

// Which open client connections have touched which container, for one
// worker thread (no locks: only that thread's io_context uses it).
class ConnectionRegistry {
public:
    void attach(const Id& container, CuttableConnection* connection);
    void detachAll(CuttableConnection* connection, const std::vector<Id>& containers);
    // Cuts every connection that served one of these containers; returns how many.
    std::size_t cut(const std::vector<Id>& containers);
    std::size_t size() const { return m_byContainer.size(); }

private:
    std::unordered_map<Id, std::unordered_set<CuttableConnection*>, IdHash> m_byContainer;
};

} // namespace cowl::node
