// SPDX-License-Identifier: GPL-3.0-or-later
#include "node/proxy/FailureThrottle.h"

namespace cowl::node {

namespace {
// Bounds memory under a spray of source addresses.
constexpr std::size_t kMaxPerShard = 4096;
}

FailureThrottle::FailureThrottle(unsigned limit, std::chrono::seconds window)
    : m_limit(limit), m_window(window)
{
}

FailureThrottle::Shard& FailureThrottle::shardFor(const IpAddress& client)
{
    const auto& b = client.bytes();
    std::size_t h = client.isV4() ? (b[12] * 31u + b[13]) * 31u + b[14] * 7u + b[15] : b[7] * 131u + b[6] * 31u + b[5];
    return m_shards[h % m_shards.size()];
}

void FailureThrottle::prune(Shard& shard, Clock::time_point now)
{
    for (auto it = shard.entries.begin(); it != shard.entries.end();) {
        if (now - it->second.windowStart >= m_window) {
            it = shard.entries.erase(it);
            m_tracked.fetch_sub(1, std::memory_order_relaxed);
        } else {
            ++it;
        }
    }
}

bool FailureThrottle::blocked(const IpAddress& client, Clock::time_point now)
{
    if (m_tracked.load(std::memory_order_relaxed) == 0)
        return false;
    Shard& shard = shardFor(client);
    std::lock_guard lock(shard.mutex);
    auto it = shard.entries.find(client);
    if (it == shard.entries.end())
        return false;
    if (now - it->second.windowStart >= m_window) {
        shard.entries.erase(it);
        m_tracked.fetch_sub(1, std::memory_order_relaxed);
        return false;
    }
    return it->second.failures >= m_limit;
}

void FailureThrottle::recordFailure(const IpAddress& client, Clock::time_point now)
{
    Shard& shard = shardFor(client);
    std::lock_guard lock(shard.mutex);
    if (shard.entries.size() >= kMaxPerShard)
        prune(shard, now);
    auto [it, inserted] = shard.entries.try_emplace(client);
    if (inserted) {
        m_tracked.fetch_add(1, std::memory_order_relaxed);
        it->second.windowStart = now;
    } else if (now - it->second.windowStart >= m_window) {
        it->second = Entry{0, now};
    }
    ++it->second.failures;
}

} // namespace cowl::node
