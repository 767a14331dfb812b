// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include "node/containers/ContainerSpec.h"
#include "node/net/ContainerNetworkPlan.h"

namespace cowl::node {

// Facts about the host that change how a container's config is written.
struct LxcHostProfile {
    bool cgroupV2 = true;
    bool apparmor = false;
    std::filesystem::path seccompProfile;
    unsigned idmapBase = 1000000; // container root = this uid/gid on the host
    unsigned idmapSize = 65536;

    static LxcHostProfile detect(const std::filesystem::path& seccompProfile);
};

// Every lxc.* key of a Cowl container, written by us rather than inherited
// from /etc/lxc/default.conf (which links to a bridge that need not exist).
class LxcConfig {
public:
    using Items = std::vector<std::pair<std::string, std::string>>;

    static Items forContainer(const CreateSpec& spec, const ContainerNetworkPlan& network,
                              const LxcHostProfile& host, const std::filesystem::path& logFile);
    static Items forLimits(const ContainerLimits& limits, const LxcHostProfile& host);

    // The seccomp deny-list every container gets (LXC's v2 text format).
    static std::string seccompDenyList();
};

} // namespace cowl::node
