// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <filesystem>

namespace cowl::node {

// liblxc maps container ids through newuidmap/newgidmap, which only allow
// ranges listed for root in /etc/subuid and /etc/subgid. The node makes sure
// its range is there (appending one line, as `usermod --add-subuids` would).
class SubordinateIds {
public:
    static void ensure(unsigned base, unsigned size, const std::filesystem::path& subuid = "/etc/subuid",
                       const std::filesystem::path& subgid = "/etc/subgid");
};

} // namespace cowl::node
