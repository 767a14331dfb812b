// SPDX-License-Identifier: GPL-3.0-or-later
#include "node/cli/ContainerEngine.h"

#include <cstdlib>
#include <fstream>
#include <set>

#include "node/api/ApiFailure.h"
#include "node/api/ContainerService.h"
#include "node/api/ControlApi.h"
#include "node/api/SnapshotSchedulesHandler.h"
#include "node/api/UtcClock.h"
#include "node/containers/ContainerRuntime.h"
#include "node/containers/RuntimeError.h"
#include "node/containers/SnapshotScheduler.h"
#include "node/containers/SnapshotStore.h"
#include "node/containers/StorageImage.h"
#include "node/net/Ipv6Prefix.h"
#include "node/config/AtomicFile.h"
#include "node/facts/NodeFactsCollector.h"
#include "node/log/LogSetup.h"
#include "shared/api/SnapshotSchedule.h"

namespace cowl::node {

namespace {

using std::chrono::system_clock;

std::shared_ptr<spdlog::logger> lxcLog() { return subsystemLogger("lxc"); }

// docs/containers.md, "Errors → HTTP".
[[noreturn]] void fail(const RuntimeError& e) {
    switch (e.kind()) {
    case RuntimeError::Kind::InvalidInput:
        throw ApiFailure::unprocessable(e.what(), e.field());
    case RuntimeError::Kind::NotFound:
        throw ApiFailure::notFound();
    case RuntimeError::Kind::Conflict:
        throw ApiFailure::conflict(e.what());
    case RuntimeError::Kind::Busy:
        throw ApiFailure(409, ApiError{"busy", e.what(), "", std::nullopt});
    case RuntimeError::Kind::Failed:
        break;
    }
    lxcLog()->error("{}", e.what());
    throw ApiFailure(500, ApiError{"internal", e.what(), "", std::nullopt});
}

template <typename F>
auto mapped(F&& f) -> decltype(f()) {
    try {
        return f();
    } catch (const RuntimeError& e) {
        fail(e);
    }
}

Id idOf(const std::string& text) {
    const auto id = Id::parse(text);
    if (!id) {
        throw ApiFailure::notFound();
    }
    return *id;
}

// The wire names a tarball by its absolute path; the runtime spells it "tarball:PATH".
ContainerTemplate templateOf(const std::string& wire) {
    return ContainerTemplate::parse(wire.starts_with('/') ? "tarball:" + wire : wire);
}

CreateSpec specOf(const Container& record) {
    CreateSpec spec{idOf(record.id), record.name, templateOf(record.templateName), {}, record.autostart};
    spec.limits.memoryMb = static_cast<int>(std::min<std::uint32_t>(record.limits.memoryMb, INT32_MAX));
    spec.limits.cpus = record.limits.cpus;
    return spec;
}

ContainerStatus statusOf(ContainerState state) {
    switch (state) {
    case ContainerState::Creating: return ContainerStatus::Creating;
    case ContainerState::Running: return ContainerStatus::Running;
    case ContainerState::Stopped: return ContainerStatus::Stopped;
    case ContainerState::Failed: return ContainerStatus::Failed;
    case ContainerState::Deleting: return ContainerStatus::Deleting;
    }
    return ContainerStatus::Failed;
}

Snapshot snapshotOf(const SnapshotInfo& info) {
    Snapshot out;
    out.name = info.name;
    if (!info.label.empty()) {
        out.label = info.label;
    }
    out.createdAt = UtcClock::format(info.createdAt);
    if (info.expiresAt) {
        out.expiresAt = UtcClock::format(*info.expiresAt);
    }
    out.sizeBytes = info.sizeBytes;
    return out;
}

// A stored schedule document (SnapshotSchedulesHandler wrote it) as the scheduler runs it.
std::optional<SnapshotSchedule> scheduleOf(const nlohmann::json& body) {
    try {
        const auto stored = body.get<SnapshotSchedulePut>();
        SnapshotSchedule s;
        s.enabled = stored.enabled;
        s.pruneLabelled = stored.pruneLabelled;
        s.retention.hourly = stored.retention.hourly;
        s.retention.daily = stored.retention.daily;
        s.retention.weekly = stored.retention.weekly;
        s.retention.monthly = stored.retention.monthly;
        s.retention.validate();
        return s;
    } catch (const std::exception& e) {
        lxcLog()->error("a stored snapshot schedule is unreadable ({}); it is ignored until it is written again",
                     e.what());
        return std::nullopt;
    }
}

} // namespace

ContainerEngine::Storage ContainerEngine::Storage::load(const std::filesystem::path& stateDir) {
    Storage storage{stateDir / "containers", std::nullopt};
    const auto path = file(stateDir);
    if (!std::filesystem::exists(path)) {
        return storage;
    }
    try {
        std::ifstream in(path);
        const auto j = nlohmann::json::parse(in);
        storage.lxcPath = j.at("lxc_path").get<std::string>();
        if (j.contains("image") && !j.at("image").is_null()) {
            storage.image = j.at("image").get<std::string>();
        }
    } catch (const std::exception& e) {
        throw std::runtime_error(path.string() + " is unreadable (" + e.what() +
                                 "); it needs \"lxc_path\" and optionally \"image\" (absolute paths)");
    }
    return storage;
}

void ContainerEngine::Storage::save(const std::filesystem::path& stateDir) const {
    nlohmann::json j = {{"lxc_path", lxcPath.string()},
                        {"image", image ? nlohmann::json(image->string()) : nlohmann::json(nullptr)}};
    writeFileAtomically(file(stateDir), j.dump(2) + "\n", 0600);
}

ContainerEngine::Options ContainerEngine::optionsFor(const std::filesystem::path& stateDir, const std::string& ula48) {
    const auto storage = Storage::load(stateDir);
    if (storage.image) {
        StorageImage::mount(*storage.image, storage.lxcPath); // no-op when mounted already
    }
    Options options{storage.lxcPath, ula48, {}, stateDir / "snapshot-schedules.json"};
    options.helperCommand = {std::filesystem::read_symlink("/proc/self/exe").string(), "__lxc-helper"};
    // Tests make the scheduler tick every few seconds instead of every minute.
    if (const char* tick = std::getenv("COWL_SNAPSHOT_TICK_SECONDS")) {
        const int seconds = std::atoi(tick);
        if (seconds > 0) {
            options.tickInterval = std::chrono::seconds(seconds);
        }
    }
    return options;
}

ContainerEngine::ContainerEngine(Options options, DocumentStore& store, ControlApi& api)
    : m_options(std::move(options)), m_store(store), m_api(api) {
    const auto prefix = Ipv6Prefix::parse(m_options.ula48);
    if (!prefix) {
        throw std::runtime_error("node.json: ula48 \"" + m_options.ula48 +
                                 "\" is not a unique local /48 (fdxx:xxxx:xxxx::/48); fix it or run cowl-node init again");
    }
    ContainerRuntime::Options runtime;
    runtime.lxcPath = m_options.lxcPath;
    runtime.ula48 = *prefix;
    runtime.helperCommand = m_options.helperCommand;
    runtime.prepareHost = m_options.prepareHost;
    runtime.onEvent = [this](const ContainerEvent& e) { onRuntimeEvent(e); };
    m_runtime = std::make_unique<ContainerRuntime>(std::move(runtime));
    m_snapshots = std::make_unique<SnapshotStore>(*m_runtime);
    SnapshotScheduler::Options scheduler;
    scheduler.stateFile = m_options.schedulerStateFile;
    scheduler.containers = [this] {
        std::vector<SnapshotScheduler::Placement> placements;
        for (const auto& doc : m_store.list("containers")) {
            const auto container = Id::parse(doc.key);
            const auto project = Id::parse(doc.body.value("project_id", std::string()));
            if (container && project && m_runtime->exists(*container)) {
                placements.push_back({*container, *project});
            }
        }
        return placements;
    };
    m_scheduler = std::make_unique<SnapshotScheduler>(*m_snapshots, std::move(scheduler));
}

ContainerEngine::~ContainerEngine() { stop(); }

void ContainerEngine::start() {
    reconcile();
    loadSchedules();
    m_liveness->engine = this;
    m_store.subscribe([liveness = m_liveness](const StoreChange& change) {
        std::lock_guard lock(liveness->mutex);
        if (liveness->engine) {
            liveness->engine->onStoreChange(change);
        }
    });
    m_api.containers().attachBackend(this);
    m_nextTick = system_clock::now() + m_options.tickInterval;
    m_creator = std::thread([this] { createLoop(); });
    m_ticker = std::thread([this] { tickLoop(); });
    const auto failed = m_runtime->startAutostart();
    lxcLog()->info("containers under {} ({} storage); {} autostart failure(s)", m_options.lxcPath.string(),
                toString(m_runtime->storageBackend()), failed.size());
}

void ContainerEngine::stop() {
    {
        std::lock_guard lock(m_liveness->mutex);
        m_liveness->engine = nullptr;
    }
    m_api.containers().attachBackend(nullptr);
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    m_wake.notify_all();
    if (m_creator.joinable()) {
        m_creator.join();
    }
    if (m_ticker.joinable()) {
        m_ticker.join();
    }
}

void ContainerEngine::onRuntimeEvent(const ContainerEvent& event) {
    m_api.containers().setStatus(event.id.str(), statusOf(event.state), event.reason);
}

// The records are the truth about what should exist; the runtime about what
// does. Nothing is deleted here: a record whose container is gone says so.
void ContainerEngine::reconcile() {
    std::set<std::string> recorded;
    for (const auto& doc : m_store.list("containers")) {
        recorded.insert(doc.key);
        const std::string status = doc.body.value("status", std::string());
        const auto id = Id::parse(doc.key);
        if (!id) {
            continue;
        }
        if (!m_runtime->exists(*id)) {
            if (status == "failed") {
                continue;
            }
            std::string reason;
            if (status == "creating") {
                m_runtime->discardRemnant(*id);
                reason = "the node stopped while this container was being created; delete it and create it again";
            } else if (status == "deleting") {
                reason = "the node stopped while this container was being deleted; delete it again";
            } else {
                reason = "its files are gone from " + (m_options.lxcPath / doc.key).string() +
                         " (was the storage mounted?); restore them and restart the node, or delete the container";
            }
            lxcLog()->warn("container {}: {}", doc.key, reason);
            m_api.containers().setStatus(doc.key, ContainerStatus::Failed, reason);
            continue;
        }
        const auto actual = statusOf(m_runtime->state(*id));
        if (toString(actual) != status) {
            m_api.containers().setStatus(doc.key, actual, "");
        }
    }
    for (const auto& info : m_runtime->list()) {
        if (!recorded.contains(info.id.str())) {
            lxcLog()->warn("container {} under {} has no record on this node; it is left alone (lxc-destroy -P {} -n {} "
                        "removes it)",
                        info.id.str(), m_options.lxcPath.string(), m_options.lxcPath.string(), info.id.str());
        }
    }
}

void ContainerEngine::loadSchedules() {
    auto read = [](const std::vector<StoredDocument>& docs) {
        std::map<Id, SnapshotSchedule> out;
        for (const auto& doc : docs) {
            const auto id = Id::parse(doc.key);
            auto schedule = scheduleOf(doc.body);
            if (id && schedule) {
                out.emplace(*id, *schedule);
            }
        }
        return out;
    };
    m_scheduler->replaceAll(read(m_store.list(SnapshotSchedulesHandler::kContainerCollection)),
                            read(m_store.list(SnapshotSchedulesHandler::kProjectCollection)));
}

// Runs under the store's write lock: only the scheduler's own file is written.
void ContainerEngine::onStoreChange(const StoreChange& change) {
    const bool container = change.collection == SnapshotSchedulesHandler::kContainerCollection;
    const bool project = change.collection == SnapshotSchedulesHandler::kProjectCollection;
    const auto id = Id::parse(change.key);
    if (!id) {
        return;
    }
    try {
        if (change.collection == "containers" && !change.document) {
            m_scheduler->forget(*id);
            return;
        }
        if (change.collection == "projects" && !change.document) {
            m_scheduler->setProjectSchedule(*id, std::nullopt);
            return;
        }
        if (!container && !project) {
            return;
        }
        const auto schedule = change.document ? scheduleOf(change.document->body) : std::nullopt;
        if (container) {
            m_scheduler->setContainerSchedule(*id, schedule);
        } else {
            m_scheduler->setProjectSchedule(*id, schedule);
        }
    } catch (const std::exception& e) {
        lxcLog()->error("snapshot schedule of {}: {}", change.key, e.what());
    }
}

void ContainerEngine::check(const Container& record) {
    mapped([&] { specOf(record).validate(); });
}

void ContainerEngine::create(const Container& record) {
    auto done = std::make_shared<std::promise<void>>();
    auto finished = done->get_future();
    {
        std::lock_guard lock(m_mutex);
        m_createQueue.push_back({record, std::move(done)});
    }
    m_wake.notify_all();
    finished.wait_for(kCreateWait);
}

void ContainerEngine::createLoop() {
    for (;;) {
        CreateJob job;
        {
            std::unique_lock lock(m_mutex);
            m_wake.wait(lock, [this] { return m_stopping || !m_createQueue.empty(); });
            if (m_createQueue.empty()) {
                return;
            }
            job = std::move(m_createQueue.front());
            m_createQueue.pop_front();
        }
        const Container& record = job.record;
        try {
            m_runtime->create(specOf(record));
        } catch (const std::exception& e) {
            // The runtime reported a failure it saw itself already; this covers refusals before it began.
            lxcLog()->error("container {}: create failed: {}", record.id, e.what());
            if (!m_runtime->exists(idOf(record.id))) {
                m_api.containers().setStatus(record.id, ContainerStatus::Failed, e.what());
            }
        }
        job.done->set_value();
    }
}

void ContainerEngine::update(const Container& record) {
    const Id id = idOf(record.id);
    if (!m_runtime->exists(id)) {
        return; // a failed create: the record alone changes
    }
    ContainerLimits limits;
    limits.memoryMb = static_cast<int>(std::min<std::uint32_t>(record.limits.memoryMb, INT32_MAX));
    limits.cpus = record.limits.cpus;
    mapped([&] { m_runtime->update(id, limits, record.autostart); });
}

void ContainerEngine::destroy(const std::string& containerId) {
    const Id id = idOf(containerId);
    if (!m_runtime->exists(id)) {
        m_runtime->discardRemnant(id);
        return;
    }
    mapped([&] {
        if (m_runtime->state(id) == ContainerState::Running) {
            m_runtime->stop(id);
        }
        m_runtime->destroy(id); // snapshots are inside its directory and go with it
    });
}

void ContainerEngine::act(const std::string& containerId, std::string_view action) {
    const Id id = idOf(containerId);
    if (!m_runtime->exists(id)) {
        throw ApiFailure::conflict("container " + containerId +
                                   " was never made on this node (its creation failed); delete it and create it again");
    }
    mapped([&] {
        if (action == "start") {
            m_runtime->start(id);
        } else if (action == "stop") {
            m_runtime->stop(id);
        } else if (action == "restart") {
            m_runtime->restart(id);
        } else if (action == "force-stop") {
            m_runtime->forceStop(id);
        } else {
            throw RuntimeError(RuntimeError::Kind::InvalidInput, "action", "unknown action");
        }
    });
}

std::vector<Snapshot> ContainerEngine::snapshots(const std::string& containerId) {
    const Id id = idOf(containerId);
    std::vector<Snapshot> out;
    if (!m_runtime->exists(id)) {
        return out;
    }
    for (const auto& info : mapped([&] { return m_snapshots->list(id); })) {
        out.push_back(snapshotOf(info));
    }
    return out;
}

Snapshot ContainerEngine::createSnapshot(const std::string& containerId, const SnapshotCreate& request) {
    const Id id = idOf(containerId);
    if (!m_runtime->exists(id)) {
        throw ApiFailure::conflict("container " + containerId + " was never made on this node; it has no files to snapshot");
    }
    const auto info = mapped([&] {
        return m_snapshots->create(id, SnapshotRequest{request.label.value_or(""), request.expiresInDays});
    });
    auto out = snapshotOf(info);
    publishSnapshot(containerId, "created", nlohmann::json(out));
    return out;
}

void ContainerEngine::restoreSnapshot(const std::string& containerId, const std::string& name) {
    const Id id = idOf(containerId);
    if (!m_runtime->exists(id)) {
        throw ApiFailure::notFound();
    }
    mapped([&] { m_snapshots->restore(id, name); });
}

void ContainerEngine::removeSnapshot(const std::string& containerId, const std::string& name) {
    const Id id = idOf(containerId);
    if (!m_runtime->exists(id)) {
        throw ApiFailure::notFound();
    }
    mapped([&] { m_snapshots->remove(id, name); });
    publishSnapshot(containerId, "deleted", {{"name", name}});
}

void ContainerEngine::publishSnapshot(const std::string& containerId, const char* kind, nlohmann::json data) {
    const auto container = m_store.get("containers", containerId);
    if (!container) {
        return;
    }
    Event event;
    event.kind = kind;
    event.resource = "snapshot";
    event.id = containerId;
    event.realmId = container->body.value("realm_id", std::string());
    event.data = std::move(data);
    m_api.events().publish(std::move(event));
}

ScheduleTimes ContainerEngine::scheduleTimes(const std::string& containerId, const std::string& projectId) {
    ScheduleTimes times;
    const auto container = Id::parse(containerId);
    const auto project = Id::parse(projectId);
    if (!container || !project) {
        return times;
    }
    const auto last = m_scheduler->lastRun(*container);
    if (last) {
        times.lastRun = UtcClock::format(*last);
    }
    const auto schedule = m_scheduler->effectiveSchedule({*container, *project});
    if (schedule && schedule->enabled) {
        system_clock::time_point nextTick;
        {
            std::lock_guard lock(m_mutex);
            nextTick = m_nextTick;
        }
        // Due once the interval has passed, at the first tick after that.
        const auto due = last ? *last + schedule->retention.interval() : nextTick;
        times.nextRun = UtcClock::format(due < nextTick ? nextTick : due);
    }
    return times;
}

void ContainerEngine::tickLoop() {
    std::unique_lock lock(m_mutex);
    while (!m_stopping) {
        if (m_wake.wait_until(lock, m_nextTick, [this] { return m_stopping; })) {
            return;
        }
        lock.unlock();
        tickOnce();
        lock.lock();
        m_nextTick = system_clock::now() + m_options.tickInterval;
    }
}

void ContainerEngine::tickOnce() {
    m_runtime->refreshStates();
    const auto report = m_scheduler->tick();
    for (const auto& id : report.snapshotted) {
        try {
            const auto newest = m_snapshots->list(id);
            if (!newest.empty()) {
                publishSnapshot(id.str(), "created", nlohmann::json(snapshotOf(newest.front())));
            }
        } catch (const std::exception& e) {
            lxcLog()->warn("container {}: listing its new snapshot failed: {}", id.str(), e.what());
        }
    }
    for (const auto& [id, names] : report.pruned) {
        for (const auto& name : names) {
            publishSnapshot(id.str(), "deleted", {{"name", name}});
        }
    }
}

ServerFacts ContainerEngine::facts() {
    NodeFactsCollector::Options options;
    options.storagePath = m_options.lxcPath;
    options.runtime = m_runtime.get();
    ServerFacts out = asServerFacts(NodeFactsCollector(options).collect());
    out.containers.reset(); // the API counts its records
    return out;
}

} // namespace cowl::node
