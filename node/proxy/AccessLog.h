// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <cstdio>
#include <functional>
#include <memory>
#include <mutex>
#include <span>
#include <string>
#include <thread>
#include <vector>

#include "node/proxy/AccessLogEntry.h"

namespace cowl::node {

// Every proxied request, to a rotating file and to subscribers. A writer
// thread does the I/O, so the request path never waits for the disk or for
// a subscriber. Entries reach the file and subscribers in batches, within
// about 50 ms.
//
// Each recording thread has a lane of its own: a ring of entries that only
// it fills and only the writer reads, so recording takes no lock and moves no
// entry. The caller's entry is swapped into the ring and comes back holding
// one written long ago, emptied, its strings keeping their storage: a steady
// stream of requests allocates nothing for the log. A lane that fills (the
// writer stalled on the disk for longer than a ring's worth of requests)
// drops entries and counts them, rather than let memory grow.
class AccessLog {
public:
    // Called on the writer thread after a batch is in the file, with one or
    // more spans of it. Subscribers copy what they keep: the entries are
    // filled again once the call returns.
    using Subscriber = std::function<void(std::span<const AccessLogEntry>)>;

    // `lanes`: how many threads record (a proxy worker's lane is its index).
    AccessLog(std::string path, std::size_t rotateBytes, unsigned keep, unsigned lanes = 1);
    ~AccessLog();
    AccessLog(const AccessLog&) = delete;
    AccessLog& operator=(const AccessLog&) = delete;

    // Records `entry`, leaving it empty for the next request. `lane` is the
    // calling thread's own (< lanes); no two threads may share one.
    void record(AccessLogEntry& entry, unsigned lane = 0);
    // Called on the writer thread with each batch; keep it quick.
    void subscribe(Subscriber subscriber);
    // Blocks until everything recorded so far is written (tests, shutdown).
    void flush();
    std::uint64_t dropped() const;

    // Entries a lane holds between the writer's visits.
    static constexpr std::size_t kLaneCapacity = 8192;

private:
    struct Lane;

    void run();
    bool anyPending() const;
    void wakeWriter(bool urgent);
    void writeOut();
    void rotate();

    std::string m_path;
    std::size_t m_rotateBytes;
    unsigned m_keep;
    std::FILE* m_file = nullptr;
    std::size_t m_fileBytes = 0;
    std::string m_text; // the batch being written (writer thread only)

    std::vector<std::unique_ptr<Lane>> m_lanes; // fixed at construction
    std::atomic<bool> m_writerIdle{false};      // asleep until an entry comes, not batching
    std::atomic<bool> m_urgent{false};          // a lane is filling: write now, not after the delay

    mutable std::mutex m_mutex; // the writer's sleep and the fields below
    std::condition_variable m_wake;
    std::condition_variable m_flushed;
    std::shared_ptr<const std::vector<Subscriber>> m_subscribers = std::make_shared<std::vector<Subscriber>>();
    unsigned m_flushWaiters = 0;
    bool m_stop = false;
    std::thread m_writer;
};

} // namespace cowl::node
