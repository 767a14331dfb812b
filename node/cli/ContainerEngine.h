// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <chrono>
#include <condition_variable>
#include <deque>
#include <filesystem>
#include <future>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "node/api/ContainerBackend.h"
#include "node/store/DocumentStore.h"

namespace cowl::node {

class ContainerRuntime;
class ControlApi;
class SnapshotScheduler;
class SnapshotStore;
struct ContainerEvent;

// The container runtime as `cowl-node serve` runs it: ContainerRuntime,
// SnapshotStore and SnapshotScheduler behind the API's ContainerBackend seam.
// Runtime state changes become record statuses (ContainerService::setStatus,
// so the store and the event stream follow); creates run on a worker thread
// (the API waits for them a while: kCreateWait);
// the scheduler ticks on a thread of its own and follows the schedule
// documents in the store. start() reconciles the records with what the
// runtime finds on disk and starts the autostart containers.
class ContainerEngine final : public ContainerBackend {
public:
    // Where the containers live: <state>/containers, or what <state>/storage.json
    // says (written by `cowl-node init --storage-image`: a btrfs image file
    // loop-mounted at lxcPath, mounted again by serve when it is not).
    struct Storage {
        std::filesystem::path lxcPath;
        std::optional<std::filesystem::path> image;

        static Storage load(const std::filesystem::path& stateDir); // throws std::runtime_error naming the file
        void save(const std::filesystem::path& stateDir) const;
        static std::filesystem::path file(const std::filesystem::path& stateDir) { return stateDir / "storage.json"; }
    };

    // How long a create request waits for the runtime before it answers `creating`
    // (a first debian create takes minutes; busybox and tarballs are done well within).
    static constexpr std::chrono::seconds kCreateWait{20};

    struct Options {
        std::filesystem::path lxcPath;
        std::string ula48; // "fdxx:xxxx:xxxx::/48" (node.json)
        std::vector<std::string> helperCommand;
        std::filesystem::path schedulerStateFile;
        std::chrono::seconds tickInterval{60};
        bool prepareHost = true; // /etc/subuid, the nft isolation chain
    };

    // For `cowl-node serve`: storage per storage.json (mounting the image if
    // needed), the helper is this binary, the scheduler's state in the state dir.
    static Options optionsFor(const std::filesystem::path& stateDir, const std::string& ula48);

    ContainerEngine(Options options, DocumentStore& store, ControlApi& api);
    ~ContainerEngine() override;
    ContainerEngine(const ContainerEngine&) = delete;
    ContainerEngine& operator=(const ContainerEngine&) = delete;

    // Reconcile, attach to the API, autostart, start the threads.
    void start();
    // Detaches from the API and joins the threads (a create in progress finishes first).
    void stop();

    const std::filesystem::path& lxcPath() const { return m_options.lxcPath; }

    void check(const Container& record) override;
    void create(const Container& record) override;
    void update(const Container& record) override;
    void destroy(const std::string& containerId) override;
    void act(const std::string& containerId, std::string_view action) override;
    std::vector<Snapshot> snapshots(const std::string& containerId) override;
    Snapshot createSnapshot(const std::string& containerId, const SnapshotCreate& request) override;
    void restoreSnapshot(const std::string& containerId, const std::string& name) override;
    void removeSnapshot(const std::string& containerId, const std::string& name) override;
    ScheduleTimes scheduleTimes(const std::string& containerId, const std::string& projectId) override;
    ServerFacts facts() override;

private:
    void onRuntimeEvent(const ContainerEvent& event);
    void reconcile();
    void loadSchedules();
    void onStoreChange(const StoreChange& change);
    void createLoop();
    void tickLoop();
    void tickOnce();
    void publishSnapshot(const std::string& containerId, const char* kind, nlohmann::json data);

    Options m_options;
    DocumentStore& m_store;
    ControlApi& m_api;
    std::unique_ptr<ContainerRuntime> m_runtime;
    std::unique_ptr<SnapshotStore> m_snapshots;
    std::unique_ptr<SnapshotScheduler> m_scheduler;

    // The store has no unsubscribe: its observer holds this and checks it.
    struct Liveness {
        std::mutex mutex;
        ContainerEngine* engine = nullptr;
    };
    std::shared_ptr<Liveness> m_liveness = std::make_shared<Liveness>();

    std::mutex m_mutex; // guards everything below
    std::condition_variable m_wake;
    bool m_stopping = false;
    struct CreateJob {
        Container record;
        std::shared_ptr<std::promise<void>> done;
    };
    std::deque<CreateJob> m_createQueue;
    std::chrono::system_clock::time_point m_nextTick;
    std::thread m_creator;
    std::thread m_ticker;
};

} // namespace cowl::node
