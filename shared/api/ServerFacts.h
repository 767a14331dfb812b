// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace cowl {

// GET /api/v1/node (docs/api.md "Node"): the node writes it, the console reads
// it leniently: a node that does not report a fact yet leaves it empty (or
// nullopt), and the facts page says "not reported" instead of guessing.
struct DiskFacts {
    std::string name;
    std::optional<std::uint64_t> sizeBytes;
    std::string model;
    std::string luks; // full, partial, none

    bool operator==(const DiskFacts&) const = default;
};

struct SwapFacts {
    std::string path;
    std::optional<std::uint64_t> sizeBytes;
    bool encrypted = false;

    bool operator==(const SwapFacts&) const = default;
};

struct StorageFacts {
    std::string backend; // btrfs, dir
    std::string path;
    std::optional<std::uint64_t> freeBytes;
    std::optional<std::uint64_t> totalBytes;
    std::string snapshots; // copy-on-write, full-copy

    bool fullCopySnapshots() const { return snapshots == "full-copy"; }
    bool operator==(const StorageFacts&) const = default;
};

struct ContainerCounts {
    int total = 0;
    int running = 0;
    int stopped = 0;
    int failed = 0;

    bool operator==(const ContainerCounts&) const = default;
};

struct ServerFacts {
    std::string name;
    std::string domain;
    std::string version;
    std::string fingerprint;
    std::string hostname;
    std::string kernel;
    std::string architecture;
    std::string cpuModel;
    std::optional<int> cpuCount;
    std::optional<std::uint64_t> memoryTotalBytes;
    std::optional<std::uint64_t> memoryAvailableBytes;
    std::optional<std::vector<DiskFacts>> disks;
    std::optional<std::vector<SwapFacts>> swap;
    // null on the wire when the server has no swap; absent when not reported.
    std::optional<bool> swapEncrypted;
    std::optional<StorageFacts> storage;
    std::map<std::string, std::string> versions;
    std::optional<ContainerCounts> containers;

    bool operator==(const ServerFacts&) const = default;
};

void to_json(nlohmann::json& j, const DiskFacts& d);
void from_json(const nlohmann::json& j, DiskFacts& d);
void to_json(nlohmann::json& j, const SwapFacts& s);
void from_json(const nlohmann::json& j, SwapFacts& s);
void to_json(nlohmann::json& j, const StorageFacts& s);
void from_json(const nlohmann::json& j, StorageFacts& s);
void to_json(nlohmann::json& j, const ContainerCounts& c);
void from_json(const nlohmann::json& j, ContainerCounts& c);
// What is not reported (nullopt, an empty versions map) is left out; a
// reported swap list comes with "swap_encrypted" (null when there is no swap).
void to_json(nlohmann::json& j, const ServerFacts& f);
void from_json(const nlohmann::json& j, ServerFacts& f);

} // namespace cowl
