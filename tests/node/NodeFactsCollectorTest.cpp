// SPDX-License-Identifier: GPL-3.0-or-later
#include <QtTest>

#include <fstream>

#include "node/facts/NodeFactsCollector.h"

using namespace cowl::node;
namespace fs = std::filesystem;

namespace {

void write(const fs::path& path, const std::string& text) {
    fs::create_directories(path.parent_path());
    std::ofstream(path) << text;
}

} // namespace

// Disk encryption is read from a sysfs tree: here a fixture one, built the
// way the kernel lays it out (holders/slaves links, dm/uuid).
class NodeFactsCollectorTest : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;

    fs::path sys() const { return fs::path(m_dir.path().toStdString()) / "sys"; }
    fs::path proc() const { return fs::path(m_dir.path().toStdString()) / "proc"; }

    void dmDevice(const std::string& name, const std::string& uuid) { write(sys() / "block" / name / "dm/uuid", uuid + "\n"); }

    void holder(const fs::path& device, const std::string& dm) {
        fs::create_directories(device / "holders");
        fs::create_directory_symlink(sys() / "block" / dm, device / "holders" / dm);
    }

private slots:
    void initTestCase() {
        QVERIFY(m_dir.isValid());
        // sda: two partitions, both under LUKS. sdb: one of two. sdc: whole disk, none.
        dmDevice("dm-0", "CRYPT-LUKS2-aaaa-root");
        dmDevice("dm-1", "CRYPT-LUKS2-bbbb-home");
        dmDevice("dm-2", "LVM-xyz");
        dmDevice("dm-3", "CRYPT-LUKS2-cccc-data");
        write(sys() / "block/sda/size", "2000\n");
        write(sys() / "block/sda/device/model", "FAST SSD\n");
        write(sys() / "block/sda/sda1/partition", "1\n");
        write(sys() / "block/sda/sda2/partition", "2\n");
        holder(sys() / "block/sda/sda1", "dm-0");
        holder(sys() / "block/sda/sda2", "dm-2"); // LUKS inside an LVM volume
        holder(sys() / "block/dm-2", "dm-1");
        write(sys() / "block/sdb/size", "4000\n");
        write(sys() / "block/sdb/sdb1/partition", "1\n");
        write(sys() / "block/sdb/sdb2/partition", "2\n");
        holder(sys() / "block/sdb/sdb1", "dm-3");
        write(sys() / "block/sdc/size", "8\n");
        write(sys() / "block/loop0/size", "8\n");
        write(proc() / "cpuinfo", "processor\t: 0\nmodel name\t: Test CPU 3000\nprocessor\t: 1\nmodel name\t: Test CPU 3000\n");
        write(proc() / "meminfo", "MemTotal:       2048 kB\nMemFree:        1 kB\nMemAvailable:   1024 kB\n");
        write(proc() / "swaps", "Filename\tType\tSize\tUsed\tPriority\n");
    }

    void reportsLuksStatePerDisk() {
        const NodeFacts facts = NodeFactsCollector({.storagePath = m_dir.path().toStdString(), .procRoot = proc(), .sysRoot = sys()}).collect();
        std::map<std::string, NodeFacts::Disk> disks;
        for (const auto& disk : facts.disks) {
            disks[disk.name] = disk;
        }
        QCOMPARE(int(disks.size()), 3); // loop devices are not disks
        QCOMPARE(QString::fromStdString(disks["sda"].luks), QString("full"));
        QCOMPARE(QString::fromStdString(disks["sdb"].luks), QString("partial"));
        QCOMPARE(QString::fromStdString(disks["sdc"].luks), QString("none"));
        QCOMPARE(disks["sda"].sizeBytes, std::uint64_t(2000) * 512);
        QCOMPARE(QString::fromStdString(disks["sda"].model), QString("FAST SSD"));
        QCOMPARE(facts.cpuCount, 2);
        QCOMPARE(QString::fromStdString(facts.cpuModel), QString("Test CPU 3000"));
        QCOMPARE(facts.memoryTotalBytes, std::uint64_t(2048) * 1024);
        QVERIFY(!facts.swapEncrypted.has_value()); // no swap: neither yes nor no
    }

    void encryptionFollowsSlavesDown() {
        // An LVM volume is encrypted when everything under it is dm-crypt.
        fs::create_directories(sys() / "block/dm-2/slaves");
        fs::create_directory_symlink(sys() / "block/dm-1", sys() / "block/dm-2/slaves/dm-1");
        QVERIFY(NodeFactsCollector::isEncrypted(sys() / "block/dm-2"));
        QVERIFY(NodeFactsCollector::isEncrypted(sys() / "block/dm-0"));
        QVERIFY(!NodeFactsCollector::isEncrypted(sys() / "block/sdc"));
        fs::create_directory_symlink(sys() / "block/sdc", sys() / "block/dm-2/slaves/sdc");
        QVERIFY(!NodeFactsCollector::isEncrypted(sys() / "block/dm-2"));
    }

    void realHostFactsAreFilledIn() {
        const NodeFacts facts = NodeFactsCollector({.storagePath = "/"}).collect();
        QVERIFY(!facts.hostname.empty());
        QVERIFY(!facts.kernel.empty());
        QVERIFY(facts.cpuCount > 0);
        QVERIFY(facts.memoryTotalBytes > 0);
        QVERIFY(facts.storageTotalBytes > 0);
        QVERIFY(facts.lxcVersion.starts_with("5."));
        QVERIFY2(facts.nftablesVersion.starts_with("1."), facts.nftablesVersion.c_str());
        const nlohmann::json j = asServerFacts(facts);
        QVERIFY(j.at("storage").at("backend").get<std::string>() == "dir" ||
                j.at("storage").at("backend").get<std::string>() == "btrfs");
        QVERIFY(j.at("containers").at("total").get<int>() == 0);
    }
};

QTEST_GUILESS_MAIN(NodeFactsCollectorTest)
#include "NodeFactsCollectorTest.moc"
