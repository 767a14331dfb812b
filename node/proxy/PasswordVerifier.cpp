// SPDX-License-Identifier: GPL-3.0-or-later
#include "node/proxy/PasswordVerifier.h"
#include "node/proxy/ThreadRole.h"

#include <algorithm>
#include <limits>

#include "shared/crypto/PasswordHash.h"

namespace cowl::node {

namespace {

// Requests already admitted go first: under a flood of wrong passwords the
// workers keep their cores and the checks wait (Linux: nice is per thread).
constexpr int kVerifierNice = 5;

unsigned defaultThreads()
{
    return std::clamp(std::thread::hardware_concurrency() / 4, 1u, 4u);
}

} // namespace

PasswordVerifier::PasswordVerifier(unsigned threads, Bounds bounds)
    : m_bounds{std::max<std::size_t>(1, bounds.waiting), std::max<std::size_t>(1, bounds.waitingPerClient)}
{
    const unsigned count = threads ? threads : defaultThreads();
    for (unsigned i = 0; i < count; ++i)
        m_threads.emplace_back([this] { run(); });
}

PasswordVerifier::~PasswordVerifier()
{
    stop();
}

std::string PasswordVerifier::keyOf(const PasswordCheck& check)
{
    std::string key;
    key.reserve(check.hash.size() + 1 + check.password.size());
    key += check.hash;
    key += '\0'; // an encoded hash holds no NUL: the split is unambiguous
    key += check.password;
    return key;
}

void PasswordVerifier::submit(PasswordCheck check, std::string client, Done done)
{
    std::unique_lock lock(m_mutex);
    if (m_stopping) {
        lock.unlock();
        done(Verdict::Busy);
        return;
    }
    if (m_valid.contains(check.hash, check.password, 0)) {
        lock.unlock();
        done(Verdict::Valid);
        return;
    }
    std::string key = keyOf(check);
    if (auto it = m_jobs.find(key); it != m_jobs.end()) {
        it->second->waiters.push_back(std::move(done));
        return;
    }
    std::size_t& charged = m_perClient[client];
    if (m_jobs.size() >= m_bounds.waiting || charged >= m_bounds.waitingPerClient) {
        if (charged == 0)
            m_perClient.erase(client);
        lock.unlock();
        done(Verdict::Busy);
        return;
    }
    ++charged;
    auto job = std::make_shared<Job>();
    job->key = key;
    job->client = std::move(client);
    job->check = std::move(check);
    job->waiters.push_back(std::move(done));
    m_jobs.emplace(std::move(key), job);
    m_queue.push_back(std::move(job));
    lock.unlock();
    m_wake.notify_one();
}

void PasswordVerifier::release(const Job& job)
{
    m_jobs.erase(job.key);
    auto it = m_perClient.find(job.client);
    if (it != m_perClient.end() && --it->second == 0)
        m_perClient.erase(it);
}

void PasswordVerifier::run()
{
    takeThreadRole("cowl-scrypt", kVerifierNice);
    for (;;) {
        std::shared_ptr<Job> job;
        {
            std::unique_lock lock(m_mutex);
            m_wake.wait(lock, [&] { return m_stopping || !m_queue.empty(); });
            if (m_stopping)
                return;
            job = m_queue.front();
            m_queue.erase(m_queue.begin());
        }
        const bool valid = PasswordHash::verify(job->check.password, job->check.hash);
        std::vector<Done> waiters;
        {
            std::lock_guard lock(m_mutex);
            ++m_computed;
            if (valid)
                m_valid.add(job->check.hash, job->check.password, std::numeric_limits<std::int64_t>::max());
            // Waiters that joined while it ran are in the job; none join after this.
            release(*job);
            waiters = std::move(job->waiters);
        }
        for (auto& done : waiters)
            done(valid ? Verdict::Valid : Verdict::Invalid);
    }
}

void PasswordVerifier::stop()
{
    {
        std::lock_guard lock(m_mutex);
        if (m_stopping && m_threads.empty())
            return;
        m_stopping = true;
    }
    m_wake.notify_all();
    for (auto& thread : m_threads)
        thread.join();
    m_threads.clear();
    std::vector<std::shared_ptr<Job>> left;
    {
        std::lock_guard lock(m_mutex);
        for (auto& [key, job] : m_jobs)
            left.push_back(job);
        m_jobs.clear();
        m_perClient.clear();
        m_queue.clear();
    }
    for (auto& job : left) {
        for (auto& done : job->waiters)
            done(Verdict::Busy);
    }
}

std::uint64_t PasswordVerifier::computed() const
{
    std::lock_guard lock(m_mutex);
    return m_computed;
}

std::uint64_t PasswordVerifier::remembered() const
{
    std::lock_guard lock(m_mutex);
    return m_valid.hits();
}

} // namespace cowl::node
