// SPDX-License-Identifier: GPL-3.0-or-later
#include <QtTest>

#include <chrono>
#include <thread>
#include <vector>

#include <boost/asio/bind_executor.hpp>
#include <boost/asio/io_context.hpp>

#include "node/proxy/PasswordVerifier.h"
#include "shared/crypto/PasswordHash.h"

using namespace cowl;
using namespace cowl::node;
namespace asio = boost::asio;
using Verdict = PasswordVerifier::Verdict;

namespace {

// Cheap enough for a unit test, still a real scrypt.
const PasswordHash::Cost kFast{10, 8, 1};

// Checks submitted from one io_context, the way a worker awaits them.
struct Awaiting {
    asio::io_context io;
    std::vector<Verdict> verdicts;
    std::vector<std::thread::id> threads;

    void submit(PasswordVerifier& verifier, PasswordCheck check, std::string client = "2001:db8::1")
    {
        verifier.check(std::move(check), std::move(client), asio::bind_executor(io, [this](Verdict v) {
                           verdicts.push_back(v);
                           threads.push_back(std::this_thread::get_id());
                       }));
    }
    // Runs the io_context until `count` verdicts came (the work guards keep it running meanwhile).
    bool runUntil(std::size_t count)
    {
        auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
        while (verdicts.size() < count && std::chrono::steady_clock::now() < deadline) {
            io.restart();
            io.run_for(std::chrono::milliseconds(20));
        }
        return verdicts.size() == count;
    }
};

} // namespace

class ProxyPasswordVerifierTest : public QObject {
    Q_OBJECT

private slots:
    void verdictsArriveOnTheAwaitingThread()
    {
        PasswordVerifier verifier(1, {16, 16});
        const std::string hash = PasswordHash::hash("right", kFast);
        Awaiting a;
        a.submit(verifier, {"right", hash});
        a.submit(verifier, {"wrong", hash});
        a.submit(verifier, {"right", "not an encoded hash"});
        QVERIFY(a.runUntil(3));
        QCOMPARE(a.verdicts, (std::vector<Verdict>{Verdict::Valid, Verdict::Invalid, Verdict::Invalid}));
        for (auto id : a.threads)
            QCOMPARE(id, std::this_thread::get_id());
        QCOMPARE(verifier.computed(), std::uint64_t{3});
    }

    // A burst of connections presenting one password costs one scrypt.
    void identicalChecksInFlightShareOneComputation()
    {
        PasswordVerifier verifier(1, {16, 16});
        // Slow enough that all eight are submitted while the first runs.
        const std::string hash = PasswordHash::hash("shared", {14, 8, 1});
        Awaiting a;
        for (int i = 0; i < 8; ++i)
            a.submit(verifier, {"shared", hash});
        QVERIFY(a.runUntil(8));
        QCOMPARE(a.verdicts, std::vector<Verdict>(8, Verdict::Valid));
        QCOMPARE(verifier.computed(), std::uint64_t{1});
    }

    // Valid verdicts are kept: the next worker to miss its own cache gets a
    // lookup. Wrong passwords cost a full check every time.
    void onlyValidVerdictsAreRemembered()
    {
        PasswordVerifier verifier(1, {16, 16});
        const std::string hash = PasswordHash::hash("right", kFast);
        Awaiting a;
        a.submit(verifier, {"right", hash});
        QVERIFY(a.runUntil(1));
        a.submit(verifier, {"right", hash});
        QVERIFY(a.runUntil(2));
        QCOMPARE(verifier.computed(), std::uint64_t{1});
        QCOMPARE(verifier.remembered(), std::uint64_t{1});
        for (int i = 0; i < 3; ++i) {
            a.submit(verifier, {"wrong", hash});
            QVERIFY(a.runUntil(3 + static_cast<std::size_t>(i)));
        }
        QCOMPARE(verifier.computed(), std::uint64_t{4});
        QCOMPARE(verifier.remembered(), std::uint64_t{1});
        // A changed password is a new hash: the old verdict does not carry over.
        a.submit(verifier, {"right", PasswordHash::hash("other", kFast)});
        QVERIFY(a.runUntil(6));
        QCOMPARE(a.verdicts.back(), Verdict::Invalid);
    }

    // Past the bound a check is refused at once, not queued behind the rest.
    void distinctChecksWaitingAreBounded()
    {
        PasswordVerifier verifier(1, {2, 16});
        const std::string hash = PasswordHash::hash("x", {14, 8, 1});
        Awaiting a;
        for (int i = 0; i < 5; ++i)
            a.submit(verifier, {"guess-" + std::to_string(i), hash});
        QVERIFY(a.runUntil(5));
        const auto busy = std::count(a.verdicts.begin(), a.verdicts.end(), Verdict::Busy);
        QCOMPARE(busy, 3);
        // Refused ones arrive first: they did not wait for the scrypt.
        QCOMPARE(a.verdicts.front(), Verdict::Busy);
        QCOMPARE(verifier.computed(), std::uint64_t{2});
    }

    // One address cannot take the whole queue: its own checks past its
    // share are refused, another address's still go in.
    void oneClientCannotFillTheQueue()
    {
        PasswordVerifier verifier(1, {16, 2});
        const std::string hash = PasswordHash::hash("x", {14, 8, 1});
        Awaiting a;
        for (int i = 0; i < 4; ++i)
            a.submit(verifier, {"guess-" + std::to_string(i), hash}, "203.0.113.7");
        a.submit(verifier, {"someone-else", hash}, "2001:db8::2");
        // The same check again from the busy address joins the one running: not refused.
        a.submit(verifier, {"guess-0", hash}, "203.0.113.7");
        QVERIFY(a.runUntil(6));
        QCOMPARE(std::count(a.verdicts.begin(), a.verdicts.end(), Verdict::Busy), 2);
        QCOMPARE(verifier.computed(), std::uint64_t{3});
        // Charges end with the checks: the address may try again.
        a.submit(verifier, {"guess-9", hash}, "203.0.113.7");
        QVERIFY(a.runUntil(7));
        QCOMPARE(a.verdicts.back(), Verdict::Invalid);
    }

    void stoppingCompletesWaitingChecksAsBusy()
    {
        const std::string hash = PasswordHash::hash("x", {16, 8, 1});
        Awaiting a;
        {
            PasswordVerifier verifier(1, {16, 16});
            for (int i = 0; i < 4; ++i)
                a.submit(verifier, {"guess-" + std::to_string(i), hash});
            verifier.stop();
            a.submit(verifier, {"after", hash}); // stopped: Busy at once
        }
        QVERIFY(a.runUntil(5));
        // The one already running finishes; the others never start.
        QVERIFY(std::count(a.verdicts.begin(), a.verdicts.end(), Verdict::Busy) >= 4);
    }
};

QTEST_GUILESS_MAIN(ProxyPasswordVerifierTest)
#include "ProxyPasswordVerifierTest.moc"
