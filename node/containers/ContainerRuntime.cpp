// SPDX-License-Identifier: GPL-3.0-or-later
#include "node/containers/ContainerRuntime.h"

#include <cerrno>
#include <cstring>
#include <endian.h>
#include <fstream>
#include <linux/posix_acl.h>
#include <linux/posix_acl_xattr.h>
#include <spdlog/spdlog.h>
#include <sys/stat.h>
#include <sys/xattr.h>

#include "node/containers/BtrfsVolume.h"
#include "node/containers/LxcHelperProcess.h"
#include "node/containers/RuntimeError.h"
#include "node/containers/SubordinateIds.h"
#include "node/net/ContainerIsolation.h"
#include "node/net/ContainerNetworkPlan.h"
#include "node/net/NftContext.h"

namespace cowl::node {

namespace {

using nlohmann::json;

constexpr const char* kMetadataFile = "cowl.json";
constexpr const char* kSeccompFile = "cowl.seccomp";

std::shared_ptr<spdlog::logger> logger() {
    auto existing = spdlog::get("lxc");
    return existing ? existing : spdlog::default_logger();
}

// The mirror the machine's apt already uses (deb822 or one-line format), so
// debootstrap fetches from where this server is allowed to fetch.
std::string debianMirror() {
    for (const char* file : {"/etc/apt/sources.list.d/debian.sources", "/etc/apt/sources.list"}) {
        std::ifstream in(file);
        std::string line;
        while (std::getline(in, line)) {
            if (line.starts_with("URIs:")) {
                const auto start = line.find_first_not_of(' ', 5);
                const auto uri = line.substr(start, line.find(' ', start) - start);
                if (uri.find("security") == std::string::npos) {
                    return uri;
                }
            } else if (line.starts_with("deb ") && line.find("security") == std::string::npos) {
                auto start = line.find("http");
                if (start != std::string::npos) {
                    return line.substr(start, line.find(' ', start) - start);
                }
            }
        }
    }
    return "http://deb.debian.org/debian";
}

json toJson(const ContainerInfo& info) {
    return {{"hostname", info.hostname},
            {"template", info.source.str()},
            {"memory_mb", info.limits.memoryMb},
            {"cpus", info.limits.cpus},
            {"autostart", info.autostart}};
}

// liblxc refuses to start a container whose root (an unprivileged host uid)
// cannot walk to its rootfs, and the node's state directory is 0700. That one
// uid gets search permission (x, no listing) by a POSIX ACL on each ancestor
// that lacks it: only container processes run as it, and they cannot see the
// host's paths anyway. A directory with an ACL of its own is left as it is.
void grantTraverse(const std::filesystem::path& lxcPath, unsigned uid) {
    auto dir = std::filesystem::canonical(lxcPath).parent_path();
    for (;; dir = dir.parent_path()) {
        struct stat st {};
        if (::stat(dir.c_str(), &st) == 0 && (st.st_mode & S_IXOTH) == 0 &&
            ::getxattr(dir.c_str(), "system.posix_acl_access", nullptr, 0) < 0) {
            const unsigned mode = st.st_mode;
            auto entry = [](unsigned tag, unsigned perm, std::uint32_t id) {
                return posix_acl_xattr_entry{htole16(static_cast<std::uint16_t>(tag)),
                                             htole16(static_cast<std::uint16_t>(perm)), htole32(id)};
            };
            const posix_acl_xattr_entry entries[] = {
                entry(ACL_USER_OBJ, (mode >> 6) & 7, ACL_UNDEFINED_ID),
                entry(ACL_USER, 1, uid),
                entry(ACL_GROUP_OBJ, (mode >> 3) & 7, ACL_UNDEFINED_ID),
                entry(ACL_MASK, ((mode >> 3) & 7) | 1, ACL_UNDEFINED_ID),
                entry(ACL_OTHER, mode & 7, ACL_UNDEFINED_ID),
            };
            std::string value(sizeof(posix_acl_xattr_header), '\0');
            const posix_acl_xattr_header header{htole32(POSIX_ACL_XATTR_VERSION)};
            std::memcpy(value.data(), &header, sizeof header);
            value.append(reinterpret_cast<const char*>(entries), sizeof entries);
            if (::setxattr(dir.c_str(), "system.posix_acl_access", value.data(), value.size(), 0) != 0) {
                throw RuntimeError(RuntimeError::Kind::Failed, "",
                                   "containers cannot reach " + lxcPath.string() + ": granting uid " +
                                       std::to_string(uid) + " search permission on " + dir.string() +
                                       " failed (" + std::strerror(errno) + "); run: chmod o+x " + dir.string());
            }
            logger()->info("{}: search permission for container root (uid {}) by ACL", dir.string(), uid);
        }
        if (dir == dir.root_path()) {
            return;
        }
    }
}

RuntimeError notFound(const Id& id) {
    return RuntimeError(RuntimeError::Kind::NotFound, "", "container " + id.str() + " does not exist on this node");
}

} // namespace

std::string_view toString(StorageBackend backend) {
    return backend == StorageBackend::Btrfs ? "btrfs" : "dir";
}

ContainerRuntime::ContainerRuntime(Options options)
    : m_options(std::move(options)),
      m_helper(std::make_unique<LxcHelperProcess>(m_options.helperCommand)) {
    std::filesystem::create_directories(m_options.lxcPath);
    // Container root is an unprivileged host uid and must traverse to its rootfs.
    std::filesystem::permissions(m_options.lxcPath, std::filesystem::perms(0711), std::filesystem::perm_options::add);
    m_storage = BtrfsVolume::isBtrfs(m_options.lxcPath) ? StorageBackend::Btrfs : StorageBackend::Directory;
    if (m_storage == StorageBackend::Directory) {
        logger()->warn("{} is not on btrfs: containers are plain directories and snapshots are full copies",
                       m_options.lxcPath.string());
    }
    const auto seccomp = m_options.lxcPath / kSeccompFile;
    std::ofstream(seccomp, std::ios::trunc) << LxcConfig::seccompDenyList();
    m_host = LxcHostProfile::detect(seccomp);
    m_host.idmapBase = m_options.idmapBase;
    if (m_options.prepareHost) {
        SubordinateIds::ensure(m_host.idmapBase, m_host.idmapSize);
        grantTraverse(m_options.lxcPath, m_host.idmapBase);
        m_nft = std::make_unique<NftContext>();
        ContainerIsolation(*m_nft).apply();
    }
    loadExisting();
}

ContainerRuntime::~ContainerRuntime() = default;

void ContainerRuntime::loadExisting() {
    for (const auto& dir : std::filesystem::directory_iterator(m_options.lxcPath)) {
        const auto id = Id::parse(dir.path().filename().string());
        const auto metadata = dir.path() / kMetadataFile;
        if (!id || !std::filesystem::exists(metadata)) {
            continue;
        }
        try {
            std::ifstream in(metadata);
            const json j = json::parse(in);
            Entry entry{ContainerInfo(*id)};
            entry.info.hostname = j.at("hostname").get<std::string>();
            entry.info.source = ContainerTemplate::parse(j.at("template").get<std::string>());
            entry.info.limits.memoryMb = j.at("memory_mb").get<int>();
            entry.info.limits.cpus = j.at("cpus").get<double>();
            entry.info.autostart = j.at("autostart").get<bool>();
            const auto plan = ContainerNetworkPlan::forContainer(m_options.ula48, *id);
            entry.info.address = plan.address;
            entry.info.hostInterface = plan.hostInterface;
            entry.info.state = liblxcState(*id) == "RUNNING" ? ContainerState::Running : ContainerState::Stopped;
            m_entries.emplace(*id, std::move(entry));
        } catch (const std::exception& e) {
            logger()->error("container {}: its metadata {} is unreadable ({}); leaving it alone", id->str(),
                            metadata.string(), e.what());
        }
    }
}

json ContainerRuntime::request(const std::string& op, const Id& id) const {
    return {{"op", op}, {"lxcpath", m_options.lxcPath.string()}, {"name", id.str()}};
}

std::string ContainerRuntime::liblxcState(const Id& id) {
    return m_helper->call(request("state", id)).at("state").get<std::string>();
}

std::filesystem::path ContainerRuntime::rootfs(const Id& id) const { return m_options.lxcPath / id.str() / "rootfs"; }

void ContainerRuntime::saveMetadata(const ContainerInfo& info) const {
    const auto path = m_options.lxcPath / info.id.str() / kMetadataFile;
    const auto temporary = path.string() + ".tmp";
    {
        std::ofstream out(temporary, std::ios::trunc);
        out << toJson(info).dump(2) << "\n";
        out.flush();
        if (!out) {
            throw RuntimeError(RuntimeError::Kind::Failed, "", "container " + info.id.str() + ": cannot write " + temporary);
        }
    }
    std::filesystem::rename(temporary, path);
}

std::shared_ptr<std::mutex> ContainerRuntime::operationMutex(const Id& id) {
    std::lock_guard lock(m_mutex);
    const auto it = m_entries.find(id);
    if (it == m_entries.end()) {
        throw notFound(id);
    }
    return it->second.operation;
}

ContainerRuntime::OperationLock ContainerRuntime::lockContainer(const Id& id) {
    OperationLock held;
    // The mutex is shared with the entry, so a destroy that erases the entry cannot free it under us.
    held.mutex = operationMutex(id);
    held.lock = std::unique_lock(*held.mutex);
    if (!exists(id)) {
        throw notFound(id);
    }
    return held;
}

void ContainerRuntime::setState(const Id& id, ContainerState state, const std::string& reason) {
    {
        std::lock_guard lock(m_mutex);
        const auto it = m_entries.find(id);
        if (it != m_entries.end()) {
            it->second.info.state = state;
            it->second.info.stateReason = reason;
        }
    }
    if (m_options.onEvent) {
        m_options.onEvent(ContainerEvent{id, state, reason});
    }
}

ContainerInfo ContainerRuntime::create(const CreateSpec& spec) {
    spec.validate();
    const auto plan = ContainerNetworkPlan::forContainer(m_options.ula48, spec.id);
    Entry entry{ContainerInfo(spec.id)};
    entry.info.hostname = spec.hostname;
    entry.info.source = spec.source;
    entry.info.limits = spec.limits;
    entry.info.autostart = spec.autostart;
    entry.info.state = ContainerState::Creating;
    entry.info.address = plan.address;
    entry.info.hostInterface = plan.hostInterface;
    auto operation = entry.operation;
    std::unique_lock opLock(*operation);
    {
        std::lock_guard lock(m_mutex);
        if (m_entries.contains(spec.id) || std::filesystem::exists(m_options.lxcPath / spec.id.str())) {
            throw RuntimeError(RuntimeError::Kind::Conflict, "id", "container " + spec.id.str() + " already exists");
        }
        m_entries.emplace(spec.id, entry);
    }
    setState(spec.id, ContainerState::Creating);

    json req = request("create", spec.id);
    json config = json::array();
    for (const auto& [key, value] :
         LxcConfig::forContainer(spec, plan, m_host, m_options.lxcPath / spec.id.str() / "lxc.log")) {
        config.push_back({key, value});
    }
    req["config"] = config;
    req["storage"] = m_storage == StorageBackend::Btrfs ? "btrfs" : "dir";
    req["idmap_base"] = m_host.idmapBase;
    switch (spec.source.kind) {
    case ContainerTemplate::Kind::Busybox:
        req["template"] = "busybox";
        req["template_args"] = json::array();
        break;
    case ContainerTemplate::Kind::Debian:
        // lxc-debian runs debootstrap once per release and keeps it in /var/cache/lxc/debian.
        req["template"] = "debian";
        req["template_args"] = {"--release=" + spec.source.debianRelease, "--mirror=" + debianMirror()};
        req["map_after_create"] = true;
        break;
    case ContainerTemplate::Kind::Tarball:
        req["template"] = "";
        req["template_args"] = json::array();
        req["tarball"] = spec.source.tarball.string();
        break;
    }
    try {
        m_helper->call(req);
        saveMetadata(entry.info);
    } catch (const std::exception& e) {
        // Undo whatever part of the container exists, so a retry starts clean.
        try {
            m_helper->call(request("destroy", spec.id));
        } catch (const std::exception&) {
        }
        std::error_code ec;
        std::filesystem::remove_all(m_options.lxcPath / spec.id.str(), ec);
        {
            std::lock_guard lock(m_mutex);
            m_entries.erase(spec.id);
        }
        setState(spec.id, ContainerState::Failed, e.what());
        throw;
    }
    setState(spec.id, ContainerState::Stopped);
    logger()->info("container {} created from {} ({} storage)", spec.id.str(), spec.source.str(),
                   toString(m_storage));
    return info(spec.id);
}

void ContainerRuntime::startLocked(const Id& id) {
    const auto plan = ContainerNetworkPlan::forContainer(m_options.ula48, id);
    json req = request("start", id);
    req["host_interface"] = plan.hostInterface;
    req["address"] = plan.address;
    if (liblxcState(id) == "RUNNING") {
        setState(id, ContainerState::Running);
        return;
    }
    try {
        m_helper->call(req);
    } catch (const RuntimeError& e) {
        setState(id, ContainerState::Failed, e.what());
        // Half-started (e.g. network setup failed): do not leave it running unnoticed.
        try {
            m_helper->call(request("kill", id));
        } catch (const std::exception&) {
        }
        throw;
    }
    setState(id, ContainerState::Running);
}

void ContainerRuntime::stopLocked(const Id& id) {
    json req = request("stop", id);
    req["timeout"] = m_options.stopTimeoutSeconds;
    m_helper->call(req);
    setState(id, ContainerState::Stopped);
}

void ContainerRuntime::start(const Id& id) {
    auto lock = lockContainer(id);
    startLocked(id);
}

void ContainerRuntime::stop(const Id& id) {
    auto lock = lockContainer(id);
    stopLocked(id);
}

void ContainerRuntime::forceStop(const Id& id) {
    auto lock = lockContainer(id);
    m_helper->call(request("kill", id));
    setState(id, ContainerState::Stopped);
}

void ContainerRuntime::restart(const Id& id) {
    auto lock = lockContainer(id);
    stopLocked(id);
    startLocked(id);
}

void ContainerRuntime::destroy(const Id& id) {
    auto lock = lockContainer(id);
    setState(id, ContainerState::Deleting);
    try {
        m_helper->call(request("kill", id));
        // Snapshots are subvolumes nested in the container's directory; liblxc
        // would not remove those, so they go first.
        const auto snapshots = m_options.lxcPath / id.str() / "snapshots";
        if (std::filesystem::exists(snapshots)) {
            for (const auto& snapshot : std::filesystem::directory_iterator(snapshots)) {
                const auto snapshotRootfs = snapshot.path() / "rootfs";
                if (BtrfsVolume::isSubvolume(snapshotRootfs)) {
                    BtrfsVolume::remove(snapshotRootfs);
                }
            }
            std::filesystem::remove_all(snapshots);
        }
        m_helper->call(request("destroy", id));
    } catch (const std::exception& e) {
        setState(id, ContainerState::Failed, e.what());
        throw;
    }
    {
        std::lock_guard guard(m_mutex);
        m_entries.erase(id);
    }
    std::error_code ec;
    std::filesystem::remove_all(m_options.lxcPath / id.str(), ec);
    if (m_options.onEvent) {
        m_options.onEvent(ContainerEvent{id, ContainerState::Deleting, ""});
    }
}

ContainerInfo ContainerRuntime::update(const Id& id, const ContainerLimits& limits, bool autostart) {
    limits.validate();
    auto lock = lockContainer(id);
    ContainerInfo updated = info(id);
    updated.limits = limits;
    updated.autostart = autostart;
    json req = request("set_config", id);
    json clear = json::array(), config = json::array(), cgroup = json::array();
    for (const auto& [key, value] : LxcConfig::forLimits(limits, m_host)) {
        clear.push_back(key);
        config.push_back({key, value});
        const auto dot = key.find('.', 4); // "lxc.cgroup2.memory.max" -> "memory.max"
        cgroup.push_back({key.substr(dot + 1), value});
    }
    req["clear"] = clear;
    req["config"] = config;
    req["cgroup"] = cgroup;
    m_helper->call(req);
    saveMetadata(updated);
    {
        std::lock_guard guard(m_mutex);
        m_entries.at(id).info.limits = limits;
        m_entries.at(id).info.autostart = autostart;
    }
    return info(id);
}

ContainerState ContainerRuntime::state(const Id& id) { return info(id).state; }

ContainerInfo ContainerRuntime::info(const Id& id) {
    std::lock_guard lock(m_mutex);
    const auto it = m_entries.find(id);
    if (it == m_entries.end()) {
        throw notFound(id);
    }
    return it->second.info;
}

std::vector<ContainerInfo> ContainerRuntime::list() {
    std::lock_guard lock(m_mutex);
    std::vector<ContainerInfo> result;
    for (const auto& [id, entry] : m_entries) {
        result.push_back(entry.info);
    }
    return result;
}

std::string ContainerRuntime::ipv6Address(const Id& id) { return info(id).address; }

bool ContainerRuntime::exists(const Id& id) {
    std::lock_guard lock(m_mutex);
    return m_entries.contains(id);
}

std::vector<Id> ContainerRuntime::startAutostart() {
    std::vector<Id> failed;
    for (const auto& container : list()) {
        if (!container.autostart) {
            continue;
        }
        try {
            start(container.id);
        } catch (const std::exception& e) {
            logger()->error("container {}: autostart failed: {}", container.id.str(), e.what());
            failed.push_back(container.id);
        }
    }
    return failed;
}

int ContainerRuntime::run(const Id& id, const std::vector<std::string>& argv) {
    if (argv.empty()) {
        throw RuntimeError(RuntimeError::Kind::InvalidInput, "argv", "give the program to run");
    }
    auto lock = lockContainer(id);
    json req = request("attach", id);
    req["argv"] = argv;
    return m_helper->call(req).at("status").get<int>();
}

} // namespace cowl::node

namespace cowl::node {

void ContainerRuntime::refreshStates() {
    std::vector<std::pair<Id, std::shared_ptr<std::mutex>>> running;
    {
        std::lock_guard lock(m_mutex);
        for (const auto& [id, entry] : m_entries) {
            if (entry.info.state == ContainerState::Running) {
                running.emplace_back(id, entry.operation);
            }
        }
    }
    for (const auto& [id, operation] : running) {
        std::unique_lock busy(*operation, std::try_to_lock);
        if (!busy.owns_lock() || !exists(id)) {
            continue;
        }
        try {
            if (liblxcState(id) == "STOPPED") {
                logger()->warn("container {} stopped on its own", id.str());
                setState(id, ContainerState::Stopped);
            }
        } catch (const std::exception& e) {
            logger()->warn("container {}: its state is unknown: {}", id.str(), e.what());
        }
    }
}

void ContainerRuntime::discardRemnant(const Id& id) {
    if (exists(id) || !std::filesystem::exists(m_options.lxcPath / id.str())) {
        return;
    }
    try {
        m_helper->call(request("destroy", id));
    } catch (const std::exception&) {
        // Not defined for liblxc (it died before writing its config): the files are all there is.
    }
    std::error_code ec;
    std::filesystem::remove_all(m_options.lxcPath / id.str(), ec);
    logger()->info("container {}: removed what an interrupted create left behind", id.str());
}

int ContainerRuntime::initPid(const Id& id) {
    info(id); // NotFound for unknown ids
    return m_helper->call(request("pid", id)).at("pid").get<int>();
}

} // namespace cowl::node
