// SPDX-License-Identifier: GPL-3.0-or-later
#include "node/proxy/ConnectionRegistry.h"

namespace cowl::node {

void ConnectionRegistry::attach(const Id& container, CuttableConnection* connection)
{
    m_byContainer[container].insert(connection);
}

void ConnectionRegistry::detachAll(CuttableConnection* connection, const std::vector<Id>& containers)
{
    for (const auto& id : containers) {
        auto it = m_byContainer.find(id);
        if (it == m_byContainer.end())
            continue;
        it->second.erase(connection);
        if (it->second.empty())
            m_byContainer.erase(it);
    }
}

std::size_t ConnectionRegistry::cut(const std::vector<Id>& containers)
{
    // Collect first: cut() may run completion handlers that detach.
    std::vector<CuttableConnection*> victims;
    for (const auto& id : containers) {
        auto it = m_byContainer.find(id);
        if (it == m_byContainer.end())
            continue;
        victims.insert(victims.end(), it->second.begin(), it->second.end());
        m_byContainer.erase(it);
    }
    std::unordered_set<CuttableConnection*> seen;
    for (auto* v : victims) {
        if (seen.insert(v).second)
            v->cut();
    }
    return seen.size();
}

} // namespace cowl::node
