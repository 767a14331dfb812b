// SPDX-License-Identifier: GPL-3.0-or-later
#include "node/containers/LxcHelperMain.h"

#include <cerrno>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <optional>
#include <nlohmann/json.hpp>
#include <string>
#include <unistd.h>

#include "node/containers/Command.h"
#include "node/containers/LxcContainer.h"
#include "node/containers/RootfsOwnership.h"
#include "node/containers/RuntimeError.h"
#include "node/containers/TemplateCache.h"

namespace cowl::node {

namespace {

using nlohmann::json;

std::string kindName(RuntimeError::Kind kind) {
    switch (kind) {
    case RuntimeError::Kind::InvalidInput:
        return "invalid_input";
    case RuntimeError::Kind::NotFound:
        return "not_found";
    case RuntimeError::Kind::Conflict:
        return "conflict";
    case RuntimeError::Kind::Busy:
        return "busy";
    case RuntimeError::Kind::Failed:
        return "failed";
    }
    return "failed";
}

void applyItems(LxcContainer& c, const json& items) {
    for (const auto& item : items) {
        c.setConfigItem(item.at(0).get<std::string>(), item.at(1).get<std::string>());
    }
}

// The busybox template's rcS asks DHCP for an address, and its deconfig step
// flushes eth0, removing the IPv6 address LXC gave it. Cowl containers have no DHCP.
void adaptBusyboxRootfs(const std::filesystem::path& rootfs) {
    const auto rcS = rootfs / "etc/init.d/rcS";
    std::ifstream in(rcS);
    std::string content, line;
    while (std::getline(in, line)) {
        if (line.find("udhcpc") == std::string::npos) {
            content += line + "\n";
        }
    }
    in.close();
    std::ofstream(rcS, std::ios::trunc) << content;
}

json itemsJson(const TemplateCache::ConfigItems& items) {
    json out = json::array();
    for (const auto& [key, value] : items) {
        out.push_back({key, value});
    }
    return out;
}

// Templates write their own lxc.uts.name (the LXC name, our id); the container's name wins.
void setHostname(const std::string& name, const std::filesystem::path& lxcPath, const json& request) {
    for (const auto& item : request.at("config")) {
        if (item.at(0).get<std::string>() == "lxc.uts.name") {
            LxcContainer saved(name, lxcPath);
            saved.clearConfigItem("lxc.uts.name");
            saved.setConfigItem("lxc.uts.name", item.at(1).get<std::string>());
            saved.saveConfig();
        }
    }
}

void create(const json& request) {
    const auto lxcPath = std::filesystem::path(request.at("lxcpath").get<std::string>());
    const auto name = request.at("name").get<std::string>();
    const auto templateName = request.at("template").get<std::string>();
    LxcContainer c(name, lxcPath);
    if (c.defined()) {
        throw RuntimeError(RuntimeError::Kind::Conflict, "", "container " + name + " already exists");
    }
    // Some templates (debian: debootstrap) cannot run inside the user
    // namespace: create privileged, then shift the rootfs into the container's
    // id range and add the mapping.
    const bool mapAfterwards = request.value("map_after_create", false);
    json idmaps = json::array(), rest = json::array();
    for (const auto& item : request.at("config")) {
        (mapAfterwards && item.at(0).get<std::string>() == "lxc.idmap" ? idmaps : rest).push_back(item);
    }
    c.clearConfig();
    applyItems(c, rest);
    const auto rootfs = lxcPath / name / "rootfs";
    const auto storage = request.at("storage").get<std::string>();
    std::optional<TemplateCache> cache;
    if (templateName == "busybox" && !mapAfterwards) {
        cache.emplace(lxcPath, templateName);
    }
    if (cache) {
        if (const auto cached = cache->find()) {
            c.create("", storage, {});
            TemplateCache::cloneInto(cached->rootfs, rootfs);
            LxcContainer saved(name, lxcPath);
            applyItems(saved, itemsJson(cached->config));
            // Without a template liblxc does not always record the rootfs (dir storage); the template did.
            saved.clearConfigItem("lxc.rootfs.path");
            saved.setConfigItem("lxc.rootfs.path", storage + ":" + rootfs.string());
            saved.saveConfig();
            setHostname(name, lxcPath, request);
            return;
        }
    }
    c.create(templateName, storage, request.at("template_args").get<std::vector<std::string>>());
    if (mapAfterwards) {
        RootfsOwnership::shift(rootfs, request.at("idmap_base").get<unsigned>());
        LxcContainer saved(name, lxcPath);
        applyItems(saved, idmaps);
        saved.saveConfig();
    }
    setHostname(name, lxcPath, request);
    if (templateName == "busybox") {
        adaptBusyboxRootfs(rootfs);
    }
    if (cache) {
        TemplateCache::ConfigItems ours;
        for (const auto& item : request.at("config")) {
            ours.emplace_back(item.at(0).get<std::string>(), item.at(1).get<std::string>());
        }
        try {
            cache->store(rootfs, TemplateCache::templateItems(lxcPath / name / "config", ours));
        } catch (const std::exception&) {
            // Only the next create's speed depends on it: that one runs the template again.
        }
    }
    if (request.contains("tarball")) {
        // Without a template liblxc neither makes the rootfs nor records it (as for a cached clone above).
        // On btrfs it is a subvolume, so snapshots stay O(1) and liblxc's btrfs destroy can remove it.
        if (storage == "btrfs") {
            Command({"btrfs", "subvolume", "create", rootfs.string()}).check("container " + name + ": making its rootfs");
        } else {
            std::filesystem::create_directories(rootfs);
        }
        LxcContainer saved(name, lxcPath);
        saved.clearConfigItem("lxc.rootfs.path");
        saved.setConfigItem("lxc.rootfs.path", storage + ":" + rootfs.string());
        saved.saveConfig();
        Command({"tar", "--numeric-owner", "-xpf", request.at("tarball").get<std::string>(), "-C",
                 rootfs.string()})
            .check("container " + name + ": unpacking the rootfs tarball");
        RootfsOwnership::shift(rootfs, request.at("idmap_base").get<unsigned>());
    }
}

// LXC configures the addresses, but IPv6 duplicate address detection keeps
// them unusable for one to two seconds after start. Nothing else can hold these
// addresses (the container's is derived from its random id, fe80::1 is ours on
// a point-to-point link), so skip detection: re-add both with nodad.
void finishNetwork(LxcContainer& c, const json& request) {
    const auto hostInterface = request.at("host_interface").get<std::string>();
    const auto address = request.at("address").get<std::string>() + "/128";
    const std::string what = "container " + request.at("name").get<std::string>() + ": network setup";
    Command({"ip", "-6", "addr", "add", "fe80::1/64", "dev", hostInterface, "nodad"}).check(what);
    const std::string netns = "--net=/proc/" + std::to_string(c.initPid()) + "/ns/net";
    Command({"nsenter", netns, "ip", "-6", "addr", "del", address, "dev", "eth0"}).run();
    Command({"nsenter", netns, "ip", "-6", "addr", "add", address, "dev", "eth0", "nodad"}).check(what);
}

json handle(const json& request) {
    const auto op = request.at("op").get<std::string>();
    if (op == "create") {
        create(request);
        return json::object();
    }
    LxcContainer c(request.at("name").get<std::string>(),
                   std::filesystem::path(request.at("lxcpath").get<std::string>()));
    if (op == "state") {
        return {{"defined", c.defined()}, {"state", c.state()}};
    }
    if (!c.defined()) {
        throw RuntimeError(RuntimeError::Kind::NotFound, "",
                           "container " + request.at("name").get<std::string>() + " does not exist");
    }
    if (op == "start") {
        c.start();
        finishNetwork(c, request);
    } else if (op == "stop") {
        c.shutdown(request.at("timeout").get<int>());
    } else if (op == "kill") {
        c.kill();
    } else if (op == "destroy") {
        c.kill();
        c.destroy();
    } else if (op == "set_config") {
        for (const auto& key : request.at("clear")) {
            c.clearConfigItem(key.get<std::string>());
        }
        applyItems(c, request.at("config"));
        c.saveConfig();
        if (c.running()) {
            for (const auto& item : request.at("cgroup")) {
                c.setCgroupItem(item.at(0).get<std::string>(), item.at(1).get<std::string>());
            }
        }
    } else if (op == "attach") {
        return {{"status", c.attachRun(request.at("argv").get<std::vector<std::string>>())}};
    } else if (op == "pid") {
        return {{"pid", c.initPid()}};
    } else {
        throw RuntimeError(RuntimeError::Kind::InvalidInput, "op", "unknown helper operation " + op);
    }
    return json::object();
}

bool writeAll(int fd, const std::string& data) {
    std::size_t done = 0;
    while (done < data.size()) {
        const ssize_t n = write(fd, data.data() + done, data.size() - done);
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n <= 0) {
            return false;
        }
        done += static_cast<std::size_t>(n);
    }
    return true;
}

} // namespace

int runLxcHelper(int fd) {
    // The node may go away mid-answer; a write error then ends the loop instead of a signal.
    std::signal(SIGPIPE, SIG_IGN);
    std::string buffer;
    char chunk[65536];
    for (;;) {
        std::size_t newline;
        while ((newline = buffer.find('\n')) == std::string::npos) {
            const ssize_t n = read(fd, chunk, sizeof chunk);
            if (n < 0 && errno == EINTR) {
                continue;
            }
            if (n <= 0) {
                return 0;
            }
            buffer.append(chunk, static_cast<std::size_t>(n));
        }
        const std::string line = buffer.substr(0, newline);
        buffer.erase(0, newline + 1);
        json answer;
        try {
            answer = handle(json::parse(line));
            answer["ok"] = true;
        } catch (const RuntimeError& e) {
            answer = {{"ok", false}, {"kind", kindName(e.kind())}, {"field", e.field()}, {"message", e.what()}};
        } catch (const std::exception& e) {
            answer = {{"ok", false}, {"kind", "failed"}, {"field", ""}, {"message", e.what()}};
        }
        if (!writeAll(fd, answer.dump() + "\n")) {
            return 1;
        }
    }
}

} // namespace cowl::node
