// SPDX-License-Identifier: GPL-3.0-or-later
#include <QtTest>

#include "shared/api/ServerFacts.h"

using namespace cowl;

// GET /api/v1/node as docs/api.md shows it, and as an older node answers it:
// what is there is read, what is missing stays unknown (never zero). What the
// node writes reads back the same.
class ServerFactsTest : public QObject {
    Q_OBJECT

private slots:
    void readsTheDocumentedAnswer() {
        const auto j = nlohmann::json::parse(R"({"name": "node1", "domain": "example.net", "version": "0.1.0",
            "fingerprint": "ab", "hostname": "host1", "kernel": "6.1.0-18-amd64", "architecture": "x86_64",
            "cpu": {"model": "Xeon", "count": 2}, "memory": {"total_bytes": 4096, "available_bytes": 1024},
            "disks": [{"name": "vda", "size_bytes": 100, "model": "QEMU", "luks": "full"},
                      {"name": "vdb", "size_bytes": 50, "model": "", "luks": "partial"}],
            "swap": [{"path": "/dev/dm-1", "size_bytes": 10, "encrypted": true}], "swap_encrypted": true,
            "storage": {"backend": "btrfs", "path": "/var/lib/cowl/containers", "free_bytes": 7, "total_bytes": 9,
                        "snapshots": "copy-on-write"},
            "versions": {"lxc": "5.0.2", "nftables": "1.0.6"},
            "containers": {"total": 3, "running": 2, "stopped": 1, "failed": 0}, "added_later": {"x": 1}})");
        const auto facts = j.get<ServerFacts>();
        QCOMPARE(facts.hostname, std::string("host1"));
        QCOMPARE(facts.cpuCount, std::optional<int>(2));
        QCOMPARE(facts.memoryAvailableBytes, std::optional<std::uint64_t>(1024));
        QVERIFY(facts.disks);
        QCOMPARE(facts.disks->size(), std::size_t{2});
        QCOMPARE(facts.disks->at(1).luks, std::string("partial"));
        QCOMPARE(facts.swapEncrypted, std::optional<bool>(true));
        QVERIFY(facts.storage && !facts.storage->fullCopySnapshots());
        QCOMPARE(facts.versions.at("lxc"), std::string("5.0.2"));
        QCOMPARE(facts.containers->running, 2);
    }

    void missingFactsStayUnknown() {
        const auto facts = nlohmann::json::parse(R"({"name": "node1", "swap_encrypted": null, "cpus": 2,
            "memory_bytes": 4096, "disks": "not a list"})")
                               .get<ServerFacts>();
        QCOMPARE(facts.name, std::string("node1"));
        QVERIFY(!facts.cpuCount);
        QVERIFY(!facts.memoryTotalBytes);
        QVERIFY(!facts.disks);
        QVERIFY(!facts.swap);
        QVERIFY(!facts.swapEncrypted); // null: no swap at all
        QVERIFY(!facts.storage);
        QVERIFY(!facts.containers);
    }

    void nodeWritesWhatTheConsoleReads() {
        ServerFacts facts;
        facts.name = "node1";
        facts.hostname = "host1";
        facts.cpuCount = 2;
        facts.memoryTotalBytes = 4096;
        facts.memoryAvailableBytes = 1024;
        facts.disks = std::vector<DiskFacts>{{"vda", 100, "QEMU", "full"}};
        facts.swap = std::vector<SwapFacts>{};
        facts.storage = StorageFacts{"dir", "/var/lib/cowl/containers", 7, 9, "full-copy"};
        facts.versions = {{"lxc", "5.0.2"}, {"nftables", "1.0.6"}};
        facts.containers = ContainerCounts{3, 2, 1, 0};
        const nlohmann::json j = facts;
        QVERIFY(j.at("swap_encrypted").is_null()); // a reported swap list: null says "no swap"
        QCOMPARE(j.at("storage").at("snapshots").get<std::string>(), std::string("full-copy"));
        QCOMPARE(j.at("disks").at(0).at("size_bytes").get<std::uint64_t>(), std::uint64_t{100});
        QCOMPARE(j.get<ServerFacts>(), facts);
    }

    void whatIsNotReportedIsLeftOut() {
        ServerFacts facts;
        facts.name = "node1";
        facts.cpuCount = 1;
        const nlohmann::json j = facts;
        for (const char* key : {"disks", "swap", "swap_encrypted", "storage", "versions", "containers"}) {
            QVERIFY2(!j.contains(key), key);
        }
        QCOMPARE(j.at("cpu").at("count").get<int>(), 1);
        QVERIFY(j.at("memory").at("total_bytes").is_null());
        QCOMPARE(j.get<ServerFacts>(), facts);
    }

    void fullCopyStorageIsNamed() {
        const auto facts = nlohmann::json::parse(R"({"storage": {"backend": "dir", "snapshots": "full-copy"}})")
                               .get<ServerFacts>();
        QVERIFY(facts.storage && facts.storage->fullCopySnapshots());
        QVERIFY(!facts.storage->freeBytes);
    }
};

QTEST_GUILESS_MAIN(ServerFactsTest)
#include "ServerFactsTest.moc"
