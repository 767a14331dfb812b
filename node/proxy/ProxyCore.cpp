// SPDX-License-Identifier: GPL-3.0-or-later
#include "node/proxy/ProxyCore.h"

namespace cowl::node {

ProxyCore::ProxyCore(ProxyOptions options)
    : m_options(std::move(options)),
      m_certificates(m_options.enableHttp2),
      m_clientAddress(m_options.trustedProxies),
      m_gate(m_options),
      m_passwords(m_options.passwordThreads, {m_options.limits.maxWaitingPasswordChecks,
                                              m_options.limits.maxWaitingPasswordChecksPerClient}),
      m_log(m_options.accessLogPath, m_options.accessLogRotateBytes, m_options.accessLogKeep, m_options.workerCount())
{
    m_certificates.setDefault(m_options.certificatePem, m_options.privateKeyPem);
    m_snapshot.store(std::make_shared<const ProxySnapshot>());
}

void ProxyCore::setSnapshot(std::shared_ptr<const ProxySnapshot> snapshot)
{
    m_snapshot.store(std::move(snapshot), std::memory_order_release);
    m_generation.fetch_add(1, std::memory_order_acq_rel);
}

bool ProxyCore::tryOpenConnection()
{
    auto n = m_connections.fetch_add(1, std::memory_order_relaxed);
    if (n >= m_options.limits.maxConnections) {
        m_connections.fetch_sub(1, std::memory_order_relaxed);
        return false;
    }
    return true;
}

} // namespace cowl::node
