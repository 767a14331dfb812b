// SPDX-License-Identifier: GPL-3.0-or-later
// The access log's batching with one lane per recording thread: whatever the
// interleaving, every entry reaches the file and each subscriber exactly
// once, in its thread's order, and flush() waits for all of it.
#include <QTemporaryDir>
#include <QTest>

#include <chrono>
#include <condition_variable>
#include <fstream>
#include <map>
#include <span>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "node/proxy/AccessLog.h"

using namespace cowl::node;

class ProxyAccessLogTest : public QObject {
    Q_OBJECT

private:
    static AccessLogEntry entry(unsigned lane, int n)
    {
        AccessLogEntry e;
        e.timeMicros = 1'796'040'600'000'000 + n;
        e.container = "0123456789abcdef01234567";
        e.project = "89abcdef0123456789abcdef";
        e.program = "http";
        e.client = "2001:db8::" + std::to_string(lane);
        e.method = "GET";
        // Long enough to live on the heap: these are the strings handed back.
        e.path = "/lane/" + std::to_string(lane) + "/request/" + std::to_string(n) + "/padding-padding-padding";
        e.status = 200;
        e.decision = "allow";
        e.protocol = "HTTP/1.1";
        return e;
    }

    static long residentKiB()
    {
        std::ifstream status("/proc/self/status");
        std::string line;
        while (std::getline(status, line)) {
            if (line.rfind("VmRSS:", 0) == 0)
                return std::stol(line.substr(6));
        }
        return -1;
    }

    static std::vector<nlohmann::json> lines(const QString& path)
    {
        std::vector<nlohmann::json> out;
        std::ifstream in(path.toStdString());
        std::string line;
        while (std::getline(in, line))
            out.push_back(nlohmann::json::parse(line));
        return out;
    }

private slots:
    void everyEntryOnceInItsLanesOrder()
    {
        QTemporaryDir dir;
        const QString file = dir.filePath("access.log");
        constexpr unsigned kLanes = 3;
        // Three rounds of half a ring each: the third wraps around the ring.
        constexpr int kRounds = 3;
        constexpr int kPerRound = AccessLog::kLaneCapacity / 2;
        std::mutex seenMutex;
        std::map<std::string, int> seen; // path -> times a subscriber saw it
        {
            AccessLog log(file.toStdString(), 0, 0, kLanes);
            log.subscribe([&](std::span<const AccessLogEntry> batch) {
                std::lock_guard lock(seenMutex);
                for (const auto& e : batch)
                    ++seen[e.path];
            });
            for (int round = 0; round < kRounds; ++round) {
                std::vector<std::thread> threads;
                for (unsigned lane = 0; lane < kLanes; ++lane) {
                    threads.emplace_back([&log, lane, round] {
                        for (int n = round * kPerRound; n < (round + 1) * kPerRound; ++n) {
                            AccessLogEntry e = entry(lane, n);
                            log.record(e, lane);
                            QVERIFY(e.path.empty() && e.status == 0);
                        }
                    });
                }
                for (auto& t : threads)
                    t.join();
                log.flush();
            }
            QCOMPARE(log.dropped(), std::uint64_t{0});
        }
        auto written = lines(file);
        QCOMPARE(written.size(), std::size_t{kLanes * kRounds * kPerRound});
        std::map<std::string, int> lastOfLane;
        for (const auto& j : written) {
            const auto path = j.at("path").get<std::string>();
            const auto client = j.at("client_address").get<std::string>();
            const int n = std::stoi(path.substr(path.find("/request/") + 9));
            auto [it, first] = lastOfLane.emplace(client, n);
            if (!first) {
                QVERIFY2(n > it->second, qPrintable(QString::fromStdString(path)));
                it->second = n;
            }
        }
        QCOMPARE(seen.size(), std::size_t{kLanes * kRounds * kPerRound});
        for (const auto& [path, times] : seen)
            QVERIFY2(times == 1, path.c_str());
    }

    void aRecordedEntryComesBackEmptyWithItsStorage()
    {
        AccessLog log("", 0, 0);
        AccessLogEntry e;
        // Once around the ring: from then on each slot holds a written entry.
        for (std::size_t n = 0; n <= AccessLog::kLaneCapacity; ++n) {
            e = entry(0, static_cast<int>(n));
            log.record(e, 0);
            if (n % 1024 == 0)
                log.flush();
        }
        QVERIFY(e.path.empty() && e.container.empty() && e.status == 0 && e.timeMicros == 0);
        QVERIFY(e.path.capacity() >= entry(0, 0).path.size()); // refilled without allocating
    }

    void aQuietLaneHoldsOnlyTheEntriesItUsed()
    {
        // A 64-core server's lanes, a few requests each: slots are made as
        // the rings fill, so this costs kilobytes, not 64 rings (~200 MiB).
        const long before = residentKiB();
        {
            constexpr unsigned kLanes = 64;
            AccessLog log("", 0, 0, kLanes);
            for (unsigned lane = 0; lane < kLanes; ++lane) {
                for (int n = 0; n < 10; ++n) {
                    AccessLogEntry e = entry(lane, n);
                    log.record(e, lane);
                }
            }
            log.flush();
            QCOMPARE(log.dropped(), std::uint64_t{0});
            const long grown = residentKiB() - before;
            QVERIFY2(grown < 16 * 1024, qPrintable(QStringLiteral("resident set grew by %1 KiB").arg(grown)));
        }
    }

    void aLaneTheWriterCannotEmptyDropsAndCounts()
    {
        QTemporaryDir dir;
        const QString file = dir.filePath("access.log");
        std::mutex gate;
        std::condition_variable changed;
        bool inside = false, released = false;
        constexpr std::size_t kOver = 10;
        {
            AccessLog log(file.toStdString(), 0, 0);
            // A subscriber that holds the writer, as a disk that stalls would.
            log.subscribe([&](std::span<const AccessLogEntry>) {
                std::unique_lock lock(gate);
                inside = true;
                changed.notify_all();
                changed.wait(lock, [&] { return released; });
            });
            AccessLogEntry e = entry(0, 0);
            log.record(e, 0);
            {
                std::unique_lock lock(gate);
                QVERIFY(changed.wait_for(lock, std::chrono::seconds(10), [&] { return inside; }));
            }
            // The stalled entry still holds its slot: the ring takes one less.
            for (std::size_t n = 1; n < AccessLog::kLaneCapacity + kOver; ++n) {
                e = entry(0, static_cast<int>(n));
                log.record(e, 0);
            }
            QCOMPARE(log.dropped(), std::uint64_t{kOver});
            {
                std::lock_guard lock(gate);
                released = true;
            }
            changed.notify_all();
            log.flush();
            QCOMPARE(log.dropped(), std::uint64_t{kOver});
        }
        QCOMPARE(lines(file).size(), AccessLog::kLaneCapacity);
    }
};

QTEST_GUILESS_MAIN(ProxyAccessLogTest)
#include "ProxyAccessLogTest.moc"
