// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <array>
#include <atomic>
#include <chrono>
#include <map>
#include <mutex>

#include "shared/net/IpAddress.h"

namespace cowl::node {

// Counts failed credentials per client address; after `limit` failures in
// `window` the address gets 429 until the window passes. Sharded locks, and
// a lock-free "nothing recorded" fast path so normal traffic never locks.
class FailureThrottle {
public:
    using Clock = std::chrono::steady_clock;

    FailureThrottle(unsigned limit, std::chrono::seconds window);

    bool blocked(const IpAddress& client, Clock::time_point now = Clock::now());
    void recordFailure(const IpAddress& client, Clock::time_point now = Clock::now());
    std::chrono::seconds window() const { return m_window; }

private:
    struct Entry {
        unsigned failures = 0;
        Clock::time_point windowStart;
    };
    struct Shard {
        std::mutex mutex;
        std::map<IpAddress, Entry> entries;
    };
    Shard& shardFor(const IpAddress& client);
    void prune(Shard& shard, Clock::time_point now);

    unsigned m_limit;
    std::chrono::seconds m_window;
    std::array<Shard, 16> m_shards;
    std::atomic<std::size_t> m_tracked{0};
};

} // namespace cowl::node
