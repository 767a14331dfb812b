// SPDX-License-Identifier: GPL-3.0-or-later
#include <QtTest>

#include <algorithm>
#include <chrono>
#include <fstream>
#include <mutex>
#include <thread>

#include "node/containers/Command.h"
#include "node/containers/ContainerRuntime.h"
#include "node/containers/RuntimeError.h"
#include "node/net/ContainerIsolation.h"
#include "node/net/NftContext.h"
#include "tests/node/LxcTestEnvironment.h"

using namespace cowl;
using namespace cowl::node;

namespace {

CreateSpec busybox(const std::string& hostname, bool autostart = false) {
    return CreateSpec{.id = Id::generate(), .hostname = hostname, .source = ContainerTemplate::parse("busybox"),
                      .limits = {}, .autostart = autostart};
}

std::string httpGet(const std::string& address, int port) {
    for (int attempt = 0; attempt < 50; ++attempt) {
        const auto result = Command({"curl", "-sS", "-g", "-m", "2", "http://[" + address + "]:" + std::to_string(port) + "/"}).run();
        if (result.exitCode == 0) {
            return result.output;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return {};
}

const std::vector<std::string> kServeMarker = {
    "/bin/sh", "-c", "mkdir -p /www && echo served-by-$(hostname) > /www/index.html && httpd -p [::]:8080 -h /www"};

} // namespace

class LxcRuntimeTest : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir{"/tmp/cowl-lxc-XXXXXX"};
    std::unique_ptr<ContainerRuntime> m_runtime;
    std::mutex m_eventsMutex;
    std::vector<std::pair<std::string, std::string>> m_events; // id, state

    ContainerRuntime::Options options() {
        return ContainerRuntime::Options{
            .lxcPath = m_dir.path().toStdString() + "/lxc",
            .ula48 = *Ipv6Prefix::parse("fd5e:c0de:1234::/48"),
            .helperCommand = {QCoreApplication::applicationFilePath().toStdString(), "__lxc-helper"},
            .onEvent =
                [this](const ContainerEvent& e) {
                    std::lock_guard lock(m_eventsMutex);
                    m_events.emplace_back(e.id.str(), std::string(toString(e.state)));
                },
        };
    }

    std::vector<std::string> statesOf(const Id& id) {
        std::lock_guard lock(m_eventsMutex);
        std::vector<std::string> states;
        for (const auto& [eventId, state] : m_events) {
            if (eventId == id.str()) {
                states.push_back(state);
            }
        }
        return states;
    }

    // The memory limit in force, read on the host from the container's cgroup.
    long long memoryLimitOf(const Id& id) {
        std::ifstream cgroups("/proc/" + std::to_string(m_runtime->initPid(id)) + "/cgroup");
        std::string line;
        while (std::getline(cgroups, line)) {
            const auto path = line.substr(line.rfind(':') + 1);
            if (line.find(":memory:") != std::string::npos) {
                std::ifstream in("/sys/fs/cgroup/memory" + path + "/memory.limit_in_bytes");
                long long value = -1;
                in >> value;
                return value;
            }
            if (line.starts_with("0::") && std::filesystem::exists("/sys/fs/cgroup/cgroup.controllers")) {
                std::ifstream in("/sys/fs/cgroup" + path + "/memory.max");
                long long value = -1;
                in >> value;
                return value;
            }
        }
        return -1;
    }

private slots:
    void initTestCase() {
        QVERIFY(m_dir.isValid());
        // Root in the containers is an unprivileged uid: it must be able to walk to its rootfs.
        std::filesystem::permissions(m_dir.path().toStdString(), std::filesystem::perms(0755));
        testing::installCleanupOnTerminate(m_dir.path().toStdString() + "/lxc");
        m_runtime = std::make_unique<ContainerRuntime>(options());
    }

    void cleanupTestCase() {
        // Containers of a failed test go too: nothing outlives the run.
        if (m_runtime) {
            for (const auto& container : m_runtime->list()) {
                try {
                    m_runtime->destroy(container.id);
                } catch (const std::exception& e) {
                    qWarning("cleanup of %s: %s", container.id.str().c_str(), e.what());
                }
            }
        }
        m_runtime.reset();
    }

    void lifecycleWithHttpFromHost() {
        const auto spec = busybox("web");
        const auto created = m_runtime->create(spec);
        QCOMPARE(testing::stateName(created.state), testing::stateName(ContainerState::Stopped));
        QVERIFY(created.address.starts_with("fd5e:c0de:1234:1:"));
        QVERIFY(std::filesystem::is_directory(m_runtime->rootfs(spec.id) / "bin"));

        m_runtime->start(spec.id);
        QCOMPARE(testing::stateName(m_runtime->state(spec.id)), testing::stateName(ContainerState::Running));
        QCOMPARE(m_runtime->run(spec.id, kServeMarker), 0);
        const std::string page = httpGet(created.address, 8080);
        if (page.empty()) {
            qWarning("%s", (Command({"ip", "-6", "addr"}).run().output + Command({"ip", "-6", "route"}).run().output).c_str());
            m_runtime->run(spec.id, {"/bin/sh", "-c", "ip -6 addr; ip -6 route; netstat -ltn"});
        }
        QCOMPARE(QString::fromStdString(page), QString("served-by-web\n"));

        // IPv6 only: no IPv4 address inside, a default route via the host side.
        QCOMPARE(m_runtime->run(spec.id, {"/bin/sh", "-c", "ip -4 addr show dev eth0 | grep -q inet"}), 1);
        QCOMPARE(m_runtime->run(spec.id, {"/bin/sh", "-c", "ip -6 route | grep -q 'default via fe80::1'"}), 0);

        m_runtime->restart(spec.id);
        QCOMPARE(testing::stateName(m_runtime->state(spec.id)), testing::stateName(ContainerState::Running));
        m_runtime->stop(spec.id);
        QCOMPARE(testing::stateName(m_runtime->state(spec.id)), testing::stateName(ContainerState::Stopped));
        m_runtime->start(spec.id);
        m_runtime->forceStop(spec.id);
        QCOMPARE(testing::stateName(m_runtime->state(spec.id)), testing::stateName(ContainerState::Stopped));

        m_runtime->destroy(spec.id);
        QVERIFY(!m_runtime->exists(spec.id));
        QVERIFY(!std::filesystem::exists(m_runtime->lxcPath() / spec.id.str()));
        const std::vector<std::string> expected = {"creating", "stopped", "running",  "stopped", "running",
                                                   "stopped",  "running", "stopped",  "deleting", "deleting"};
        QCOMPARE(statesOf(spec.id), expected);
    }

    // Every busybox create after the first clones the cached rootfs instead of
    // running the template: the clone must be a complete container (it starts,
    // serves, has the template's config lines and its own name).
    void templateCacheClonesTheRootfs() {
        const auto first = busybox("first");
        m_runtime->create(first);
        const auto cache = m_runtime->lxcPath() / ".template-cache" / "busybox";
        QVERIFY(std::filesystem::exists(cache / "cache.json"));
        QVERIFY(std::filesystem::exists(cache / "rootfs" / "bin" / "busybox"));
        const auto second = busybox("second");
        const auto info = m_runtime->create(second);
        std::ifstream config(m_runtime->lxcPath() / second.id.str() / "config");
        const std::string text((std::istreambuf_iterator<char>(config)), std::istreambuf_iterator<char>());
        QVERIFY2(text.find("lxc.signal.halt = SIGUSR1") != std::string::npos, text.c_str());
        QVERIFY2(text.find("lxc.uts.name = second") != std::string::npos, text.c_str());
        QVERIFY2(text.find("lxc.idmap = u 0 ") != std::string::npos, text.c_str());
        // No line the node sets itself comes twice (a second idmap would break the start).
        std::size_t idmaps = 0;
        for (std::size_t pos = 0; (pos = text.find("lxc.idmap", pos)) != std::string::npos; ++pos) {
            ++idmaps;
        }
        QCOMPARE(idmaps, std::size_t{2});
        QVERIFY(std::filesystem::exists(m_runtime->rootfs(second.id) / "bin" / "busybox"));
        m_runtime->start(second.id);
        QCOMPARE(m_runtime->run(second.id, kServeMarker), 0);
        QCOMPARE(httpGet(info.address, 8080), std::string("served-by-second\n"));
        m_runtime->destroy(second.id);
        m_runtime->destroy(first.id);
        QVERIFY(std::filesystem::exists(cache / "cache.json")); // the cache outlives its containers
    }

    void badInputChangesNothing() {
        const auto countBefore = std::distance(std::filesystem::directory_iterator(m_runtime->lxcPath()), {});
        auto expectInvalid = [this](CreateSpec spec, const std::string& field) {
            try {
                m_runtime->create(spec);
                QFAIL("create accepted bad input");
            } catch (const RuntimeError& e) {
                QVERIFY(e.kind() == RuntimeError::Kind::InvalidInput);
                QCOMPARE(e.field(), field);
                QVERIFY(!m_runtime->exists(spec.id));
            }
        };
        expectInvalid(busybox("Bad_Name"), "name");
        expectInvalid(busybox("-x"), "name");
        expectInvalid(busybox(""), "name");
        auto tooLittle = busybox("ok");
        tooLittle.limits.memoryMb = 1;
        expectInvalid(tooLittle, "limits.memory_mb");
        auto tooMany = busybox("ok");
        tooMany.limits.cpus = 0;
        expectInvalid(tooMany, "limits.cpus");
        for (const char* bad : {"centos", "debian:Bookworm!", "tarball:relative.tar", "tarball:/nonexistent.tar"}) {
            try {
                ContainerTemplate::parse(bad);
                QFAIL(bad);
            } catch (const RuntimeError& e) {
                QVERIFY(e.kind() == RuntimeError::Kind::InvalidInput);
                QCOMPARE(e.field(), std::string("template"));
            }
        }
        const auto unknown = Id::generate();
        for (auto action : {&ContainerRuntime::start, &ContainerRuntime::stop, &ContainerRuntime::destroy}) {
            try {
                (m_runtime.get()->*action)(unknown);
                QFAIL("acted on an unknown container");
            } catch (const RuntimeError& e) {
                QVERIFY(e.kind() == RuntimeError::Kind::NotFound);
            }
        }
        QCOMPARE(std::distance(std::filesystem::directory_iterator(m_runtime->lxcPath()), {}), countBefore);

        const auto spec = busybox("twice");
        m_runtime->create(spec);
        try {
            m_runtime->create(spec);
            QFAIL("created the same id twice");
        } catch (const RuntimeError& e) {
            QVERIFY(e.kind() == RuntimeError::Kind::Conflict);
        }
        QCOMPARE(testing::stateName(m_runtime->state(spec.id)), testing::stateName(ContainerState::Stopped));
        m_runtime->destroy(spec.id);
    }

    void containersAreIsolatedFromEachOther() {
        const auto a = busybox("alpha");
        const auto b = busybox("beta");
        const auto infoA = m_runtime->create(a);
        const auto infoB = m_runtime->create(b);
        m_runtime->start(a.id);
        m_runtime->start(b.id);
        QCOMPARE(m_runtime->run(b.id, kServeMarker), 0);
        QCOMPARE(m_runtime->run(b.id, {"/bin/sh", "-c", "echo beta-secret > /root/secret; sleep 7777 >/dev/null 2>&1 &"}), 0);

        // Processes: beta sees its marker process, alpha does not.
        const std::vector<std::string> findMarker = {"/bin/sh", "-c", "ps | grep -v grep | grep -q \"sleep 7777\""};
        QCOMPARE(m_runtime->run(b.id, findMarker), 0);
        QCOMPARE(m_runtime->run(a.id, findMarker), 1);
        // Files: beta's file is not in alpha's root.
        QCOMPARE(m_runtime->run(b.id, {"/bin/sh", "-c", "grep -q beta-secret /root/secret"}), 0);
        QCOMPARE(m_runtime->run(a.id, {"/bin/sh", "-c", "test -e /root/secret"}), 1);

        // Network: the host reaches beta, alpha does not, because of the isolation rule:
        // with the rule gone (forwarding is on here), alpha would get through.
        QCOMPARE(httpGet(infoB.address, 8080), std::string("served-by-beta\n"));
        const std::vector<std::string> fetchBeta = {"/bin/sh", "-c",
                                                    "printf 'GET / HTTP/1.0\\r\\n\\r\\n' | nc -w 2 " + infoB.address + " 8080 | grep -q served-by-beta"};
        QVERIFY(m_runtime->run(a.id, fetchBeta) != 0);
        NftContext nft;
        nft.run(std::string("delete chain inet ") + ContainerIsolation::kTable + " " + ContainerIsolation::kChain);
        QCOMPARE(m_runtime->run(a.id, fetchBeta), 0);
        ContainerIsolation(nft).apply();
        QVERIFY(m_runtime->run(a.id, fetchBeta) != 0);
        const std::string listing = nft.run("list chain inet cowl container_isolation");
        QVERIFY2(listing.find("iifname \"cowl*\" oifname \"cowl*\"") != std::string::npos, listing.c_str());

        m_runtime->destroy(a.id);
        m_runtime->destroy(b.id);
    }

    void confinementAndLimits() {
        auto spec = busybox("confined");
        spec.limits = ContainerLimits{.memoryMb = 96, .cpus = 0.5};
        m_runtime->create(spec);
        m_runtime->start(spec.id);
        auto shell = [&](const std::string& script) { return m_runtime->run(spec.id, {"/bin/sh", "-c", script}); };
        // User namespace: root inside is uid 1000000 outside.
        QCOMPARE(shell("grep -Eq '^ +0 +1000000 +65536' /proc/self/uid_map"), 0);
        // Seccomp filter in force.
        QCOMPARE(shell("grep -Eq '^Seccomp:[[:space:]]+2' /proc/self/status"), 0);
        // Dropped capabilities: sys_rawio(17) sys_module(16) sys_time(25) mac_override(32) mac_admin(33).
        for (int bit : {16, 17, 25, 32, 33}) {
            const std::string test = "cap=$(grep CapBnd /proc/self/status | awk '{print $2}'); "
                                     "[ $(( (0x$cap >> " + std::to_string(bit) + ") & 1 )) -eq 0 ]";
            QVERIFY2(shell(test) == 0, std::to_string(bit).c_str());
        }
        QCOMPARE(shell("mknod /dev/cowl-mem c 1 1"), 1);
        // Limits as set, then changed on the running container.
        QCOMPARE(memoryLimitOf(spec.id), 96LL * 1024 * 1024);
        m_runtime->update(spec.id, ContainerLimits{.memoryMb = 128, .cpus = 2}, true);
        QCOMPARE(memoryLimitOf(spec.id), 128LL * 1024 * 1024);
        try {
            m_runtime->update(spec.id, ContainerLimits{.memoryMb = 128, .cpus = 5000}, true);
            QFAIL("accepted 5000 CPUs");
        } catch (const RuntimeError& e) {
            QCOMPARE(e.field(), std::string("limits.cpus"));
        }
        QCOMPARE(m_runtime->info(spec.id).limits.cpus, 2.0);
        m_runtime->destroy(spec.id);
    }

    void aNewRuntimeFindsContainersAndAutostarts() {
        const auto keep = busybox("keeper", true);
        const auto idle = busybox("idle", false);
        m_runtime->create(keep);
        m_runtime->create(idle);
        {
            ContainerRuntime second(options());
            QCOMPARE(second.list().size(), m_runtime->list().size());
            QCOMPARE(second.info(keep.id).hostname, std::string("keeper"));
            QVERIFY(second.startAutostart().empty());
            QCOMPARE(testing::stateName(second.state(keep.id)), testing::stateName(ContainerState::Running));
            QCOMPARE(testing::stateName(second.state(idle.id)), testing::stateName(ContainerState::Stopped));
        }
        m_runtime->destroy(keep.id);
        m_runtime->destroy(idle.id);
    }
};

namespace {

// `node_LxcRuntimeTest bench`, run by tests/bench/container_start.sh: create +
// start of a busybox container until its HTTP server answers the host, 10 times.
int runBench(const std::filesystem::path& helper) {
    using Ms = std::chrono::duration<double, std::milli>;
    QTemporaryDir dir("/tmp/cowl-startbench-XXXXXX");
    std::filesystem::permissions(dir.path().toStdString(), std::filesystem::perms(0755));
    const auto lxcPath = std::filesystem::path(dir.path().toStdString()) / "lxc";
    testing::installCleanupOnTerminate(lxcPath);
    ContainerRuntime runtime(ContainerRuntime::Options{
        .lxcPath = lxcPath, .ula48 = *Ipv6Prefix::parse("fd5e:c0de:def0::/48"), .helperCommand = {helper.string(), "__lxc-helper"}, .onEvent = {}});
    std::vector<double> totals, creates, starts;
    {
        // The first busybox create runs the template and fills the node's template cache; every later one clones it.
        const auto spec = busybox("warmup");
        const auto t0 = std::chrono::steady_clock::now();
        runtime.create(spec);
        std::printf("first create (runs the template, fills the cache): %.1f ms\n",
                    Ms(std::chrono::steady_clock::now() - t0).count());
        runtime.destroy(spec.id);
    }
    std::printf("%-4s %10s %10s %14s\n", "run", "create_ms", "start_ms", "http_ready_ms");
    for (int i = 0; i < 10; ++i) {
        const auto spec = busybox("bench");
        const auto t0 = std::chrono::steady_clock::now();
        const auto info = runtime.create(spec);
        const auto t1 = std::chrono::steady_clock::now();
        runtime.start(spec.id);
        const auto t2 = std::chrono::steady_clock::now();
        runtime.run(spec.id, kServeMarker);
        std::string page;
        while (page.empty()) {
            page = Command({"curl", "-sS", "-g", "-m", "1", "http://[" + info.address + "]:8080/"}).run().exitCode == 0 ? "ok" : "";
        }
        const auto t3 = std::chrono::steady_clock::now();
        creates.push_back(Ms(t1 - t0).count());
        starts.push_back(Ms(t2 - t1).count());
        totals.push_back(Ms(t3 - t0).count());
        std::printf("%-4d %10.1f %10.1f %14.1f\n", i + 1, creates.back(), starts.back(), totals.back());
        runtime.destroy(spec.id);
    }
    for (auto* series : {&creates, &starts, &totals}) {
        std::sort(series->begin(), series->end());
    }
    auto median = [](const std::vector<double>& v) { return (v[4] + v[5]) / 2; };
    std::printf("median %9.1f %10.1f %14.1f   (target: http_ready < 1000 ms)\n", median(creates), median(starts),
                median(totals));
    return 0;
}

} // namespace

int main(int argc, char** argv) {
    return cowl::node::testing::runLxcTestMain<LxcRuntimeTest>(argc, argv, runBench);
}

#include "LxcRuntimeTest.moc"
