// SPDX-License-Identifier: GPL-3.0-or-later
#include "node/cli/ProxyEngine.h"


#include "node/api/UtcClock.h"
#include "node/config/AtomicFile.h"
#include "node/log/LogSetup.h"
#include "node/net/ContainerNetworkPlan.h"
#include "node/proxy/AccessLog.h"
#include "shared/access/AccessDocument.h"

namespace cowl::node {

namespace {

using SteadyClock = std::chrono::steady_clock;

// Collections whose documents end up in a snapshot; tokens and realms do not.
bool concernsProxy(std::string_view collection) {
    return collection == "projects" || collection == "containers" || collection == "programs" ||
           collection == "permissions_project" || collection == "permissions_container" ||
           collection == "settings_node" || collection == "settings_project" || collection == "settings_container" ||
           collection == "aliases";
}

bool proxyEnabled(const DocumentStore& store, std::string_view collection, std::string_view key) {
    if (auto doc = store.get(collection, key)) {
        const auto it = doc->body.find("enable_proxy");
        return it == doc->body.end() || !it->is_boolean() || it->get<bool>();
    }
    return true;
}

std::optional<ProxyAlias> aliasFrom(const nlohmann::json& body) {
    const auto container = Id::parse(body.value("container_id", std::string()));
    const std::string name = body.value("alias", std::string());
    if (!container || name.empty()) {
        return std::nullopt;
    }
    ProxyAlias alias{name, *container, body.value("program", std::string()), std::nullopt, std::nullopt, "/", true,
                     std::nullopt, true};
    if (auto it = body.find("port"); it != body.end() && it->is_number_unsigned()) {
        alias.port = it->get<std::uint16_t>();
    }
    if (auto it = body.find("index"); it != body.end() && it->is_number_unsigned()) {
        alias.index = it->get<std::uint32_t>();
    }
    alias.targetPath = body.value("target_path", std::string("/"));
    alias.allowPathOverride = body.value("allow_path_override", true);
    alias.enabled = body.value("enabled", true);
    if (auto it = body.find("expires_at"); it != body.end() && it->is_string()) {
        const auto when = UtcClock::parse(it->get<std::string>());
        // An expiry we cannot read must not turn into "never expires".
        alias.expiresAt = when ? std::chrono::duration_cast<std::chrono::seconds>(when->time_since_epoch()).count() : 0;
    }
    return alias;
}

} // namespace

ProxyEngine::ProxyEngine(DocumentStore& store, NodeIdentity identity, std::optional<Ipv6Prefix> ula48,
                         ProxyOptions options)
    : m_store(store), m_view(store, std::move(identity)), m_ula48(ula48), m_server(std::move(options)) {
    m_store.subscribe([this](const StoreChange& change) { onChange(change); });
}

ProxyEngine::~ProxyEngine() {
    stop();
}

std::vector<std::string> ProxyEngine::importCertificate(const std::string& chainPem, const std::string& keyPem) {
    auto names = m_server.importCertificate(chainPem, keyPem); // throws when the pair is wrong
    if (!m_certificateDir.empty()) {
        std::filesystem::create_directories(m_certificateDir);
        // Named for the first name it covers: importing a renewed certificate replaces the old file.
        std::string file = names.empty() ? "certificate" : names.front();
        for (char& c : file) {
            if (c == '*') {
                c = '_';
            }
        }
        writeFileAtomically(m_certificateDir / (file + ".key"), keyPem, 0600);
        writeFileAtomically(m_certificateDir / (file + ".crt"), chainPem, 0644);
    }
    return names;
}

void ProxyEngine::start() {
    if (!m_certificateDir.empty() && std::filesystem::is_directory(m_certificateDir)) {
        for (const auto& entry : std::filesystem::directory_iterator(m_certificateDir)) {
            if (entry.path().extension() != ".crt") {
                continue;
            }
            try {
                auto key = entry.path();
                key.replace_extension(".key");
                m_server.importCertificate(readWholeFile(entry.path()), readWholeFile(key));
            } catch (const std::exception& e) {
                subsystemLogger("proxy")->warn("operator certificate {} not installed: {}", entry.path().string(),
                                               e.what());
            }
        }
    }
    m_server.publish(buildSnapshot());
    m_server.start();
    m_publisher = std::thread([this] { run(); });
}

void ProxyEngine::stop() {
    {
        std::lock_guard lock(m_mutex);
        m_stop = true;
    }
    m_wake.notify_all();
    if (m_publisher.joinable()) {
        m_publisher.join();
    }
    m_server.stop();
}

void ProxyEngine::onRequest(RequestObserver observer) {
    m_server.accessLog().subscribe([observer = std::move(observer)](std::span<const AccessLogEntry> batch) {
        for (const auto& entry : batch) {
            if (!entry.container.empty()) {
                observer(entry);
            }
        }
    });
}

void ProxyEngine::onChange(const StoreChange& change) {
    // Called under the store's write lock: only note it, the publisher does the work.
    if (!concernsProxy(change.collection)) {
        return;
    }
    {
        std::lock_guard lock(m_mutex);
        m_dirty = true;
        if (!m_firstChange) {
            m_firstChange = SteadyClock::now();
        }
    }
    m_wake.notify_one();
}

void ProxyEngine::run() {
    const auto log = subsystemLogger("proxy");
    std::unique_lock lock(m_mutex);
    for (;;) {
        m_wake.wait(lock, [this] { return m_dirty || m_stop; });
        if (m_stop) {
            return;
        }
        m_dirty = false;
        const auto changedAt = *m_firstChange;
        m_firstChange.reset();
        lock.unlock();
        try {
            const auto report = m_server.publish(buildSnapshot());
            if (report.containers > 0) {
                const auto sinceChange = std::chrono::duration<double, std::milli>(SteadyClock::now() - changedAt);
                log->info("lockdown: {} connection(s) of {} container(s) cut in {:.2f} ms ({:.2f} ms after the change)",
                          report.connections, report.containers, report.elapsed.count() / 1000.0,
                          sinceChange.count());
            }
        } catch (const std::exception& e) {
            // The previous snapshot stays in force; the next change retries.
            log->error("could not publish the proxy configuration: {}", e.what());
        }
        lock.lock();
    }
}

std::shared_ptr<const AccessDocument> ProxyEngine::accessFor(const std::string& containerId,
                                                             const std::string& projectId, std::uint64_t& version) {
    auto effective = m_view.effectivePermissions(containerId, projectId);
    std::string key = effective.source;
    if (effective.stored) {
        key += "|" + effective.stored->body.dump();
    }
    if (effective.document) {
        key += effective.document->defaultDecision == DefaultDecision::Allow ? "|allow" : "|deny";
    }
    auto& cached = m_access[containerId];
    if (cached.version == 0 || cached.key != key) {
        cached.key = std::move(key);
        cached.document = effective.document ? std::shared_ptr<const AccessDocument>(std::move(effective.document))
                                              : nullptr;
        cached.version = m_nextAccessVersion++;
    }
    version = cached.version;
    return cached.document;
}

std::shared_ptr<const ProxySnapshot> ProxyEngine::buildSnapshot() {
    auto snapshot = std::make_shared<ProxySnapshot>();
    snapshot->nodeSuffix = m_view.identity().suffix();
    for (char& c : snapshot->nodeSuffix) {
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    const bool nodeEnabled = proxyEnabled(m_store, "settings_node", "node");
    std::map<std::string, bool> projectEnabled;
    std::map<std::string, bool> seen;
    for (const auto& doc : m_store.list("containers")) {
        const auto id = Id::parse(doc.key);
        const std::string projectKey = doc.body.value("project_id", std::string());
        const auto project = Id::parse(projectKey);
        if (!id || !project) {
            continue;
        }
        auto enabled = projectEnabled.find(projectKey);
        if (enabled == projectEnabled.end()) {
            enabled = projectEnabled.emplace(projectKey, proxyEnabled(m_store, "settings_project", projectKey)).first;
        }
        ProxyContainer c{*project, *id, m_ula48 ? ContainerNetworkPlan::forContainer(*m_ula48, *id).address : "", {},
                         nullptr, 0, false, false};
        c.programs = m_view.programTable(doc.key).programs;
        c.access = accessFor(doc.key, projectKey, c.accessVersion);
        c.running = m_ula48 && doc.body.value("status", std::string()) == "running";
        c.locked = !nodeEnabled || !enabled->second || !proxyEnabled(m_store, "settings_container", doc.key);
        seen[doc.key] = true;
        snapshot->containers.emplace(*id, std::move(c));
    }
    std::erase_if(m_access, [&](const auto& entry) { return !seen.contains(entry.first); });
    for (const auto& doc : m_store.list("aliases")) {
        if (auto alias = aliasFrom(doc.body)) {
            std::string name = alias->alias;
            snapshot->aliases.emplace(std::move(name), std::move(*alias));
        }
    }
    return snapshot;
}

} // namespace cowl::node
