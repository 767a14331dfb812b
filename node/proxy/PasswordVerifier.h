// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

#include <boost/asio/async_result.hpp>
#include <boost/asio/associated_executor.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/post.hpp>

#include "node/proxy/CredentialCache.h"
#include "shared/access/PasswordVerdicts.h"

namespace cowl::node {

// scrypt for the proxy, on threads of its own. A password check costs tens
// of milliseconds and 32 MiB; on a worker it stalled every other connection
// the worker held (here ~130 ms per cold credential cache, and as long again
// for every wrong password anyone sent). Workers await the verdict instead
// and go on serving. Identical checks in flight share one computation (a
// burst of connections presenting a password not yet cached costs one
// scrypt), and the distinct checks waiting are bounded, in all and per
// client address (one address cannot fill the queue for everyone): past a
// bound the verdict is Busy, answered 503 at once rather than queued for
// seconds.
// Verdicts that came out valid are remembered (keyed hashes, bounded), so
// the other workers' caches fill from a lookup, not one scrypt each; wrong
// passwords are never remembered and cost a full check every time.
class PasswordVerifier {
public:
    enum class Verdict { Valid, Invalid, Busy };
    struct Bounds {
        std::size_t waiting = 64;         // distinct checks queued or running
        std::size_t waitingPerClient = 8; // of those, submitted from one address
    };

    // `threads` 0: a quarter of the cores, at least one, at most four.
    PasswordVerifier(unsigned threads, Bounds bounds);
    ~PasswordVerifier();
    PasswordVerifier(const PasswordVerifier&) = delete;
    PasswordVerifier& operator=(const PasswordVerifier&) = delete;

    // Completes with a Verdict on the handler's associated executor (the
    // awaiting worker's own thread). `client`: the address the check comes
    // from, for the per-client bound.
    template <class Token>
    auto check(PasswordCheck check, std::string client, Token&& token)
    {
        return boost::asio::async_initiate<Token, void(Verdict)>(
            [this](auto handler, PasswordCheck check, std::string client) {
                auto executor = boost::asio::get_associated_executor(handler);
                auto held = std::make_shared<decltype(handler)>(std::move(handler));
                submit(std::move(check), std::move(client),
                       [work = boost::asio::make_work_guard(executor), held](Verdict verdict) {
                           boost::asio::post(work.get_executor(), [held, verdict] { std::move(*held)(verdict); });
                       });
            },
            token, std::move(check), std::move(client));
    }

    // Joins the threads; checks not yet computed complete Busy. Call before
    // the executors that await checks are destroyed.
    void stop();

    std::uint64_t computed() const;   // scrypt runs so far
    std::uint64_t remembered() const; // checks answered from the valid verdicts kept

private:
    using Done = std::function<void(Verdict)>;
    struct Job {
        std::string key;
        std::string client; // who submitted it first, charged until it completes
        PasswordCheck check;
        std::vector<Done> waiters;
    };

    void submit(PasswordCheck check, std::string client, Done done);
    void release(const Job& job); // with m_mutex held
    void run();
    static std::string keyOf(const PasswordCheck& check);

    const Bounds m_bounds;
    mutable std::mutex m_mutex;
    std::condition_variable m_wake;
    // Every check not yet completed, by hash and password: a second request
    // for one joins its waiters.
    std::unordered_map<std::string, std::shared_ptr<Job>> m_jobs;
    std::vector<std::shared_ptr<Job>> m_queue; // not started, oldest first
    std::unordered_map<std::string, std::size_t> m_perClient; // jobs charged to each address
    // A verdict is a pure function of hash and password: a valid one stays
    // true until the group's hash changes, and then the key does too.
    CredentialCache m_valid;
    bool m_stopping = false;
    std::uint64_t m_computed = 0;
    std::vector<std::thread> m_threads;
};

} // namespace cowl::node
