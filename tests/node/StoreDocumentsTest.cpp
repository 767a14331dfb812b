// SPDX-License-Identifier: GPL-3.0-or-later
#include <QTemporaryDir>
#include <QtTest>

#include <atomic>
#include <csignal>
#include <fstream>
#include <thread>

#include <sys/wait.h>
#include <unistd.h>

#include "node/store/DocumentStore.h"

using cowl::node::DocumentStore;
using cowl::node::StoreError;
using cowl::node::VersionConflict;
using nlohmann::json;

class StoreDocumentsTest : public QObject {
    Q_OBJECT

private:
    std::filesystem::path dirOf(const QTemporaryDir& tmp) { return tmp.path().toStdString(); }

private slots:
    void putGetListAndReload() {
        QTemporaryDir tmp;
        {
            DocumentStore store(dirOf(tmp));
            store.load();
            auto a = store.put("projects", "aaa", json{{"name", "shop"}}, 0);
            QCOMPARE(a.version, std::uint64_t{1});
            auto b = store.put("projects", "aaa", json{{"name", "shop2"}}, 1);
            QCOMPARE(b.version, std::uint64_t{2});
            store.put("projects", "bbb", json{{"name", "blog"}}, std::nullopt);
            QCOMPARE(store.list("projects").size(), std::size_t{2});
            QVERIFY(!store.get("projects", "zzz"));
            QVERIFY(store.list("nothing").empty());
        }
        DocumentStore again(dirOf(tmp));
        again.load();
        auto doc = again.get("projects", "aaa");
        QVERIFY(doc);
        QCOMPARE(doc->version, std::uint64_t{2});
        QCOMPARE(doc->body.at("name").get<std::string>(), std::string("shop2"));
        QCOMPARE(again.list("projects").size(), std::size_t{2});
    }

    void versionConflicts() {
        QTemporaryDir tmp;
        DocumentStore store(dirOf(tmp));
        store.load();
        store.put("settings_node", "node", json{{"enable_proxy", true}}, 0);
        try {
            store.put("settings_node", "node", json{{"enable_proxy", false}}, 0);
            QFAIL("create over an existing document must conflict");
        } catch (const VersionConflict& e) {
            QCOMPARE(e.current, std::uint64_t{1});
        }
        try {
            store.put("settings_node", "node", json{{"enable_proxy", false}}, 7);
            QFAIL("stale version must conflict");
        } catch (const VersionConflict& e) {
            QCOMPARE(e.current, std::uint64_t{1});
        }
        QCOMPARE(store.get("settings_node", "node")->body.at("enable_proxy").get<bool>(), true);
        QVERIFY_THROWS_EXCEPTION(VersionConflict, store.remove("settings_node", "node", 3));
        QVERIFY(store.get("settings_node", "node"));
        QVERIFY(store.remove("settings_node", "node", 1));
        QVERIFY(!store.get("settings_node", "node"));
        QVERIFY(!std::filesystem::exists(dirOf(tmp) / "settings_node" / "node.json"));
        QVERIFY(!store.remove("settings_node", "node", std::nullopt));
        QVERIFY_THROWS_EXCEPTION(VersionConflict, store.remove("settings_node", "node", 1));
    }

    void rejectsPathLikeNames() {
        QTemporaryDir tmp;
        DocumentStore store(dirOf(tmp));
        store.load();
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, store.put("projects", "../x", json::object(), 0));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, store.put("a/b", "x", json::object(), 0));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, store.put("projects", "", json::object(), 0));
    }

    void damagedFileNamesTheFile_data() {
        QTest::addColumn<QString>("content");
        QTest::addColumn<QString>("expected");
        QTest::newRow("truncated") << "{\"version\":1,\"bo" << "not valid JSON";
        QTest::newRow("empty") << "" << "not valid JSON";
        QTest::newRow("no body") << "{\"version\":1}" << "\"body\"";
        QTest::newRow("array") << "[1,2]" << "\"body\"";
        QTest::newRow("zero version") << "{\"version\":0,\"body\":{}}" << "positive integer";
        QTest::newRow("string version") << "{\"version\":\"1\",\"body\":{}}" << "positive integer";
    }

    void damagedFileNamesTheFile() {
        QFETCH(QString, content);
        QFETCH(QString, expected);
        QTemporaryDir tmp;
        std::filesystem::create_directories(dirOf(tmp) / "tokens");
        const auto file = dirOf(tmp) / "tokens" / "abc.json";
        std::ofstream(file) << content.toStdString();
        DocumentStore store(dirOf(tmp));
        try {
            store.load();
            QFAIL("a damaged file must stop the load");
        } catch (const StoreError& e) {
            const std::string what = e.what();
            QVERIFY2(what.find(file.string()) != std::string::npos, e.what());
            QVERIFY2(what.find(expected.toStdString()) != std::string::npos, e.what());
        }
    }

    void leftoverTempFileIsNotADocument() {
        QTemporaryDir tmp;
        {
            DocumentStore store(dirOf(tmp));
            store.load();
            store.put("realms", "r1", json{{"name", "default"}}, 0);
        }
        const auto temp = dirOf(tmp) / "realms" / "r2.json.tmp-0123456789ab";
        std::ofstream(temp) << "{\"vers";
        DocumentStore store(dirOf(tmp));
        store.load();
        QCOMPARE(store.list("realms").size(), std::size_t{1});
        QVERIFY(!std::filesystem::exists(temp));
    }

    void observersSeeChangesInOrder() {
        QTemporaryDir tmp;
        DocumentStore store(dirOf(tmp));
        store.load();
        std::vector<std::string> seen;
        store.subscribe([&](const cowl::node::StoreChange& c) {
            seen.push_back(c.collection + "/" + c.key + (c.document ? ":" + std::to_string(c.document->version) : ":gone"));
        });
        store.put("aliases", "a", json::object(), 0);
        store.put("aliases", "a", json::object(), 1);
        store.remove("aliases", "a", 2);
        QCOMPARE(seen, (std::vector<std::string>{"aliases/a:1", "aliases/a:2", "aliases/a:gone"}));
    }

    void concurrentConditionalPutsLoseNothing() {
        QTemporaryDir tmp;
        DocumentStore store(dirOf(tmp));
        store.load();
        store.put("projects", "counter", json{{"n", 0}}, 0);
        constexpr int kThreads = 4;
        constexpr int kIncrements = 50;
        std::atomic<int> conflicts{0};
        std::vector<std::thread> threads;
        for (int t = 0; t < kThreads; ++t) {
            threads.emplace_back([&] {
                for (int done = 0; done < kIncrements;) {
                    auto doc = store.get("projects", "counter");
                    const int n = doc->body.at("n").get<int>();
                    try {
                        store.put("projects", "counter", json{{"n", n + 1}}, doc->version);
                        ++done;
                    } catch (const VersionConflict&) {
                        ++conflicts;
                    }
                }
            });
        }
        for (auto& t : threads) {
            t.join();
        }
        auto doc = store.get("projects", "counter");
        QCOMPARE(doc->body.at("n").get<int>(), kThreads * kIncrements);
        QCOMPARE(doc->version, std::uint64_t{kThreads * kIncrements + 1});
        DocumentStore reloaded(dirOf(tmp));
        reloaded.load();
        QCOMPARE(reloaded.get("projects", "counter")->body.at("n").get<int>(), kThreads * kIncrements);
    }

    // A child writes and reports each acknowledged write through a pipe; we kill -9
    // it mid-stream. Every acknowledged write must be on disk and no file damaged.
    void killNineKeepsAcknowledgedWrites() {
        QTemporaryDir tmp;
        int fds[2];
        QCOMPARE(::pipe(fds), 0);
        const pid_t child = ::fork();
        QVERIFY(child >= 0);
        if (child == 0) {
            ::close(fds[0]);
            DocumentStore store(dirOf(tmp));
            store.load();
            for (int i = 1;; ++i) {
                const std::string key = "k" + std::to_string(i % 17);
                store.put("containers", key, json{{"seq", i}, {"pad", std::string(2000, 'x')}}, std::nullopt);
                if (::write(fds[1], &i, sizeof i) != sizeof i) {
                    ::_exit(1);
                }
            }
        }
        ::close(fds[1]);
        int last = 0;
        while (last < 200) {
            int v = 0;
            if (::read(fds[0], &v, sizeof v) != sizeof v) {
                break;
            }
            last = v;
        }
        ::kill(child, SIGKILL);
        // Writes acknowledged after our last read may still be in the pipe: drain.
        int v = 0;
        while (::read(fds[0], &v, sizeof v) == sizeof v) {
            last = v;
        }
        ::close(fds[0]);
        int status = 0;
        ::waitpid(child, &status, 0);
        QVERIFY(last >= 200);

        DocumentStore store(dirOf(tmp));
        store.load();
        for (int k = 0; k < 17; ++k) {
            int expected = 0;
            for (int i = last; i > 0; --i) {
                if (i % 17 == k) {
                    expected = i;
                    break;
                }
            }
            auto doc = store.get("containers", "k" + std::to_string(k));
            QVERIFY(doc);
            QVERIFY2(doc->body.at("seq").get<int>() >= expected, qPrintable(QString::number(k)));
        }
    }
};

QTEST_GUILESS_MAIN(StoreDocumentsTest)
#include "StoreDocumentsTest.moc"
