// SPDX-License-Identifier: GPL-3.0-or-later
#include <QtTest>

#include "ui/node/ServerFacts.h"

using namespace cowl::ui;

// GET /api/v1/node as docs/api.md shows it, and as an older node answers it:
// what is there is read, what is missing stays unknown (never zero).
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

    void fullCopyStorageIsNamed() {
        const auto facts = nlohmann::json::parse(R"({"storage": {"backend": "dir", "snapshots": "full-copy"}})")
                               .get<ServerFacts>();
        QVERIFY(facts.storage && facts.storage->fullCopySnapshots());
        QVERIFY(!facts.storage->freeBytes);
    }
};

QTEST_GUILESS_MAIN(ServerFactsTest)
#include "ServerFactsTest.moc"
