// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <condition_variable>
#include <cstdint>
#include <cstdio>
#include <functional>
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
class AccessLog {
public:
    // Called on the writer thread after the batch is in the file; a subscriber
    // may move entries out (later subscribers then see them emptied).
    using Subscriber = std::function<void(std::vector<AccessLogEntry>&)>;

    AccessLog(std::string path, std::size_t rotateBytes, unsigned keep);
    ~AccessLog();
    AccessLog(const AccessLog&) = delete;
    AccessLog& operator=(const AccessLog&) = delete;

    void record(AccessLogEntry entry);
    // Called on the writer thread with each batch; keep it quick.
    void subscribe(Subscriber subscriber);
    // Blocks until everything recorded so far is written (tests, shutdown).
    void flush();
    std::uint64_t dropped() const;

private:
    void run();
    void writeBatch(const std::vector<AccessLogEntry>& batch);
    void rotate();

    std::string m_path;
    std::size_t m_rotateBytes;
    unsigned m_keep;
    std::FILE* m_file = nullptr;
    std::size_t m_fileBytes = 0;

    mutable std::mutex m_mutex;
    std::condition_variable m_wake;
    std::condition_variable m_flushed;
    std::vector<AccessLogEntry> m_pending;
    std::vector<Subscriber> m_subscribers;
    std::uint64_t m_recorded = 0;
    std::uint64_t m_written = 0;
    std::uint64_t m_dropped = 0;
    unsigned m_flushWaiters = 0;
    bool m_writerIdle = false; // asleep until an entry comes, not batching
    bool m_stop = false;
    std::thread m_writer;
};

} // namespace cowl::node
