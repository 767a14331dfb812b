// SPDX-License-Identifier: GPL-3.0-or-later
#include "node/containers/LxcConfig.h"

#include <cmath>

namespace cowl::node {

LxcHostProfile LxcHostProfile::detect(const std::filesystem::path& seccompProfile) {
    std::error_code ec;
    LxcHostProfile host;
    host.cgroupV2 = std::filesystem::exists("/sys/fs/cgroup/cgroup.controllers", ec);
    host.apparmor = std::filesystem::exists("/sys/kernel/security/apparmor/profiles", ec);
    host.seccompProfile = seccompProfile;
    return host;
}

LxcConfig::Items LxcConfig::forContainer(const CreateSpec& spec, const ContainerNetworkPlan& network,
                                         const LxcHostProfile& host, const std::filesystem::path& logFile) {
    const std::string idmap = std::to_string(host.idmapBase) + " " + std::to_string(host.idmapSize);
    Items items = {
        {"lxc.uts.name", spec.hostname},
        {"lxc.log.file", logFile.string()},
        {"lxc.log.level", "WARN"},
        // A user namespace on top of the default set (mnt, pid, uts, ipc, net, cgroup):
        // root in the container is an unprivileged uid on the host.
        {"lxc.idmap", "u 0 " + idmap},
        {"lxc.idmap", "g 0 " + idmap},
        {"lxc.cap.drop", "sys_module sys_time mac_admin mac_override sys_rawio sys_boot sys_pacct "
                         "syslog wake_alarm block_suspend audit_control"},
        {"lxc.seccomp.profile", host.seccompProfile.string()},
        {"lxc.apparmor.profile", host.apparmor ? "generated" : "unconfined"},
        {"lxc.autodev", "1"},
        {"lxc.tty.max", "2"},
        {"lxc.pty.max", "64"},
        // One routed veth, no bridge. The host side owns fe80::1 (added at start)
        // and a /128 route to the container; the container's default route goes there.
        {"lxc.net.0.type", "veth"},
        {"lxc.net.0.veth.pair", network.hostInterface},
        {"lxc.net.0.name", "eth0"},
        {"lxc.net.0.flags", "up"},
        {"lxc.net.0.ipv6.address", network.address + "/128"},
        {"lxc.net.0.ipv6.gateway", ContainerNetworkPlan::kGateway},
        {"lxc.net.0.veth.ipv6.route", network.address + "/128"},
        {"lxc.start.auto", "0"}, // autostart is the node's business, not lxc-autostart's
    };
    for (auto& item : forLimits(spec.limits, host)) {
        items.push_back(std::move(item));
    }
    return items;
}

LxcConfig::Items LxcConfig::forLimits(const ContainerLimits& limits, const LxcHostProfile& host) {
    const long long memoryBytes = static_cast<long long>(limits.memoryMb) * 1024 * 1024;
    const long long period = 100000;
    const long long quota = std::llround(limits.cpus * static_cast<double>(period));
    if (host.cgroupV2) {
        return {
            {"lxc.cgroup2.memory.max", std::to_string(memoryBytes)},
            {"lxc.cgroup2.memory.swap.max", "0"},
            {"lxc.cgroup2.cpu.max", std::to_string(quota) + " " + std::to_string(period)},
            {"lxc.cgroup2.pids.max", "4096"},
        };
    }
    return {
        {"lxc.cgroup.memory.limit_in_bytes", std::to_string(memoryBytes)},
        {"lxc.cgroup.cpu.cfs_period_us", std::to_string(period)},
        {"lxc.cgroup.cpu.cfs_quota_us", std::to_string(quota)},
        {"lxc.cgroup.pids.max", "4096"},
    };
}

std::string LxcConfig::seccompDenyList() {
    // What a container never needs and an escape often does: kernel modules,
    // kexec, handle-based opens, the kernel keyring, BPF and perf.
    return "2\n"
           "denylist\n"
           "reject_force_umount\n"
           "[all]\n"
           "kexec_load errno 1\n"
           "kexec_file_load errno 1\n"
           "open_by_handle_at errno 1\n"
           "init_module errno 1\n"
           "finit_module errno 1\n"
           "delete_module errno 1\n"
           "keyctl errno 38\n"
           "add_key errno 38\n"
           "request_key errno 38\n"
           "bpf errno 1\n"
           "perf_event_open errno 1\n"
           "userfaultfd errno 1\n"
           "swapon errno 1\n"
           "swapoff errno 1\n"
           "acct errno 1\n"
           "quotactl errno 1\n";
}

} // namespace cowl::node
