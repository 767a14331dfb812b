// SPDX-License-Identifier: GPL-3.0-or-later
#include "node/proxy/AccessLog.h"
#include "node/proxy/AccessLogLine.h"

#include <sys/resource.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <iterator>

#include <spdlog/spdlog.h>

namespace cowl::node {

namespace {

// A burst beyond this is dropped (and counted) rather than let memory grow
// without bound when the disk stalls.
constexpr std::size_t kMaxPending = 200'000;
// The writer gathers entries this long before writing them: waking it for
// every request costs a futex and a context switch on a shared core, more
// than the request itself, and no reader of the log needs it sooner.
constexpr auto kBatchDelay = std::chrono::milliseconds(50);
// The writer thread's nice value (Linux: per thread).
constexpr int kWriterNice = 10;
// A burst this large is written at once rather than held for the delay.
constexpr std::size_t kWakeBatch = 4096;
// Written entries a lane keeps to fill again. Each record() hands out one and
// a batch comes back every 50 ms, so a worker doing up to 40k requests a
// second reuses every entry; beyond that some are freed (at most ~1 MiB kept).
constexpr std::size_t kSpares = 2048;

} // namespace

AccessLog::AccessLog(std::string path, std::size_t rotateBytes, unsigned keep)
    : m_path(std::move(path)), m_rotateBytes(rotateBytes), m_keep(keep)
{
    if (!m_path.empty()) {
        m_file = std::fopen(m_path.c_str(), "ae");
        if (!m_file)
            spdlog::error("proxy: cannot open access log {}: {}; requests are still served, check the directory",
                          m_path, std::strerror(errno));
        else
            m_fileBytes = static_cast<std::size_t>(std::ftell(m_file));
    }
    m_writer = std::thread([this] { run(); });
}

AccessLog::~AccessLog()
{
    {
        std::lock_guard lock(m_mutex);
        m_stop = true;
    }
    m_wake.notify_one();
    m_writer.join();
    if (m_file)
        std::fclose(m_file);
}

AccessLogEntry AccessLog::record(AccessLogEntry entry, unsigned lane)
{
    Lane* own;
    std::vector<AccessLogEntry> spent;
    bool wake = false;
    {
        std::lock_guard lock(m_mutex);
        ++m_recorded;
        while (lane >= m_lanes.size())
            m_lanes.emplace_back();
        own = &m_lanes[lane];
        spent.swap(own->spent);
        if (m_pendingCount >= kMaxPending) {
            ++m_dropped;
            ++m_written;
            own->spare.push_back(std::move(entry));
        } else {
            own->pending.push_back(std::move(entry));
            ++m_pendingCount;
            // A writer on its batching timer picks the entry up by itself; only
            // one asleep with nothing to do, or a full batch, needs a wake-up.
            wake = m_writerIdle || m_pendingCount == kWakeBatch;
            m_writerIdle = false;
        }
    }
    if (wake)
        m_wake.notify_one();
    // Outside the lock, on the thread whose arena the strings came from: keep
    // a few written entries to fill again, free the rest.
    for (auto& e : spent) {
        if (own->spare.size() >= kSpares)
            break;
        own->spare.push_back(std::move(e));
    }
    spent.clear();
    if (own->spare.empty())
        return {};
    AccessLogEntry next = std::move(own->spare.back());
    own->spare.pop_back();
    next.clear();
    return next;
}

void AccessLog::subscribe(Subscriber subscriber)
{
    std::lock_guard lock(m_mutex);
    auto next = std::make_shared<std::vector<Subscriber>>(*m_subscribers);
    next->push_back(std::move(subscriber));
    m_subscribers = std::move(next);
}

void AccessLog::flush()
{
    std::unique_lock lock(m_mutex);
    std::uint64_t target = m_recorded;
    if (m_written >= target)
        return;
    ++m_flushWaiters;
    m_wake.notify_one(); // cuts the batching delay short
    m_flushed.wait(lock, [&] { return m_written >= target || m_stop; });
    --m_flushWaiters;
}

std::uint64_t AccessLog::dropped() const
{
    std::lock_guard lock(m_mutex);
    return m_dropped;
}

void AccessLog::run()
{
    // Background work: on a busy machine the workers' requests go first, so
    // that a batch being formatted does not show in their tail latency. The
    // writer never holds a lock a worker waits for while it works.
    ::setpriority(PRIO_PROCESS, static_cast<id_t>(::gettid()), kWriterNice);
    std::vector<std::vector<AccessLogEntry>> batches;
    std::shared_ptr<const std::vector<Subscriber>> subscribers;
    for (;;) {
        std::size_t count = 0;
        {
            std::unique_lock lock(m_mutex);
            if (m_pendingCount == 0 && !m_stop) {
                m_writerIdle = true;
                m_wake.wait(lock, [&] { return m_stop || m_pendingCount > 0; });
                m_writerIdle = false;
            }
            m_wake.wait_for(lock, kBatchDelay,
                            [&] { return m_stop || m_flushWaiters > 0 || m_pendingCount >= kWakeBatch; });
            if (m_pendingCount == 0 && m_stop)
                return;
            batches.resize(m_lanes.size());
            for (std::size_t i = 0; i < m_lanes.size(); ++i)
                batches[i].swap(m_lanes[i].pending);
            count = m_pendingCount;
            m_pendingCount = 0;
            subscribers = m_subscribers;
        }
        writeBatch(batches);
        for (const auto& batch : batches) {
            for (const auto& s : *subscribers)
                s(batch);
        }
        bool flushWaiting;
        {
            std::lock_guard lock(m_mutex);
            m_written += count;
            flushWaiting = m_flushWaiters > 0;
            // Back to their lanes, to be freed by the threads that made them.
            for (std::size_t i = 0; i < batches.size(); ++i) {
                auto& spent = m_lanes[i].spent;
                if (spent.empty())
                    spent.swap(batches[i]);
                else
                    std::move(batches[i].begin(), batches[i].end(), std::back_inserter(spent));
                batches[i].clear(); // empty or moved-from: nothing left to free here
            }
        }
        if (flushWaiting)
            m_flushed.notify_all();
    }
}

void AccessLog::writeBatch(const std::vector<std::vector<AccessLogEntry>>& batches)
{
    if (!m_file)
        return;
    std::size_t count = 0;
    for (const auto& batch : batches)
        count += batch.size();
    // One buffer for the writer's life: half a megabyte allocated and freed
    // every 50 ms went to mmap and munmap, and each munmap interrupts every
    // core running a worker (a TLB shootdown).
    std::string& text = m_text;
    text.clear();
    text.reserve(count * 320);
    for (const auto& batch : batches) {
        for (const auto& e : batch)
            appendAccessLogLine(text, e);
    }
    std::fwrite(text.data(), 1, text.size(), m_file);
    std::fflush(m_file);
    m_fileBytes += text.size();
    if (m_rotateBytes && m_fileBytes >= m_rotateBytes)
        rotate();
}

void AccessLog::rotate()
{
    std::fclose(m_file);
    m_file = nullptr;
    std::error_code ec;
    for (unsigned i = m_keep; i-- > 1;) {
        auto from = m_path + "." + std::to_string(i);
        auto to = m_path + "." + std::to_string(i + 1);
        std::filesystem::rename(from, to, ec);
    }
    if (m_keep > 0)
        std::filesystem::rename(m_path, m_path + ".1", ec);
    std::filesystem::remove(m_path + "." + std::to_string(m_keep + 1), ec);
    m_file = std::fopen(m_path.c_str(), "ae");
    m_fileBytes = 0;
    if (!m_file)
        spdlog::error("proxy: cannot reopen access log {} after rotation: {}", m_path, std::strerror(errno));
}

} // namespace cowl::node
