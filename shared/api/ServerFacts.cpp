// SPDX-License-Identifier: GPL-3.0-or-later
#include "shared/api/ServerFacts.h"

namespace cowl {

namespace {

std::string text(const nlohmann::json& j, const char* key) {
    return j.contains(key) && j[key].is_string() ? j[key].get<std::string>() : std::string();
}

std::optional<std::uint64_t> bytes(const nlohmann::json& j, const char* key) {
    if (j.contains(key) && j[key].is_number_unsigned()) {
        return j[key].get<std::uint64_t>();
    }
    if (j.contains(key) && j[key].is_number_integer() && j[key].get<std::int64_t>() >= 0) {
        return static_cast<std::uint64_t>(j[key].get<std::int64_t>());
    }
    return std::nullopt;
}

int count(const nlohmann::json& j, const char* key) {
    return j.contains(key) && j[key].is_number_integer() ? j[key].get<int>() : 0;
}

template <typename T>
std::optional<std::vector<T>> listOf(const nlohmann::json& j, const char* key) {
    if (!j.contains(key) || !j[key].is_array()) {
        return std::nullopt;
    }
    std::vector<T> items;
    for (const auto& item : j[key]) {
        if (item.is_object()) {
            items.push_back(item.get<T>());
        }
    }
    return items;
}

template <typename T>
nlohmann::json orNull(const std::optional<T>& value) {
    return value ? nlohmann::json(*value) : nlohmann::json(nullptr);
}

template <typename T>
nlohmann::json arrayOf(const std::vector<T>& items) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& item : items) {
        out.push_back(nlohmann::json(item));
    }
    return out;
}

} // namespace

void to_json(nlohmann::json& j, const DiskFacts& d) {
    j = {{"name", d.name}, {"size_bytes", orNull(d.sizeBytes)}, {"model", d.model}, {"luks", d.luks}};
}

void from_json(const nlohmann::json& j, DiskFacts& d) {
    d.name = text(j, "name");
    d.sizeBytes = bytes(j, "size_bytes");
    d.model = text(j, "model");
    d.luks = text(j, "luks");
}

void to_json(nlohmann::json& j, const SwapFacts& s) {
    j = {{"path", s.path}, {"size_bytes", orNull(s.sizeBytes)}, {"encrypted", s.encrypted}};
}

void from_json(const nlohmann::json& j, SwapFacts& s) {
    s.path = text(j, "path");
    s.sizeBytes = bytes(j, "size_bytes");
    s.encrypted = j.contains("encrypted") && j["encrypted"].is_boolean() && j["encrypted"].get<bool>();
}

void to_json(nlohmann::json& j, const StorageFacts& s) {
    j = {{"backend", s.backend},
         {"path", s.path},
         {"free_bytes", orNull(s.freeBytes)},
         {"total_bytes", orNull(s.totalBytes)},
         {"snapshots", s.snapshots}};
}

void from_json(const nlohmann::json& j, StorageFacts& s) {
    s.backend = text(j, "backend");
    s.path = text(j, "path");
    s.freeBytes = bytes(j, "free_bytes");
    s.totalBytes = bytes(j, "total_bytes");
    s.snapshots = text(j, "snapshots");
}

void to_json(nlohmann::json& j, const ContainerCounts& c) {
    j = {{"total", c.total}, {"running", c.running}, {"stopped", c.stopped}, {"failed", c.failed}};
}

void from_json(const nlohmann::json& j, ContainerCounts& c) {
    c.total = count(j, "total");
    c.running = count(j, "running");
    c.stopped = count(j, "stopped");
    c.failed = count(j, "failed");
}

void to_json(nlohmann::json& j, const ServerFacts& f) {
    j = {{"name", f.name},
         {"domain", f.domain},
         {"version", f.version},
         {"fingerprint", f.fingerprint},
         {"hostname", f.hostname},
         {"kernel", f.kernel},
         {"architecture", f.architecture},
         {"cpu", {{"model", f.cpuModel}, {"count", orNull(f.cpuCount)}}},
         {"memory",
          {{"total_bytes", orNull(f.memoryTotalBytes)}, {"available_bytes", orNull(f.memoryAvailableBytes)}}}};
    if (f.disks) {
        j["disks"] = arrayOf(*f.disks);
    }
    if (f.swap) {
        j["swap"] = arrayOf(*f.swap);
    }
    if (f.swap || f.swapEncrypted) {
        j["swap_encrypted"] = orNull(f.swapEncrypted);
    }
    if (f.storage) {
        j["storage"] = *f.storage;
    }
    if (!f.versions.empty()) {
        j["versions"] = f.versions;
    }
    if (f.containers) {
        j["containers"] = *f.containers;
    }
}

void from_json(const nlohmann::json& j, ServerFacts& f) {
    f = ServerFacts{};
    if (!j.is_object()) {
        return;
    }
    f.name = text(j, "name");
    f.domain = text(j, "domain");
    f.version = text(j, "version");
    f.fingerprint = text(j, "fingerprint");
    f.hostname = text(j, "hostname");
    f.kernel = text(j, "kernel");
    f.architecture = text(j, "architecture");
    if (j.contains("cpu") && j["cpu"].is_object()) {
        f.cpuModel = text(j["cpu"], "model");
        if (j["cpu"].contains("count") && j["cpu"]["count"].is_number_integer()) {
            f.cpuCount = j["cpu"]["count"].get<int>();
        }
    }
    if (j.contains("memory") && j["memory"].is_object()) {
        f.memoryTotalBytes = bytes(j["memory"], "total_bytes");
        f.memoryAvailableBytes = bytes(j["memory"], "available_bytes");
    }
    f.disks = listOf<DiskFacts>(j, "disks");
    f.swap = listOf<SwapFacts>(j, "swap");
    if (j.contains("swap_encrypted") && j["swap_encrypted"].is_boolean()) {
        f.swapEncrypted = j["swap_encrypted"].get<bool>();
    }
    if (j.contains("storage") && j["storage"].is_object()) {
        f.storage = j["storage"].get<StorageFacts>();
    }
    if (j.contains("versions") && j["versions"].is_object()) {
        for (const auto& [key, value] : j["versions"].items()) {
            if (value.is_string()) {
                f.versions[key] = value.get<std::string>();
            }
        }
    }
    if (j.contains("containers") && j["containers"].is_object()) {
        f.containers = j["containers"].get<ContainerCounts>();
    }
}

} // namespace cowl
