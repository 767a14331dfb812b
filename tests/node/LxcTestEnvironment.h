// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdio>
#include <cstdlib>
#include <exception>
#include <filesystem>
#include <fstream>
#include <sched.h>
#include <string>
#include <string_view>
#include <sys/mount.h>
#include <unistd.h>

#include <QtTest>

#include "node/containers/Command.h"
#include "node/containers/ContainerSpec.h"
#include "node/containers/RuntimeError.h"
#include "node/containers/LxcHelperMain.h"

// Shared by the LXC tests: each test binary re-executes itself as the LXC
// helper, and before anything else moves into a network and mount namespace of
// its own, so containers, veths, nft tables, loop mounts and the subuid lines
// the runtime adds never reach the host.
namespace cowl::node::testing {

inline bool enterPrivateNamespaces() {
    if (unshare(CLONE_NEWNET | CLONE_NEWNS) != 0) {
        std::perror("unshare (LXC tests run as root)");
        return false;
    }
    if (mount(nullptr, "/", nullptr, MS_REC | MS_PRIVATE, nullptr) != 0) {
        std::perror("make / private");
        return false;
    }
    Command({"ip", "link", "set", "lo", "up"}).run();
    // Forwarding is on in this namespace so that a missing isolation rule would
    // show: containers could then reach each other through the host.
    std::ofstream("/proc/sys/net/ipv6/conf/all/forwarding") << "1\n";
    // The runtime adds its id range to /etc/subuid and /etc/subgid: here it
    // writes to private copies, bind-mounted over the real files in this mount
    // namespace only, and unlinked at once (the mounts keep them alive).
    const std::filesystem::path scratch =
        std::filesystem::temp_directory_path() / ("cowl-lxc-test-subid-" + std::to_string(getpid()));
    std::filesystem::create_directories(scratch);
    for (const char* file : {"/etc/subuid", "/etc/subgid"}) {
        const auto copy = scratch / std::filesystem::path(file).filename();
        std::error_code ec;
        std::filesystem::copy_file(file, copy, std::filesystem::copy_options::overwrite_existing, ec);
        if (ec) {
            std::ofstream(copy, std::ios::trunc).flush();
        }
        if (std::filesystem::exists(file)) {
            mount(copy.c_str(), file, nullptr, MS_BIND, nullptr);
        }
    }
    std::error_code ec;
    std::filesystem::remove_all(scratch, ec);
    return true;
}

// Containers of a test that died half-way (an uncaught exception ends a Qt
// test run with std::terminate) are stopped and removed before the process goes.
inline std::filesystem::path& lxcPathToClean() {
    static std::filesystem::path path;
    return path;
}

inline void destroyLeftoverContainers() {
    std::error_code ec;
    const auto path = lxcPathToClean();
    if (path.empty() || !std::filesystem::is_directory(path, ec)) {
        return;
    }
    for (const auto& entry : std::filesystem::directory_iterator(path, ec)) {
        if (entry.is_directory()) {
            const std::string name = entry.path().filename().string();
            Command({"lxc-stop", "-k", "-P", path.string(), "-n", name}).run();
            Command({"lxc-destroy", "-f", "-P", path.string(), "-n", name}).run();
        }
    }
}

inline void installCleanupOnTerminate(const std::filesystem::path& lxcPath) {
    lxcPathToClean() = lxcPath;
    std::set_terminate([] {
        if (const auto current = std::current_exception()) {
            try {
                std::rethrow_exception(current);
            } catch (const std::exception& e) {
                std::fprintf(stderr, "uncaught exception: %s\n", e.what());
            } catch (...) {
            }
        }
        destroyLeftoverContainers();
        std::abort();
    });
}

// For main(): returns true and sets `status` when this process is the helper.
inline bool runAsHelper(int argc, char** argv, int& status) {
    if (argc > 1 && std::string_view(argv[1]) == "__lxc-helper") {
        status = runLxcHelper(3);
        return true;
    }
    return false;
}

} // namespace cowl::node::testing

namespace cowl::node::testing {
inline QString stateName(ContainerState state) { return QString::fromUtf8(std::string(toString(state)).c_str()); }
// The main() of every LXC test: the same binary is also the liblxc helper
// (`__lxc-helper`) and, with `bench`, a benchmark instead of the Qt test run.
template <class TestClass>
int runLxcTestMain(int argc, char** argv, int (*bench)(const std::filesystem::path& helper)) {
    int status = 0;
    if (runAsHelper(argc, argv, status)) {
        return status;
    }
    if (!enterPrivateNamespaces()) {
        return 2;
    }
    if (argc > 1 && std::string_view(argv[1]) == "bench") {
        return bench(std::filesystem::canonical("/proc/self/exe"));
    }
    QCoreApplication app(argc, argv);
    TestClass test;
    return QTest::qExec(&test, argc, argv);
}

} // namespace cowl::node::testing
