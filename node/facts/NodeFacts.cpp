// SPDX-License-Identifier: GPL-3.0-or-later
#include "node/facts/NodeFacts.h"

namespace cowl::node {

ServerFacts asServerFacts(const NodeFacts& facts) {
    ServerFacts out;
    out.hostname = facts.hostname;
    out.kernel = facts.kernel;
    out.architecture = facts.architecture;
    out.cpuModel = facts.cpuModel;
    out.cpuCount = facts.cpuCount;
    out.memoryTotalBytes = facts.memoryTotalBytes;
    out.memoryAvailableBytes = facts.memoryAvailableBytes;
    out.disks.emplace();
    for (const auto& disk : facts.disks) {
        out.disks->push_back(DiskFacts{disk.name, disk.sizeBytes, disk.model, disk.luks});
    }
    out.swap.emplace();
    for (const auto& s : facts.swap) {
        out.swap->push_back(SwapFacts{s.path, s.sizeBytes, s.encrypted});
    }
    out.swapEncrypted = facts.swapEncrypted;
    out.storage = StorageFacts{facts.storageBackend, facts.storagePath, facts.storageFreeBytes,
                               facts.storageTotalBytes, facts.snapshotsCopyOnWrite ? "copy-on-write" : "full-copy"};
    out.versions = {{"lxc", facts.lxcVersion}, {"nftables", facts.nftablesVersion}};
    out.containers = ContainerCounts{facts.containers.total, facts.containers.running, facts.containers.stopped,
                                     facts.containers.failed};
    return out;
}

} // namespace cowl::node
