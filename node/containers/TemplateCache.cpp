// SPDX-License-Identifier: GPL-3.0-or-later
#include "node/containers/TemplateCache.h"

#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <sys/stat.h>

#include "node/containers/BtrfsVolume.h"
#include "node/containers/Command.h"

namespace cowl::node {

namespace {

using nlohmann::json;

constexpr const char* kMetadata = "cache.json";

std::string fileStamp(const char* path) {
    struct stat st {};
    if (stat(path, &st) != 0) {
        return std::string(path) + ":missing";
    }
    return std::string(path) + ":" + std::to_string(st.st_size) + ":" + std::to_string(st.st_mtim.tv_sec);
}

void removeTree(const std::filesystem::path& path) {
    if (BtrfsVolume::isSubvolume(path)) {
        BtrfsVolume::remove(path);
    } else {
        std::filesystem::remove_all(path);
    }
}

std::string trim(const std::string& text) {
    const auto first = text.find_first_not_of(" \t");
    if (first == std::string::npos) {
        return "";
    }
    return text.substr(first, text.find_last_not_of(" \t") - first + 1);
}

} // namespace

TemplateCache::TemplateCache(const std::filesystem::path& lxcPath, const std::string& templateName)
    : m_dir(lxcPath / ".template-cache" / templateName), m_template(templateName) {}

std::string TemplateCache::stamp() const {
    return fileStamp("/bin/busybox") + ";" + fileStamp(("/usr/share/lxc/templates/lxc-" + m_template).c_str());
}

std::optional<TemplateCache::Entry> TemplateCache::find() const {
    std::ifstream in(m_dir / kMetadata);
    if (!in) {
        return std::nullopt;
    }
    try {
        const json j = json::parse(in);
        if (j.at("stamp").get<std::string>() != stamp() || !std::filesystem::is_directory(m_dir / "rootfs")) {
            return std::nullopt;
        }
        Entry entry{m_dir / "rootfs", {}};
        for (const auto& item : j.at("config")) {
            entry.config.emplace_back(item.at(0).get<std::string>(), item.at(1).get<std::string>());
        }
        return entry;
    } catch (const std::exception&) {
        return std::nullopt; // damaged: the next create makes it again
    }
}

void TemplateCache::store(const std::filesystem::path& rootfs, const ConfigItems& config) const {
    std::filesystem::create_directories(m_dir);
    std::filesystem::remove(m_dir / kMetadata);
    if (std::filesystem::exists(m_dir / "rootfs")) {
        removeTree(m_dir / "rootfs");
    }
    if (BtrfsVolume::isSubvolume(rootfs)) {
        BtrfsVolume::snapshot(rootfs, m_dir / "rootfs");
    } else {
        Command({"cp", "-a", "--reflink=auto", rootfs.string(), (m_dir / "rootfs").string()})
            .check("caching the " + m_template + " rootfs");
    }
    json items = json::array();
    for (const auto& [key, value] : config) {
        items.push_back({key, value});
    }
    // The metadata last: its presence is what makes the cache usable.
    const auto temporary = m_dir / (std::string(kMetadata) + ".tmp");
    std::ofstream(temporary, std::ios::trunc) << json{{"stamp", stamp()}, {"config", items}}.dump(2) << "\n";
    std::filesystem::rename(temporary, m_dir / kMetadata);
}

TemplateCache::ConfigItems TemplateCache::templateItems(const std::filesystem::path& configFile,
                                                        const ConfigItems& ours) {
    std::set<std::string> ownKeys = {"lxc.rootfs.path", "lxc.uts.name"};
    for (const auto& [key, value] : ours) {
        ownKeys.insert(key);
    }
    ConfigItems items;
    std::ifstream in(configFile);
    std::string line;
    while (std::getline(in, line)) {
        line = trim(line);
        const auto eq = line.find('=');
        if (line.empty() || line.front() == '#' || eq == std::string::npos) {
            continue;
        }
        auto key = trim(line.substr(0, eq));
        if (!ownKeys.contains(key)) {
            items.emplace_back(std::move(key), trim(line.substr(eq + 1)));
        }
    }
    return items;
}

void TemplateCache::cloneInto(const std::filesystem::path& source, const std::filesystem::path& target) {
    if (std::filesystem::exists(target)) {
        removeTree(target);
    }
    if (BtrfsVolume::isSubvolume(source) && BtrfsVolume::isBtrfs(target.parent_path())) {
        BtrfsVolume::snapshot(source, target);
    } else {
        Command({"cp", "-a", "--reflink=auto", source.string(), target.string()})
            .check("cloning the cached rootfs into " + target.string());
    }
}

} // namespace cowl::node
