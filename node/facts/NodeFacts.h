// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "shared/api/ServerFacts.h"

namespace cowl::node {

// What the node reports about its own server (GET /api/v1/node). Layer
// "bare metal" of the security model: the operator sees at a glance whether
// disks and swap are encrypted.
struct NodeFacts {
    struct Disk {
        std::string name; // "vda", "nvme0n1"
        std::uint64_t sizeBytes = 0;
        std::string model;
        std::string luks; // "full" (every partition under dm-crypt), "partial", "none"
    };
    struct Swap {
        std::string path;
        std::uint64_t sizeBytes = 0;
        bool encrypted = false;
    };
    struct Containers {
        int total = 0, running = 0, stopped = 0, failed = 0;
    };

    std::string hostname;
    std::string kernel;  // uname -r
    std::string architecture; // uname -m
    std::string cpuModel;
    int cpuCount = 0;
    std::uint64_t memoryTotalBytes = 0;
    std::uint64_t memoryAvailableBytes = 0;
    std::vector<Disk> disks;
    std::vector<Swap> swap;
    std::optional<bool> swapEncrypted; // none when there is no swap
    std::string storageBackend;        // "btrfs" or "dir"
    std::string storagePath;
    std::uint64_t storageFreeBytes = 0;
    std::uint64_t storageTotalBytes = 0;
    bool snapshotsCopyOnWrite = false;
    std::string lxcVersion;
    std::string nftablesVersion;
    Containers containers;
};

// The wire form (GET /api/v1/node) of what was collected; identity (name,
// domain, version, fingerprint) is the API's to fill in.
ServerFacts asServerFacts(const NodeFacts& facts);

} // namespace cowl::node
