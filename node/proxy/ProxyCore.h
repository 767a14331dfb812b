// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <atomic>
#include <memory>

#include "node/proxy/AccessGate.h"
#include "node/proxy/AccessLog.h"
#include "node/proxy/CertificateStore.h"
#include "node/proxy/PasswordVerifier.h"
#include "node/proxy/ClientAddress.h"
#include "node/proxy/ProxyOptions.h"
#include "node/proxy/ProxySnapshot.h"

namespace cowl::node {

// State every worker reads: options, certificates, the routing snapshot,
// the access gate (failure counts), the password verifier and the access log.
class ProxyCore {
public:
    explicit ProxyCore(ProxyOptions options);

    const ProxyOptions& options() const { return m_options; }
    const ProxyLimits& limits() const { return m_options.limits; }
    CertificateStore& certificates() { return m_certificates; }
    const ClientAddress& clientAddress() const { return m_clientAddress; }
    AccessGate& gate() { return m_gate; }
    PasswordVerifier& passwords() { return m_passwords; }
    AccessLog& accessLog() { return m_log; }

    std::shared_ptr<const ProxySnapshot> snapshot() const { return m_snapshot.load(std::memory_order_acquire); }
    std::uint64_t generation() const { return m_generation.load(std::memory_order_acquire); }
    void setSnapshot(std::shared_ptr<const ProxySnapshot> snapshot);

    // Open client connections, for the connection limit.
    bool tryOpenConnection();
    void closeConnection() { m_connections.fetch_sub(1, std::memory_order_relaxed); }
    std::size_t openConnections() const { return m_connections.load(std::memory_order_relaxed); }

private:
    ProxyOptions m_options;
    CertificateStore m_certificates;
    ClientAddress m_clientAddress;
    AccessGate m_gate;
    PasswordVerifier m_passwords;
    AccessLog m_log;
    std::atomic<std::shared_ptr<const ProxySnapshot>> m_snapshot;
    std::atomic<std::uint64_t> m_generation{0};
    std::atomic<std::size_t> m_connections{0};
};

} // namespace cowl::node
