// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "node/api/NodeIdentity.h"
#include "node/api/ResourceView.h"
#include "node/net/Ipv6Prefix.h"
#include "node/proxy/ProxyOptions.h"
#include "node/proxy/ProxyServer.h"
#include "node/store/DocumentStore.h"

namespace cowl::node {

struct AccessLogEntry;

// The proxy inside `cowl-node serve`: turns the store (projects, containers,
// programs, access documents, settings, aliases) into ProxySnapshots and
// publishes a new one after every relevant change. Publishing happens on a
// thread of its own (never a proxy worker, never the API thread holding the
// store's write lock); changes that arrive while a snapshot is being built are
// folded into the next one, so a burst costs one or two publishes.
class ProxyEngine {
public:
    // Without a ULA prefix (a node.json from before containers had addresses)
    // containers cannot be reached: they answer as stopped (503).
    ProxyEngine(DocumentStore& store, NodeIdentity identity, std::optional<Ipv6Prefix> ula48, ProxyOptions options);
    ~ProxyEngine();
    ProxyEngine(const ProxyEngine&) = delete;
    ProxyEngine& operator=(const ProxyEngine&) = delete;

    // Publishes the first snapshot, binds (throws boost::system::system_error
    // naming the address) and starts the publisher thread.
    void start();
    void stop();

    ProxyServer& server() { return m_server; }

    // Operator certificates are kept in `dir` (NAME.crt with the chain, NAME.key
    // 0600) and installed again by start(). Call before start().
    void keepCertificatesIn(std::filesystem::path dir) { m_certificateDir = std::move(dir); }
    // Installs the pair at once (SNI picks it from the next handshake) and keeps
    // it; returns the names it covers. Throws std::runtime_error saying what is wrong.
    std::vector<std::string> importCertificate(const std::string& chainPem, const std::string& keyPem);

    // The snapshot the store describes now (what start() and every change publish).
    std::shared_ptr<const ProxySnapshot> buildSnapshot();

    // Each proxied request of a known container, in the API's shape
    // (docs/api.md "Proxy access log"), on the access log's writer thread.
    using RequestObserver = std::function<void(const AccessLogEntry& entry)>;
    void onRequest(RequestObserver observer);


private:
    void onChange(const StoreChange& change);
    void run();
    std::shared_ptr<const AccessDocument> accessFor(const std::string& containerId, const std::string& projectId,
                                                    std::uint64_t& version);

    DocumentStore& m_store;
    ResourceView m_view;
    std::optional<Ipv6Prefix> m_ula48;
    ProxyServer m_server;

    // The document in force per container, reused while its source is unchanged,
    // so an unrelated change does not empty the credential caches.
    struct CachedAccess {
        std::string key;
        std::shared_ptr<const AccessDocument> document;
        std::uint64_t version = 0;
    };
    std::map<std::string, CachedAccess> m_access; // publisher thread (and start) only
    std::uint64_t m_nextAccessVersion = 1;

    std::mutex m_mutex;
    std::condition_variable m_wake;
    bool m_dirty = false;
    bool m_stop = false;
    std::optional<std::chrono::steady_clock::time_point> m_firstChange; // oldest change not yet published
    std::thread m_publisher;
    std::filesystem::path m_certificateDir;
};

} // namespace cowl::node
