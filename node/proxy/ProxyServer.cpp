// SPDX-License-Identifier: GPL-3.0-or-later
#include "node/proxy/ProxyServer.h"

#include <future>
#include <thread>

#include <boost/asio/post.hpp>

#include "node/proxy/ProxyCore.h"
#include "node/proxy/ProxyWorker.h"

namespace cowl::node {

ProxyServer::ProxyServer(ProxyOptions options)
    : m_core(std::make_unique<ProxyCore>(std::move(options)))
{
    const unsigned threads = m_core->options().workerCount();
    for (unsigned i = 0; i < threads; ++i)
        m_workers.push_back(std::make_unique<ProxyWorker>(*m_core, i));
    for (auto& worker : m_workers)
        worker->setTeam(&m_workers);
    m_endpoints = m_core->options().listen;
}

ProxyServer::~ProxyServer()
{
    stop();
    // Checks still awaited complete (Busy) into the workers' queues while
    // those still exist; they are destroyed with the workers, before the core.
    m_core->passwords().stop();
}

void ProxyServer::start()
{
    if (m_running)
        return;
    for (auto& worker : m_workers)
        worker->listen(m_endpoints);
    for (auto& worker : m_workers)
        worker->start();
    m_running = true;
}

void ProxyServer::stop()
{
    if (!m_running)
        return;
    for (auto& worker : m_workers)
        worker->stop();
    m_running = false;
}

ProxyServer::CutReport ProxyServer::publish(std::shared_ptr<const ProxySnapshot> snapshot)
{
    auto started = std::chrono::steady_clock::now();
    CutReport report;
    auto previous = m_core->snapshot();
    std::vector<Id> victims;
    bool documentsChanged = false;
    for (const auto& [id, before] : previous->containers) {
        const ProxyContainer* after = snapshot->findContainer(id);
        if (!after || (after->locked && !before.locked))
            victims.push_back(id);
        if (!after || after->access != before.access || after->accessVersion != before.accessVersion)
            documentsChanged = true;
    }
    // Credentials verified against an old document must not outlive it.
    if (documentsChanged)
        m_core->gate().documentsChanged();
    m_core->setSnapshot(std::move(snapshot));
    report.containers = victims.size();
    if (victims.empty() || !m_running)
        return report;

    std::vector<std::future<std::size_t>> cuts;
    for (auto& worker : m_workers) {
        auto task = std::make_shared<std::packaged_task<std::size_t()>>(
            [&worker, victims] { return worker->registry().cut(victims); });
        cuts.push_back(task->get_future());
        boost::asio::post(worker->io(), [task] { (*task)(); });
    }
    for (auto& f : cuts)
        report.connections += f.get();
    report.elapsed = std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - started);
    return report;
}

std::vector<std::string> ProxyServer::importCertificate(const std::string& chainPem, const std::string& keyPem)
{
    return m_core->certificates().import(chainPem, keyPem);
}

AccessLog& ProxyServer::accessLog()
{
    return m_core->accessLog();
}

PasswordVerifier& ProxyServer::passwords()
{
    return m_core->passwords();
}

std::size_t ProxyServer::openConnections() const
{
    return m_core->openConnections();
}

} // namespace cowl::node
