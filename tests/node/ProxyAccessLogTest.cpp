// SPDX-License-Identifier: GPL-3.0-or-later
// The access log's batching with one lane per recording thread: whatever the
// interleaving, every entry reaches the file and each subscriber exactly
// once, in its thread's order, and flush() waits for all of it.
#include <QTemporaryDir>
#include <QTest>

#include <fstream>
#include <map>
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
        constexpr int kPerLane = 20'000;
        std::mutex seenMutex;
        std::map<std::string, int> seen; // path -> times a subscriber saw it
        {
            AccessLog log(file.toStdString(), 0, 0);
            log.subscribe([&](const std::vector<AccessLogEntry>& batch) {
                std::lock_guard lock(seenMutex);
                for (const auto& e : batch)
                    ++seen[e.path];
            });
            std::vector<std::thread> threads;
            for (unsigned lane = 0; lane < kLanes; ++lane) {
                threads.emplace_back([&log, lane] {
                    for (int n = 0; n < kPerLane; ++n)
                        log.record(entry(lane, n), lane);
                });
            }
            for (auto& t : threads)
                t.join();
            log.flush();
            QCOMPARE(log.dropped(), std::uint64_t{0});
            // Written entries come back to their lane: record() hands one out,
            // emptied, its strings' storage kept (no allocation to refill it).
            AccessLogEntry next = log.record(entry(0, kPerLane), 0);
            QVERIFY(next.path.empty() && next.container.empty() && next.status == 0 && next.timeMicros == 0);
            QVERIFY(next.path.capacity() >= entry(0, 0).path.size());
            log.flush();
        }
        auto written = lines(file);
        QCOMPARE(written.size(), std::size_t{kLanes * kPerLane + 1});
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
        QCOMPARE(seen.size(), std::size_t{kLanes * kPerLane + 1});
        for (const auto& [path, times] : seen)
            QVERIFY2(times == 1, path.c_str());
    }
};

QTEST_GUILESS_MAIN(ProxyAccessLogTest)
#include "ProxyAccessLogTest.moc"
