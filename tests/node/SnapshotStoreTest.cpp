// SPDX-License-Identifier: GPL-3.0-or-later
#include <QtTest>

#include <atomic>
#include <future>
#include <thread>

#include "node/containers/BtrfsVolume.h"
#include "node/containers/Command.h"
#include "node/containers/ContainerRuntime.h"
#include "node/containers/RuntimeError.h"
#include "node/containers/SnapshotScheduler.h"
#include "node/containers/SnapshotStore.h"
#include "node/containers/StorageImage.h"
#include "tests/node/LxcTestEnvironment.h"

using namespace cowl;
using namespace cowl::node;
using namespace std::chrono;

// Snapshots on both storage kinds: a btrfs loop image (made with StorageImage,
// in this test's private mount namespace) and a plain directory.
class SnapshotStoreTest : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir{"/tmp/cowl-snap-XXXXXX"};
    std::filesystem::path m_mount;
    system_clock::time_point m_now = sys_days{year{2026} / 11 / 29} + hours(10);
    std::function<void()> m_duringClock; // runs inside the store's clock call, i.e. while it holds the lock

    Clock clock() {
        return [this] {
            // One shot: taken out before it runs, so it may not destroy itself while running.
            if (auto during = std::exchange(m_duringClock, nullptr)) {
                during();
            }
            return m_now;
        };
    }

    std::unique_ptr<ContainerRuntime> runtimeAt(const std::filesystem::path& lxcPath) {
        return std::make_unique<ContainerRuntime>(ContainerRuntime::Options{
            .lxcPath = lxcPath,
            .ula48 = *Ipv6Prefix::parse("fd5e:c0de:5678::/48"),
            .helperCommand = {QCoreApplication::applicationFilePath().toStdString(), "__lxc-helper"},
            .onEvent = {},
        });
    }

    Id makeContainer(ContainerRuntime& runtime) {
        const CreateSpec spec{.id = Id::generate(), .hostname = "snappy", .source = ContainerTemplate::parse("busybox"), .limits = {}, .autostart = false};
        runtime.create(spec);
        return spec.id;
    }

    void restoreBringsBackOldFilesAndRemovesNewOnes(const std::filesystem::path& lxcPath) {
        m_now = sys_days{year{2026} / 11 / 29} + hours(10);
        auto runtime = runtimeAt(lxcPath);
        SnapshotStore store(*runtime, clock());
        const Id id = makeContainer(*runtime);
        const auto rootfs = runtime->rootfs(id);
        runtime->start(id);
        auto shell = [&](const std::string& script) { return runtime->run(id, {"/bin/sh", "-c", script}); };
        QCOMPARE(shell("echo version-1 > /root/data"), 0);

        const auto snapshot = store.create(id, SnapshotRequest{.label = "before change", .expiresInDays = 7});
        QCOMPARE(QString::fromStdString(snapshot.name), QString("snap-20261129-100000"));
        QVERIFY(snapshot.expiresAt == m_now + days(7));

        QCOMPARE(shell("echo version-2 > /root/data; echo new > /root/added"), 0);
        // Restore a snapshot that does not exist: typed error, container untouched and running.
        try {
            store.restore(id, "snap-20200101-000000");
            QFAIL("restored a missing snapshot");
        } catch (const RuntimeError& e) {
            QVERIFY(e.kind() == RuntimeError::Kind::NotFound);
        }
        try {
            store.restore(id, "../../etc");
            QFAIL("accepted a path as snapshot name");
        } catch (const RuntimeError& e) {
            QVERIFY(e.kind() == RuntimeError::Kind::NotFound);
        }
        QCOMPARE(shell("grep -q version-2 /root/data && test -e /root/added"), 0);

        store.restore(id, snapshot.name);
        QCOMPARE(testing::stateName(runtime->state(id)), QString("running"));
        QCOMPARE(shell("grep -q version-1 /root/data"), 0);
        QCOMPARE(shell("test -e /root/added"), 1);

        const auto listed = store.list(id);
        QCOMPARE(int(listed.size()), 1);
        QCOMPARE(QString::fromStdString(listed[0].label), QString("before change"));
        QVERIFY(listed[0].sizeBytes && *listed[0].sizeBytes > 0);

        // A second operation on the same container while one runs: Busy (409).
        m_now += seconds(1);
        // Listing meanwhile neither waits nor fails: it shows what is complete.
        std::atomic<bool> sawBusy = false;
        std::size_t listedDuring = 0;
        m_duringClock = [&] {
            std::async(std::launch::async, [&] {
                try {
                    store.create(id, SnapshotRequest{});
                } catch (const RuntimeError& e) {
                    sawBusy = e.kind() == RuntimeError::Kind::Busy;
                }
            }).get();
            listedDuring = std::async(std::launch::async, [&] { return store.list(id).size(); }).get();
        };
        store.create(id, SnapshotRequest{});
        QVERIFY(sawBusy);
        QCOMPARE(int(listedDuring), 1);
        QCOMPARE(int(store.list(id).size()), 2);

        // Bad input changes nothing.
        try {
            store.create(id, SnapshotRequest{.label = "", .expiresInDays = 0});
            QFAIL("accepted an expiry of 0 days");
        } catch (const RuntimeError& e) {
            QCOMPARE(QString::fromStdString(e.field()), QString("expires_in_days"));
        }
        QCOMPARE(int(store.list(id).size()), 2);

        store.remove(id, snapshot.name);
        QCOMPARE(int(store.list(id).size()), 1);
        runtime->destroy(id);
        QVERIFY(!std::filesystem::exists(rootfs));
    }

private slots:
    void initTestCase() {
        QVERIFY(m_dir.isValid());
        std::filesystem::permissions(m_dir.path().toStdString(), std::filesystem::perms(0755));
        m_mount = m_dir.path().toStdString() + "/btrfs";
        testing::installCleanupOnTerminate(m_mount / "lxc");
        try {
            StorageImage::parseSize("12");
            QFAIL("accepted 12 bytes");
        } catch (const RuntimeError& e) {
            QVERIFY(e.kind() == RuntimeError::Kind::InvalidInput);
        }
        QCOMPARE(StorageImage::parseSize("2G"), 2ull << 30);
        StorageImage::create(m_dir.path().toStdString() + "/storage.img", StorageImage::parseSize("1G"), m_mount);
        QVERIFY(BtrfsVolume::isBtrfs(m_mount));
        std::filesystem::permissions(m_mount, std::filesystem::perms(0755));
    }

    void cleanupTestCase() {
        testing::destroyLeftoverContainers();
        Command({"umount", m_mount.string()}).run();
    }

    void restoreOnBtrfs() {
        restoreBringsBackOldFilesAndRemovesNewOnes(m_mount / "lxc");
        // The rootfs was a subvolume, and stays one after a restore.
    }

    void restoreOnPlainDirectory() {
        testing::installCleanupOnTerminate(m_dir.path().toStdString() + "/plain");
        restoreBringsBackOldFilesAndRemovesNewOnes(m_dir.path().toStdString() + "/plain");
        testing::installCleanupOnTerminate(m_mount / "lxc");
    }

    void schedulerTakesOneSnapshotPerIntervalAndPrunes() {
        m_now = sys_days{year{2026} / 11 / 29} + hours(10);
        auto runtime = runtimeAt(m_mount / "lxc");
        SnapshotStore store(*runtime, clock());
        const Id id = makeContainer(*runtime);
        QVERIFY(BtrfsVolume::isSubvolume(runtime->rootfs(id)));
        const Id project = Id::generate();
        const auto stateFile = std::filesystem::path(m_dir.path().toStdString()) / "schedules.json";
        const SnapshotScheduler::Options options{
            .stateFile = stateFile, .clock = clock(), .containers = [&] {
                return std::vector<SnapshotScheduler::Placement>{{id, project}};
            }};
        {
            SnapshotScheduler scheduler(store, options);
            QCOMPARE(scheduler.tick().snapshotted.size(), std::size_t(0)); // no schedule yet
            scheduler.setProjectSchedule(project, SnapshotSchedule{.retention = RetentionPolicy{.hourly = 2}});
            QCOMPARE(scheduler.tick().snapshotted.size(), std::size_t(1));
            m_now += minutes(30);
            QCOMPARE(scheduler.tick().snapshotted.size(), std::size_t(0));
            m_now += minutes(30);
            QCOMPARE(scheduler.tick().snapshotted.size(), std::size_t(1));
            QCOMPARE(int(store.list(id).size()), 2);
            // A labelled manual snapshot is never pruned.
            m_now += minutes(1);
            store.create(id, SnapshotRequest{.label = "keep", .expiresInDays = std::nullopt});
        }
        // The node was down for ten hours: one catch-up snapshot, then pruning to 2 hourly (+ the labelled one).
        m_now += hours(10);
        SnapshotScheduler restarted(store, options);
        QVERIFY(restarted.projectSchedule(project).has_value());
        const auto report = restarted.tick();
        QCOMPARE(report.snapshotted.size(), std::size_t(1));
        QCOMPARE(report.pruned.at(id).size(), std::size_t(1));
        auto names = store.list(id);
        QCOMPARE(int(names.size()), 3);
        QCOMPARE(QString::fromStdString(names[0].name), QString("snap-20261129-210100"));
        QCOMPARE(QString::fromStdString(names[1].label), QString("keep"));
        QCOMPARE(QString::fromStdString(names[2].name), QString("snap-20261129-110000"));
        QCOMPARE(restarted.tick().snapshotted.size(), std::size_t(0));

        // The container's own schedule wins over the project's; bad ones are refused.
        try {
            restarted.setContainerSchedule(id, SnapshotSchedule{.retention = RetentionPolicy{}});
            QFAIL("accepted an empty retention policy");
        } catch (const RuntimeError& e) {
            QVERIFY(e.kind() == RuntimeError::Kind::InvalidInput);
        }
        restarted.setContainerSchedule(id, SnapshotSchedule{.retention = RetentionPolicy{.daily = 1}, .pruneLabelled = true});
        m_now += hours(1);
        const auto daily = restarted.tick();
        QCOMPARE(daily.snapshotted.size(), std::size_t(0)); // daily interval: the last one was an hour ago
        QCOMPARE(int(store.list(id).size()), 1);            // one a day, labelled ones included when asked
        runtime->destroy(id);
    }
};

namespace {

// `node_SnapshotStoreTest bench`, run by tests/bench/snapshots.sh: snapshot and
// restore times of the real SnapshotStore for 1 MiB and 1 GiB of container data,
// on a btrfs loop image and on a plain directory, in one run.
int runBench(const std::filesystem::path& helper) {
    QTemporaryDir dir("/var/tmp/cowl-snapbench-XXXXXX");
    const std::filesystem::path root = dir.path().toStdString();
    std::filesystem::permissions(root, std::filesystem::perms(0755));
    StorageImage::create(root / "storage.img", StorageImage::parseSize("4G"), root / "btrfs");
    std::filesystem::permissions(root / "btrfs", std::filesystem::perms(0755));
    std::printf("%-6s %-6s %12s %12s\n", "store", "data", "snapshot_ms", "restore_ms");
    for (const auto& [kind, lxcPath] : {std::pair{"btrfs", root / "btrfs/lxc"}, std::pair{"dir", root / "plain"}}) {
        testing::installCleanupOnTerminate(lxcPath);
        ContainerRuntime runtime(ContainerRuntime::Options{
            .lxcPath = lxcPath, .ula48 = *Ipv6Prefix::parse("fd5e:c0de:9abc::/48"), .helperCommand = {helper.string(), "__lxc-helper"}, .onEvent = {}});
        SnapshotStore store(runtime);
        const CreateSpec spec{.id = Id::generate(), .hostname = "bench", .source = ContainerTemplate::parse("busybox"), .limits = {}, .autostart = false};
        runtime.create(spec);
        for (const auto& [label, megabytes] : {std::pair{"1MiB", 1}, std::pair{"1GiB", 1024}}) {
            Command({"dd", "if=/dev/urandom", "of=" + (runtime.rootfs(spec.id) / "data.bin").string(), "bs=1M",
                     "count=" + std::to_string(megabytes), "status=none"}).check("writing bench data");
            Command({"sync"}).run();
            const auto t0 = steady_clock::now();
            const auto snapshot = store.create(spec.id, SnapshotRequest{});
            const auto t1 = steady_clock::now();
            store.restore(spec.id, snapshot.name);
            const auto t2 = steady_clock::now();
            std::printf("%-6s %-6s %12.1f %12.1f\n", kind, label, duration<double, std::milli>(t1 - t0).count(),
                        duration<double, std::milli>(t2 - t1).count());
            std::fflush(stdout);
            store.remove(spec.id, snapshot.name);
            std::this_thread::sleep_for(seconds(1)); // snapshot names are per second
        }
        runtime.destroy(spec.id);
    }
    Command({"umount", (root / "btrfs").string()}).run();
    return 0;
}

} // namespace

int main(int argc, char** argv) {
    return cowl::node::testing::runLxcTestMain<SnapshotStoreTest>(argc, argv, runBench);
}

#include "SnapshotStoreTest.moc"
