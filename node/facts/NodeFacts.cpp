// SPDX-License-Identifier: GPL-3.0-or-later
#include "node/facts/NodeFacts.h"

namespace cowl::node {

void to_json(nlohmann::json& j, const NodeFacts& facts) {
    nlohmann::json disks = nlohmann::json::array();
    for (const auto& disk : facts.disks) {
        disks.push_back({{"name", disk.name}, {"size_bytes", disk.sizeBytes}, {"model", disk.model}, {"luks", disk.luks}});
    }
    nlohmann::json swap = nlohmann::json::array();
    for (const auto& s : facts.swap) {
        swap.push_back({{"path", s.path}, {"size_bytes", s.sizeBytes}, {"encrypted", s.encrypted}});
    }
    j = {{"hostname", facts.hostname},
         {"kernel", facts.kernel},
         {"architecture", facts.architecture},
         {"cpu", {{"model", facts.cpuModel}, {"count", facts.cpuCount}}},
         {"memory", {{"total_bytes", facts.memoryTotalBytes}, {"available_bytes", facts.memoryAvailableBytes}}},
         {"disks", disks},
         {"swap", swap},
         {"swap_encrypted", facts.swapEncrypted ? nlohmann::json(*facts.swapEncrypted) : nlohmann::json(nullptr)},
         {"storage",
          {{"backend", facts.storageBackend},
           {"path", facts.storagePath},
           {"free_bytes", facts.storageFreeBytes},
           {"total_bytes", facts.storageTotalBytes},
           {"snapshots", facts.snapshotsCopyOnWrite ? "copy-on-write" : "full-copy"}}},
         {"versions", {{"lxc", facts.lxcVersion}, {"nftables", facts.nftablesVersion}}},
         {"containers",
          {{"total", facts.containers.total},
           {"running", facts.containers.running},
           {"stopped", facts.containers.stopped},
           {"failed", facts.containers.failed}}}};
}

} // namespace cowl::node
