// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sched.h>
#include <string>
#include <string_view>
#include <sys/mount.h>

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
    const std::filesystem::path scratch = std::filesystem::temp_directory_path() / "cowl-lxc-test-subid";
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
    return true;
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

namespace QTest {
template <> inline char* toString(const cowl::node::ContainerState& state) {
    return qstrdup(std::string(cowl::node::toString(state)).c_str());
}
template <> inline char* toString(const cowl::node::RuntimeError::Kind& kind) {
    return qstrdup(std::to_string(static_cast<int>(kind)).c_str());
}
template <> inline char* toString(const std::string& text) { return qstrdup(text.c_str()); }
} // namespace QTest
