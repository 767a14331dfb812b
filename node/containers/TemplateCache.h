// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace cowl::node {

// A template's rootfs made once per node and cloned for every later container
// of that template (a btrfs snapshot, or a reflink copy on other filesystems):
// running the lxc-busybox script is most of a create's time. Kept in
// <lxcPath>/.template-cache/<template>/ with the config lines the template
// adds; a stamp of the host files the template copies (busybox, the script)
// invalidates it when they change. Used by the liblxc helper only.
class TemplateCache {
public:
    using ConfigItems = std::vector<std::pair<std::string, std::string>>;

    TemplateCache(const std::filesystem::path& lxcPath, const std::string& templateName);

    struct Entry {
        std::filesystem::path rootfs;
        ConfigItems config; // what the template added to the container's config
    };
    std::optional<Entry> find() const;
    // Clones a freshly made rootfs into the cache; `config` from templateItems().
    void store(const std::filesystem::path& rootfs, const ConfigItems& config) const;

    // The lines of a container's config file the template wrote: every item
    // whose key the node did not set itself (the node's values win).
    static ConfigItems templateItems(const std::filesystem::path& configFile, const ConfigItems& ours);
    // Replaces target (an empty rootfs: subvolume or directory) with a clone of source.
    static void cloneInto(const std::filesystem::path& source, const std::filesystem::path& target);

private:
    std::string stamp() const;

    std::filesystem::path m_dir;
    std::string m_template;
};

} // namespace cowl::node
