// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <condition_variable>
#include <cstdint>
#include <cstdio>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "node/proxy/AccessLogEntry.h"

namespace cowl::node {


// Every proxied request, to a rotating file and to subscribers. Workers only
// append to a batch under a short lock; a writer thread does the I/O, so the
// request path never waits for the disk or for a subscriber. Entries reach
// the file and subscribers in batches, within about 50 ms.
//
// Each recording thread has a lane: its entries come back to it once
// written, to be refilled (their strings keep their storage) or freed by the
// thread that made them. Freed on the writer, every string would go back to
// the worker's malloc arena under that arena's lock, a lock the worker takes
// too, held by a thread that runs at low priority.
class AccessLog {
public:
    // Called on the writer thread after the batch is in the file. Subscribers
    // copy what they keep: the entries go back to the thread that made them.
    using Subscriber = std::function<void(const std::vector<AccessLogEntry>&)>;

    AccessLog(std::string path, std::size_t rotateBytes, unsigned keep);
    ~AccessLog();
    AccessLog(const AccessLog&) = delete;
    AccessLog& operator=(const AccessLog&) = delete;

    // `lane`: the calling thread's own, stable number (a proxy worker's index).
    // Returns an empty entry to fill next: one written earlier, whose strings
    // keep their storage, so a steady stream of requests allocates none.
    AccessLogEntry record(AccessLogEntry entry, unsigned lane = 0);
    // Called on the writer thread with each batch; keep it quick.
    void subscribe(Subscriber subscriber);
    // Blocks until everything recorded so far is written (tests, shutdown).
    void flush();
    std::uint64_t dropped() const;

private:
    void run();
    void writeBatch(const std::vector<std::vector<AccessLogEntry>>& batches);
    void rotate();

    std::string m_path;
    std::size_t m_rotateBytes;
    unsigned m_keep;
    std::FILE* m_file = nullptr;
    std::size_t m_fileBytes = 0;
    std::string m_text; // the batch being written (writer thread only)

    mutable std::mutex m_mutex;
    std::condition_variable m_wake;
    std::condition_variable m_flushed;
    struct Lane {
        std::vector<AccessLogEntry> pending; // recorded, not yet taken by the writer
        std::vector<AccessLogEntry> spent;   // written, for the lane's thread to reuse or free
        std::vector<AccessLogEntry> spare;   // only the lane's thread touches this (no lock)
    };
    std::deque<Lane> m_lanes; // grows at the end: a lane never moves
    std::size_t m_pendingCount = 0;
    std::shared_ptr<const std::vector<Subscriber>> m_subscribers = std::make_shared<std::vector<Subscriber>>();
    std::uint64_t m_recorded = 0;
    std::uint64_t m_written = 0;
    std::uint64_t m_dropped = 0;
    unsigned m_flushWaiters = 0;
    bool m_writerIdle = false; // asleep until an entry comes, not batching
    bool m_stop = false;
    std::thread m_writer;
};

} // namespace cowl::node
