// SPDX-License-Identifier: GPL-3.0-or-later
#include "node/proxy/AccessLog.h"
#include "node/proxy/AccessLogLine.h"
#include "node/proxy/ThreadRole.h"

#include <algorithm>
#include <cassert>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <memory>
#include <utility>

#include <spdlog/spdlog.h>

namespace cowl::node {

namespace {

// The writer gathers entries this long before writing them: waking it for
// every request costs a futex and a context switch on a shared core, more
// than the request itself, and no reader of the log needs it sooner.
constexpr auto kBatchDelay = std::chrono::milliseconds(50);
// An idle writer looks for entries this often even unwoken: an entry
// recorded just as it went idle may not wake it (see record()).
constexpr auto kIdleRecheck = std::chrono::seconds(1);
// The writer thread's nice value (Linux: per thread).
constexpr int kWriterNice = 10;
// A lane this full is written at once rather than held for the delay: a
// quarter of the ring, so a burst has three quarters left while the writer,
// at low priority, gets a core.
constexpr std::size_t kWakeBatch = AccessLog::kLaneCapacity / 4;
static_assert((AccessLog::kLaneCapacity & (AccessLog::kLaneCapacity - 1)) == 0, "a power of two: slots by mask");

} // namespace

// A single-producer, single-consumer ring. `head` and what the recording
// thread knows of `tail` share a cache line the writer only reads; `tail`
// has its own, so the two threads do not pull one line back and forth.
//
// Slots are constructed as the ring first fills: the storage is reserved
// whole (malloc maps it, untouched pages cost nothing), so a quiet worker
// holds a few entries, not a ring of them (3 MiB a worker, 200 MiB on a
// 64-core server).
struct AccessLog::Lane {
    Lane() : slots(std::allocator<AccessLogEntry>().allocate(kLaneCapacity)) {}
    ~Lane()
    {
        std::destroy_n(slots, constructed());
        std::allocator<AccessLogEntry>().deallocate(slots, kLaneCapacity);
    }
    Lane(const Lane&) = delete;
    Lane& operator=(const Lane&) = delete;

    std::size_t constructed() const
    {
        return static_cast<std::size_t>(std::min<std::uint64_t>(head.load(std::memory_order_acquire), kLaneCapacity));
    }
    AccessLogEntry& slot(std::uint64_t index) { return slots[index & (kLaneCapacity - 1)]; }

    AccessLogEntry* const slots;                    // [0, min(head, capacity)) constructed
    alignas(64) std::atomic<std::uint64_t> head{0}; // next slot to fill; written by the recording thread
    std::uint64_t tailSeen = 0;                     // the recording thread's last reading of tail
    std::atomic<std::uint64_t> dropped{0};
    alignas(64) std::atomic<std::uint64_t> tail{0}; // next slot to write; written by the writer
};

AccessLog::AccessLog(std::string path, std::size_t rotateBytes, unsigned keep, unsigned lanes)
    : m_path(std::move(path)), m_rotateBytes(rotateBytes), m_keep(keep)
{
    for (unsigned i = 0; i < std::max(1u, lanes); ++i)
        m_lanes.push_back(std::make_unique<Lane>());
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

void AccessLog::record(AccessLogEntry& entry, unsigned lane)
{
    assert(lane < m_lanes.size() && "a lane per recording thread, fixed at construction");
    Lane& own = *m_lanes[lane];
    const std::uint64_t head = own.head.load(std::memory_order_relaxed);
    std::uint64_t pending = head - own.tailSeen;
    if (pending >= kWakeBatch) {
        own.tailSeen = own.tail.load(std::memory_order_acquire);
        pending = head - own.tailSeen;
    }
    if (pending >= kLaneCapacity) {
        own.dropped.fetch_add(1, std::memory_order_relaxed);
        entry.clear();
        return;
    }
    // The slot was written out at least a ring ago; its old strings come back.
    if (head < kLaneCapacity)
        std::construct_at(&own.slots[head]); // first time round
    std::swap(own.slot(head), entry); // member by member, strings by their storage
    entry.clear();
    // A release store, not a sequentially consistent one: that fence would
    // wait for the slot's stores, cold cache lines, and cost more than the
    // rest of record(). So a writer going idle just now may miss this entry
    // while this thread misses its going idle; it looks again within
    // kIdleRecheck.
    own.head.store(head + 1, std::memory_order_release);
    const bool urgent = pending + 1 >= kWakeBatch;
    if (m_writerIdle.load(std::memory_order_relaxed) || (urgent && !m_urgent.load(std::memory_order_relaxed)))
        wakeWriter(urgent);
}

void AccessLog::wakeWriter(bool urgent)
{
    {
        std::lock_guard lock(m_mutex);
        m_writerIdle.store(false);
        if (urgent)
            m_urgent.store(true);
    }
    m_wake.notify_one();
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
    std::vector<std::uint64_t> targets;
    for (const auto& lane : m_lanes)
        targets.push_back(lane->head.load(std::memory_order_acquire));
    auto reached = [&] {
        for (std::size_t i = 0; i < m_lanes.size(); ++i) {
            if (m_lanes[i]->tail.load(std::memory_order_acquire) < targets[i])
                return false;
        }
        return true;
    };
    std::unique_lock lock(m_mutex);
    if (reached())
        return;
    ++m_flushWaiters;
    m_writerIdle.store(false);
    m_wake.notify_one(); // cuts the batching delay short
    m_flushed.wait(lock, [&] { return reached() || m_stop; });
    --m_flushWaiters;
}

std::uint64_t AccessLog::dropped() const
{
    std::uint64_t total = 0;
    for (const auto& lane : m_lanes)
        total += lane->dropped.load(std::memory_order_relaxed);
    return total;
}

bool AccessLog::anyPending() const
{
    for (const auto& lane : m_lanes) {
        if (lane->head.load(std::memory_order_acquire) != lane->tail.load(std::memory_order_relaxed))
            return true;
    }
    return false;
}

void AccessLog::run()
{
    // Background work: on a busy machine the workers' requests go first, so
    // that a batch being formatted does not show in their tail latency. The
    // writer never holds a lock a worker waits for while it works.
    takeThreadRole("cowl-accesslog", kWriterNice);
    for (;;) {
        bool stopping;
        {
            std::unique_lock lock(m_mutex);
            if (!m_stop && m_flushWaiters == 0 && !anyPending()) {
                // Idle until an entry's thread wakes it, or kIdleRecheck
                // passes (see record()).
                m_writerIdle.store(true);
                m_wake.wait_for(lock, kIdleRecheck, [&] {
                    return m_stop || m_flushWaiters > 0 || !m_writerIdle.load() || anyPending();
                });
                m_writerIdle.store(false);
            }
            m_wake.wait_for(lock, kBatchDelay, [&] { return m_stop || m_flushWaiters > 0 || m_urgent.load(); });
            m_urgent.store(false);
            stopping = m_stop;
        }
        writeOut();
        bool flushWaiting;
        {
            std::lock_guard lock(m_mutex);
            flushWaiting = m_flushWaiters > 0;
        }
        if (flushWaiting)
            m_flushed.notify_all();
        if (stopping)
            return; // the workers have stopped; what they recorded is written
    }
}

void AccessLog::writeOut()
{
    struct Batch {
        Lane* lane;
        std::uint64_t from;
        std::uint64_t to;
    };
    std::vector<Batch> batches;
    std::size_t count = 0;
    for (const auto& lane : m_lanes) {
        const std::uint64_t from = lane->tail.load(std::memory_order_relaxed);
        const std::uint64_t to = lane->head.load(std::memory_order_acquire);
        if (to != from) {
            batches.push_back({lane.get(), from, to});
            count += to - from;
        }
    }
    if (count == 0)
        return;
    if (m_file) {
        // One buffer for the writer's life: half a megabyte allocated and
        // freed every 50 ms went to mmap and munmap, and each munmap
        // interrupts every core running a worker (a TLB shootdown).
        m_text.clear();
        m_text.reserve(count * 320);
        for (const auto& b : batches) {
            for (std::uint64_t i = b.from; i < b.to; ++i)
                appendAccessLogLine(m_text, b.lane->slot(i));
        }
        std::fwrite(m_text.data(), 1, m_text.size(), m_file);
        std::fflush(m_file);
        m_fileBytes += m_text.size();
        if (m_rotateBytes && m_fileBytes >= m_rotateBytes)
            rotate();
    }
    std::shared_ptr<const std::vector<Subscriber>> subscribers;
    {
        std::lock_guard lock(m_mutex);
        subscribers = m_subscribers;
    }
    for (const auto& b : batches) {
        // The ring's entries in order: up to its end, then from its start.
        for (std::uint64_t i = b.from; i < b.to;) {
            const std::size_t at = i & (kLaneCapacity - 1);
            const std::size_t n = std::min<std::uint64_t>(b.to - i, kLaneCapacity - at);
            std::span<const AccessLogEntry> piece(b.lane->slots + at, n);
            for (const auto& s : *subscribers)
                s(piece);
            i += n;
        }
        b.lane->tail.store(b.to, std::memory_order_release); // the slots may be filled again
    }
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
