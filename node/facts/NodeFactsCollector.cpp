// SPDX-License-Identifier: GPL-3.0-or-later
#include "node/facts/NodeFactsCollector.h"

#include <fstream>
#include <lxc/lxccontainer.h>
#include <sstream>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <sys/sysmacros.h>
#include <sys/utsname.h>
#include <thread>
#include <unistd.h>

#include "node/containers/Command.h"
#include "node/containers/ContainerRuntime.h"
#include "node/containers/BtrfsVolume.h"

namespace cowl::node {

namespace {

namespace fs = std::filesystem;

std::string readFirstLine(const fs::path& path) {
    std::ifstream in(path);
    std::string line;
    std::getline(in, line);
    while (!line.empty() && (line.back() == ' ' || line.back() == '\n')) {
        line.pop_back();
    }
    return line;
}

std::uint64_t readNumber(const fs::path& path) {
    try {
        return std::stoull(readFirstLine(path));
    } catch (const std::exception&) {
        return 0;
    }
}

bool isCryptMapping(const fs::path& device) { return readFirstLine(device / "dm/uuid").starts_with("CRYPT-"); }

// Does some chain of holders above this device end in dm-crypt? (disk
// partition -> LUKS mapping, or partition -> LVM -> … is not enough: only a
// crypt holder counts.)
bool hasCryptHolder(const fs::path& sysRoot, const fs::path& device, int depth = 0) {
    std::error_code ec;
    if (depth > 8 || !fs::is_directory(device / "holders", ec)) {
        return false;
    }
    for (const auto& holder : fs::directory_iterator(device / "holders", ec)) {
        const auto holderDir = sysRoot / "block" / holder.path().filename();
        if (isCryptMapping(holderDir) || hasCryptHolder(sysRoot, holderDir, depth + 1)) {
            return true;
        }
    }
    return false;
}

std::string nftablesVersion() {
    const auto result = Command({"nft", "--version"}).run();
    if (result.exitCode != 0) {
        return "";
    }
    // "nftables v1.0.6 (Lester Gooch #5)"
    const auto v = result.output.find(" v");
    if (v == std::string::npos) {
        return "";
    }
    const auto end = result.output.find_first_of(" \n", v + 2);
    return result.output.substr(v + 2, end - v - 2);
}

} // namespace

bool NodeFactsCollector::isEncrypted(const fs::path& device) {
    if (isCryptMapping(device)) {
        return true;
    }
    std::error_code ec;
    bool any = false;
    for (const auto& slave : fs::directory_iterator(device / "slaves", ec)) {
        any = true;
        if (!isEncrypted(fs::canonical(slave.path(), ec))) {
            return false;
        }
    }
    return any;
}

void NodeFactsCollector::collectDisks(NodeFacts& facts) const {
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(m_options.sysRoot / "block", ec)) {
        const std::string name = entry.path().filename().string();
        if (name.starts_with("loop") || name.starts_with("ram") || name.starts_with("dm-") ||
            name.starts_with("zram") || name.starts_with("sr") || name.starts_with("md")) {
            continue;
        }
        NodeFacts::Disk disk;
        disk.name = name;
        disk.sizeBytes = readNumber(entry.path() / "size") * 512;
        disk.model = readFirstLine(entry.path() / "device/model");
        // The parts that can hold data: the partitions, or the whole disk when it has none.
        std::vector<fs::path> parts;
        for (const auto& child : fs::directory_iterator(entry.path(), ec)) {
            if (fs::exists(child.path() / "partition", ec)) {
                parts.push_back(child.path());
            }
        }
        if (parts.empty()) {
            parts.push_back(entry.path());
        }
        int encrypted = 0;
        for (const auto& part : parts) {
            encrypted += hasCryptHolder(m_options.sysRoot, part) ? 1 : 0;
        }
        disk.luks = encrypted == 0 ? "none" : encrypted == static_cast<int>(parts.size()) ? "full" : "partial";
        facts.disks.push_back(std::move(disk));
    }
}

void NodeFactsCollector::collectSwap(NodeFacts& facts) const {
    std::ifstream in(m_options.procRoot / "swaps");
    std::string line;
    std::getline(in, line); // header
    while (std::getline(in, line)) {
        std::istringstream fields(line);
        NodeFacts::Swap swap;
        std::string type;
        std::uint64_t sizeKb = 0;
        fields >> swap.path >> type >> sizeKb;
        if (swap.path.empty()) {
            continue;
        }
        swap.sizeBytes = sizeKb * 1024;
        // A swap partition is its own device; a swap file lives on its filesystem's device.
        struct stat st {};
        if (stat(swap.path.c_str(), &st) == 0) {
            const dev_t dev = S_ISBLK(st.st_mode) ? st.st_rdev : st.st_dev;
            const auto sysDevice = m_options.sysRoot / "dev/block" /
                                   (std::to_string(major(dev)) + ":" + std::to_string(minor(dev)));
            std::error_code ec;
            swap.encrypted = isEncrypted(fs::canonical(sysDevice, ec));
        }
        facts.swap.push_back(std::move(swap));
    }
    if (!facts.swap.empty()) {
        bool all = true;
        for (const auto& s : facts.swap) {
            all = all && s.encrypted;
        }
        facts.swapEncrypted = all;
    }
}

NodeFacts NodeFactsCollector::collect() const {
    NodeFacts facts;
    char host[256] = {};
    gethostname(host, sizeof host - 1);
    facts.hostname = host;
    utsname uts {};
    if (uname(&uts) == 0) {
        facts.kernel = uts.release;
        facts.architecture = uts.machine;
    }
    {
        std::ifstream cpuinfo(m_options.procRoot / "cpuinfo");
        std::string line;
        while (std::getline(cpuinfo, line)) {
            if (line.starts_with("processor")) {
                ++facts.cpuCount;
            } else if (facts.cpuModel.empty() && line.starts_with("model name")) {
                facts.cpuModel = line.substr(line.find(':') + 2);
            }
        }
    }
    {
        std::ifstream meminfo(m_options.procRoot / "meminfo");
        std::string key;
        std::uint64_t value = 0;
        std::string unit;
        while (meminfo >> key >> value >> unit) {
            if (key == "MemTotal:") {
                facts.memoryTotalBytes = value * 1024;
            } else if (key == "MemAvailable:") {
                facts.memoryAvailableBytes = value * 1024;
            }
        }
    }
    collectDisks(facts);
    collectSwap(facts);

    facts.storagePath = m_options.storagePath.string();
    struct statvfs vfs {};
    if (statvfs(m_options.storagePath.c_str(), &vfs) == 0) {
        facts.storageFreeBytes = static_cast<std::uint64_t>(vfs.f_bavail) * vfs.f_frsize;
        facts.storageTotalBytes = static_cast<std::uint64_t>(vfs.f_blocks) * vfs.f_frsize;
    }
    facts.snapshotsCopyOnWrite = BtrfsVolume::isBtrfs(m_options.storagePath);
    facts.storageBackend = facts.snapshotsCopyOnWrite ? "btrfs" : "dir";
    facts.lxcVersion = lxc_get_version();
    facts.nftablesVersion = nftablesVersion();
    if (m_options.runtime) {
        for (const auto& container : m_options.runtime->list()) {
            ++facts.containers.total;
            switch (container.state) {
            case ContainerState::Running:
                ++facts.containers.running;
                break;
            case ContainerState::Failed:
                ++facts.containers.failed;
                break;
            default:
                ++facts.containers.stopped;
                break;
            }
        }
    }
    return facts;
}

} // namespace cowl::node
