// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "node/containers/ContainerSpec.h"
#include "node/containers/LxcConfig.h"
#include "node/net/Ipv6Prefix.h"

namespace cowl::node {

class LxcHelperProcess;
class NftContext;

struct ContainerEvent {
    Id id;
    ContainerState state;
    std::string reason; // set when state is Failed
};

enum class StorageBackend { Btrfs, Directory };

// The node's containers, at the level of intents: create, start, stop,
// restart, force-stop, delete, state. Every liblxc call runs in the helper
// process (LxcHelperProcess); this class is thread-safe, and operations on one
// container are serialized (a second one waits for the first).
// Errors are RuntimeError; bad input changes nothing.
class ContainerRuntime {
public:
    struct Options {
        std::filesystem::path lxcPath;                     // one directory per container, <lxcPath>/<id>
        Ipv6Prefix ula48 = Ipv6Prefix::randomUla48();      // the node's ULA /48
        std::vector<std::string> helperCommand;            // e.g. {"/usr/sbin/cowl-node", "__lxc-helper"}
        std::function<void(const ContainerEvent&)> onEvent; // called on every state change, from the caller's thread
        int stopTimeoutSeconds = 10;                       // clean shutdown, then kill
        unsigned idmapBase = 1000000;
        // Touches the host: /etc/subuid+subgid range and the nft isolation chain.
        bool prepareHost = true;
    };

    explicit ContainerRuntime(Options options);
    ~ContainerRuntime();
    ContainerRuntime(const ContainerRuntime&) = delete;
    ContainerRuntime& operator=(const ContainerRuntime&) = delete;

    ContainerInfo create(const CreateSpec& spec);
    void start(const Id& id);
    void stop(const Id& id);
    void forceStop(const Id& id);
    void restart(const Id& id);
    void destroy(const Id& id);
    // Limits apply at once to a running container and are kept for the next start.
    ContainerInfo update(const Id& id, const ContainerLimits& limits, bool autostart);

    ContainerState state(const Id& id);
    ContainerInfo info(const Id& id);
    std::vector<ContainerInfo> list();
    std::string ipv6Address(const Id& id);
    bool exists(const Id& id);
    // Removes what an interrupted create left under <lxcPath>/<id> (no cowl.json,
    // so not a container of this runtime). A container the runtime has is never touched.
    void discardRemnant(const Id& id);

    // Asks liblxc about every container the runtime believes is running and
    // reports (onEvent) the ones that stopped on their own (poweroff inside, a
    // crash, lxc-stop by hand). Containers busy with an operation are skipped.
    void refreshStates();

    // Starts every container marked autostart; returns the ones that failed (with the reason in their state).
    std::vector<Id> startAutostart();

    // Runs a program inside a running container and returns its exit status.
    int run(const Id& id, const std::vector<std::string>& argv);
    // The container's init process as the host sees it; -1 when it is not running.
    int initPid(const Id& id);

    StorageBackend storageBackend() const { return m_storage; }
    const std::filesystem::path& lxcPath() const { return m_options.lxcPath; }
    std::filesystem::path rootfs(const Id& id) const;

    // Holds the container's operation lock: snapshot restore stops, swaps
    // the rootfs and starts while nothing else acts on the container.
    struct OperationLock {
        std::shared_ptr<std::mutex> mutex; // declared first: outlives the lock
        std::unique_lock<std::mutex> lock;
    };
    OperationLock lockContainer(const Id& id);
    // start/stop for callers that already hold lockContainer().
    void startLocked(const Id& id);
    void stopLocked(const Id& id);

private:
    struct Entry {
        ContainerInfo info;
        std::shared_ptr<std::mutex> operation = std::make_shared<std::mutex>();
    };

    std::shared_ptr<std::mutex> operationMutex(const Id& id);
    void setState(const Id& id, ContainerState state, const std::string& reason = {});
    nlohmann::json request(const std::string& op, const Id& id) const;
    void saveMetadata(const ContainerInfo& info) const;
    void loadExisting();
    std::string liblxcState(const Id& id);

    Options m_options;
    StorageBackend m_storage;
    LxcHostProfile m_host;
    std::unique_ptr<LxcHelperProcess> m_helper;
    std::unique_ptr<NftContext> m_nft;
    std::mutex m_mutex; // guards m_entries
    std::map<Id, Entry> m_entries;
};

std::string_view toString(StorageBackend backend);

} // namespace cowl::node
