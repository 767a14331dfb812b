// SPDX-License-Identifier: GPL-3.0-or-later
#include "node/containers/SnapshotStore.h"

#include <algorithm>
#include <fstream>
#include <nlohmann/json.hpp>
#include <regex>
#include <spdlog/spdlog.h>
#include <sys/stat.h>

#include "node/containers/BtrfsVolume.h"
#include "node/containers/Command.h"
#include "node/containers/ContainerRuntime.h"
#include "node/containers/RuntimeError.h"

namespace cowl::node {

namespace {

using nlohmann::json;
using std::chrono::system_clock;

constexpr const char* kMetadataFile = "snapshot.json";

long long toSeconds(system_clock::time_point t) {
    return std::chrono::duration_cast<std::chrono::seconds>(t.time_since_epoch()).count();
}

system_clock::time_point fromSeconds(long long seconds) {
    return system_clock::time_point(std::chrono::seconds(seconds));
}

std::string nameFor(system_clock::time_point t) {
    const auto seconds = std::chrono::floor<std::chrono::seconds>(t);
    const std::chrono::year_month_day ymd{std::chrono::floor<std::chrono::days>(seconds)};
    const std::chrono::hh_mm_ss hms{seconds - std::chrono::floor<std::chrono::days>(seconds)};
    char text[32];
    std::snprintf(text, sizeof text, "snap-%04d%02u%02u-%02ld%02ld%02ld", static_cast<int>(ymd.year()),
                  static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
                  static_cast<long>(hms.hours().count()), static_cast<long>(hms.minutes().count()),
                  static_cast<long>(hms.seconds().count()));
    return text;
}

json toJson(const SnapshotInfo& info) {
    json j = {{"name", info.name}, {"created", toSeconds(info.createdAt)}, {"label", info.label}};
    if (info.expiresAt) {
        j["expires"] = toSeconds(*info.expiresAt);
    }
    if (info.sizeBytes) {
        j["size"] = *info.sizeBytes;
    }
    return j;
}

SnapshotInfo fromJson(const json& j) {
    SnapshotInfo info;
    info.name = j.at("name").get<std::string>();
    info.createdAt = fromSeconds(j.at("created").get<long long>());
    info.label = j.value("label", std::string());
    if (j.contains("expires")) {
        info.expiresAt = fromSeconds(j.at("expires").get<long long>());
    }
    if (j.contains("size")) {
        info.sizeBytes = j.at("size").get<std::uint64_t>();
    }
    return info;
}

void writeMetadata(const std::filesystem::path& directory, const SnapshotInfo& info) {
    const auto path = directory / kMetadataFile;
    const auto temporary = path.string() + ".tmp";
    {
        std::ofstream out(temporary, std::ios::trunc);
        out << toJson(info).dump(2) << "\n";
        if (!out.flush()) {
            throw RuntimeError(RuntimeError::Kind::Failed, "", "cannot write " + temporary);
        }
    }
    std::filesystem::rename(temporary, path);
}

std::uint64_t apparentSize(const std::filesystem::path& root) {
    std::uint64_t total = 0;
    std::error_code ec;
    for (auto it = std::filesystem::recursive_directory_iterator(
             root, std::filesystem::directory_options::skip_permission_denied, ec);
         it != std::filesystem::recursive_directory_iterator(); it.increment(ec)) {
        struct stat st {};
        if (lstat(it->path().c_str(), &st) == 0 && S_ISREG(st.st_mode)) {
            total += static_cast<std::uint64_t>(st.st_size);
        }
    }
    return total;
}

void validate(const SnapshotRequest& request) {
    if (request.label.size() > 64) {
        throw RuntimeError(RuntimeError::Kind::InvalidInput, "label", "a snapshot label is at most 64 characters");
    }
    for (unsigned char c : request.label) {
        if (c < 0x20 || c == 0x7f) {
            throw RuntimeError(RuntimeError::Kind::InvalidInput, "label", "a snapshot label cannot hold control characters");
        }
    }
    if (request.expiresInDays && (*request.expiresInDays < 1 || *request.expiresInDays > 3650)) {
        throw RuntimeError(RuntimeError::Kind::InvalidInput, "expires_in_days",
                           "expiry must be 1 to 3650 days, or left out to keep the snapshot until deleted");
    }
}

// Copies a rootfs (plain-directory storage); keeps owners, modes, links, xattrs.
void copyTree(const std::filesystem::path& source, const std::filesystem::path& target) {
    Command({"cp", "-a", "--reflink=auto", source.string(), target.string()}).check("copying " + source.string());
}

void removeTree(const std::filesystem::path& path) {
    if (BtrfsVolume::isSubvolume(path)) {
        BtrfsVolume::remove(path);
    } else {
        std::filesystem::remove_all(path);
    }
}

void cloneTree(const std::filesystem::path& source, const std::filesystem::path& target) {
    if (BtrfsVolume::isSubvolume(source)) {
        BtrfsVolume::snapshot(source, target);
    } else {
        copyTree(source, target);
    }
}

} // namespace

SnapshotStore::SnapshotStore(ContainerRuntime& runtime, Clock clock) : m_runtime(runtime), m_clock(std::move(clock)) {}

bool SnapshotStore::copyOnWrite() const { return m_runtime.storageBackend() == StorageBackend::Btrfs; }

bool SnapshotStore::isSnapshotName(const std::string& name) {
    static const std::regex pattern("^snap-[0-9]{8}-[0-9]{6}$");
    return std::regex_match(name, pattern);
}

std::unique_lock<std::mutex> SnapshotStore::tryLock(const Id& container) {
    if (!m_runtime.exists(container)) {
        throw RuntimeError(RuntimeError::Kind::NotFound, "", "container " + container.str() + " does not exist on this node");
    }
    std::shared_ptr<std::mutex> mutex;
    {
        std::lock_guard lock(m_mutex);
        auto& slot = m_busy[container];
        if (!slot) {
            slot = std::make_shared<std::mutex>();
        }
        mutex = slot; // never erased, so the lock below stays valid
    }
    std::unique_lock lock(*mutex, std::try_to_lock);
    if (!lock.owns_lock()) {
        throw RuntimeError(RuntimeError::Kind::Busy, "",
                           "another snapshot operation on container " + container.str() + " is running; retry when it is done");
    }
    return lock;
}

std::filesystem::path SnapshotStore::directory(const Id& container) const {
    return m_runtime.lxcPath() / container.str() / "snapshots";
}

std::filesystem::path SnapshotStore::existing(const Id& container, const std::string& name) const {
    const auto path = directory(container) / name;
    if (!isSnapshotName(name) || !std::filesystem::exists(path / kMetadataFile)) {
        throw RuntimeError(RuntimeError::Kind::NotFound, "name",
                           "container " + container.str() + " has no snapshot \"" + name + "\"; list its snapshots to see the names");
    }
    return path;
}

SnapshotInfo SnapshotStore::create(const Id& container, const SnapshotRequest& request) {
    validate(request);
    auto lock = tryLock(container);
    const auto now = m_clock();
    SnapshotInfo info;
    info.name = nameFor(now);
    info.createdAt = std::chrono::floor<std::chrono::seconds>(now);
    info.label = request.label;
    if (request.expiresInDays) {
        info.expiresAt = info.createdAt + std::chrono::days(*request.expiresInDays);
    }
    const auto target = directory(container) / info.name;
    std::filesystem::create_directories(directory(container));
    if (std::filesystem::exists(target)) {
        throw RuntimeError(RuntimeError::Kind::Conflict, "",
                           "snapshot " + info.name + " already exists (one per second); retry in a second");
    }
    std::filesystem::create_directory(target);
    try {
        cloneTree(m_runtime.rootfs(container), target / "rootfs");
        writeMetadata(target, info);
    } catch (...) {
        std::error_code ec;
        if (std::filesystem::exists(target / "rootfs")) {
            try {
                removeTree(target / "rootfs");
            } catch (const std::exception&) {
            }
        }
        std::filesystem::remove_all(target, ec);
        throw;
    }
    spdlog::info("container {}: snapshot {} created{}", container.str(), info.name,
                 info.label.empty() ? "" : " (labelled)");
    return info;
}

std::vector<SnapshotInfo> SnapshotStore::listUnlocked(const Id& container, SizeCache sizes) {
    std::vector<SnapshotInfo> result;
    std::error_code error;
    std::filesystem::directory_iterator entries(directory(container), error);
    if (error) {
        return result; // no snapshot was ever made
    }
    for (const auto& entry : entries) {
        const auto metadata = entry.path() / kMetadataFile;
        if (!isSnapshotName(entry.path().filename().string()) || !std::filesystem::exists(metadata)) {
            continue; // a half-made snapshot of a crash: not listed
        }
        std::ifstream in(metadata);
        const json parsed = json::parse(in, nullptr, false);
        if (parsed.is_discarded()) {
            continue; // being written or deleted by the operation that holds the lock
        }
        SnapshotInfo info = fromJson(parsed);
        if (!info.sizeBytes && sizes == SizeCache::Fill) {
            // Snapshots never change, so the walk is done once.
            info.sizeBytes = apparentSize(entry.path() / "rootfs");
            writeMetadata(entry.path(), info);
        }
        result.push_back(std::move(info));
    }
    std::sort(result.begin(), result.end(), [](const auto& a, const auto& b) { return a.createdAt > b.createdAt; });
    return result;
}

std::vector<SnapshotInfo> SnapshotStore::list(const Id& container) {
    try {
        auto lock = tryLock(container);
        return listUnlocked(container, SizeCache::Fill);
    } catch (const RuntimeError& e) {
        if (e.kind() != RuntimeError::Kind::Busy) {
            throw;
        }
    }
    // A snapshot operation is running: reading must not wait for it (a restore
    // of a big container takes seconds) nor fail. Snapshots in the middle of
    // being made or deleted are left out; sizes not yet known stay unknown.
    return listUnlocked(container, SizeCache::ReadOnly);
}

void SnapshotStore::restore(const Id& container, const std::string& name) {
    auto lock = tryLock(container);
    const auto snapshot = existing(container, name);
    auto operation = m_runtime.lockContainer(container);
    const bool wasRunning = m_runtime.info(container).state == ContainerState::Running;
    if (wasRunning) {
        m_runtime.stopLocked(container);
    }
    const auto rootfs = m_runtime.rootfs(container);
    const auto incoming = rootfs.parent_path() / "rootfs.restoring";
    const auto outgoing = rootfs.parent_path() / "rootfs.replaced";
    std::error_code ec;
    for (const auto& leftover : {incoming, outgoing}) {
        if (std::filesystem::exists(leftover, ec)) {
            removeTree(leftover);
        }
    }
    // Build the new rootfs beside the old one and swap by rename, so a failure
    // at any step leaves the container as it was.
    cloneTree(snapshot / "rootfs", incoming);
    std::filesystem::rename(rootfs, outgoing);
    std::filesystem::rename(incoming, rootfs);
    spdlog::info("container {}: restored snapshot {}", container.str(), name);
    if (wasRunning) {
        m_runtime.startLocked(container);
    }
    // The old rootfs goes once the container runs again: its removal is the slow part.
    removeTree(outgoing);
}

void SnapshotStore::removeUnlocked(const Id& container, const std::string& name) {
    const auto snapshot = existing(container, name);
    // The metadata goes first: a crash half-way leaves an unlisted remnant, never a listed broken snapshot.
    std::filesystem::remove(snapshot / kMetadataFile);
    if (std::filesystem::exists(snapshot / "rootfs")) {
        removeTree(snapshot / "rootfs");
    }
    std::filesystem::remove_all(snapshot);
}

void SnapshotStore::remove(const Id& container, const std::string& name) {
    auto lock = tryLock(container);
    removeUnlocked(container, name);
}

std::set<std::string> SnapshotStore::prune(const Id& container, const std::optional<RetentionPolicy>& policy,
                                           bool pruneLabelled) {
    auto lock = tryLock(container);
    const auto snapshots = listUnlocked(container, SizeCache::Fill);
    std::set<std::string> doomed;
    if (policy) {
        doomed = policy->toDelete(snapshots, m_clock(), pruneLabelled);
    } else {
        for (const auto& snapshot : snapshots) {
            if (snapshot.expiresAt && *snapshot.expiresAt <= m_clock()) {
                doomed.insert(snapshot.name);
            }
        }
    }
    for (const auto& name : doomed) {
        removeUnlocked(container, name);
    }
    return doomed;
}

} // namespace cowl::node
