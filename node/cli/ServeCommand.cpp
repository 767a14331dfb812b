// SPDX-License-Identifier: GPL-3.0-or-later
#include "node/cli/ServeCommand.h"

#include "node/api/ControlApi.h"
#include "node/api/ProxyCertificatesHandler.h"
#include "node/api/ProxyLogsHandler.h"
#include "node/cli/Arguments.h"
#include "node/cli/CliError.h"
#include "node/cli/ContainerEngine.h"
#include "node/cli/NodeConnection.h"
#include "node/cli/ProxyEngine.h"
#include "node/cli/StateDirectory.h"
#include "node/cli/StateLock.h"
#include "node/config/NodeConfig.h"
#include "node/log/LogSetup.h"
#include "node/pki/NodePki.h"
#include "node/server/ControlServer.h"
#include "node/store/DocumentStore.h"

#include <boost/asio/ip/address.hpp>

#include <csignal>
#include <iostream>
#include <pthread.h>

namespace cowl::node {

namespace {

NodeConfig configFrom(const Arguments& arguments, const StateDirectory& state) {
    const std::filesystem::path file = arguments.value("config").value_or(state.configFile().string());
    NodeConfig config = NodeConfig::load(file);
    try {
        if (auto listen = arguments.value("control-listen"))
            config.controlListen = ListenAddress::parse(*listen);
    } catch (const std::invalid_argument& e) {
        throw UsageError(std::string("--control-listen: ") + e.what());
    }
    try {
        if (auto listen = arguments.value("proxy-listen"))
            config.proxyListen = ListenAddress::parse(*listen);
    } catch (const std::invalid_argument& e) {
        throw UsageError(std::string("--proxy-listen: ") + e.what());
    }
    if (auto level = arguments.value("log-level"))
        config.logLevel = *level;
    if (auto file = arguments.value("log-file"))
        config.logFile = *file;
    return config;
}

// Blocked in every thread (the server's threads inherit the mask), taken
// synchronously by the main thread: no async-signal-safety puzzles.
sigset_t stopSignals() {
    sigset_t signals;
    sigemptyset(&signals);
    sigaddset(&signals, SIGTERM);
    sigaddset(&signals, SIGINT);
    return signals;
}

} // namespace

const char* ServeCommand::help() {
    return "usage: cowl-node serve --state-dir DIR [--config FILE] [--control-listen ADDR:PORT]\n"
           "                       [--proxy-listen ADDR:PORT] [--log-level SPEC] [--log-file PATH]\n"
           "\n"
           "Runs the node from DIR (made by cowl-node init): the control API over HTTPS and on the\n"
           "local socket DIR/control.sock (root only), and the HTTPS proxy to every container program.\n"
           "Prints `cowl-node: ready control=ADDR:PORT proxy=ADDR:PORT` on stdout once both accept\n"
           "connections; stops cleanly on SIGTERM or SIGINT. Proxied requests are logged to\n"
           "DIR/proxy/access.log (rotated at 64 MiB, 5 files kept).\n"
           "Refuses to start when another cowl-node serves DIR, or when a stored file is damaged\n"
           "(the message names the file).\n"
           "\n"
           "  --config FILE            read the configuration from FILE instead of DIR/node.json\n"
           "  --control-listen ADDR:PORT  override the control API address (port 0: any free port)\n"
           "  --proxy-listen ADDR:PORT    override the proxy address (port 0: any free port)\n"
           "  --log-level SPEC         e.g. info or warn,api=debug (subsystems: api proxy lxc nft store node)\n"
           "  --log-file PATH          also log to PATH (rotated at 10 MiB, 5 files kept)\n";
}

int ServeCommand::run(const std::vector<std::string>& args) {
    const Arguments arguments(args, {{"state-dir"}, {"config"}, {"control-listen"}, {"proxy-listen"}, {"log-level"}, {"log-file"}}, 0,
                              "serve");
    const StateDirectory state(arguments.required("state-dir"));
    state.requireInitialised();
    const NodeConfig config = configFrom(arguments, state);

    auto lock = StateLock::tryAcquire(state.lockFile());
    if (!lock)
        throw CommandFailure("another cowl-node is already serving " + state.root().string() + " (it holds "
                             + state.lockFile().string() + "); stop it first, or use another --state-dir");

    LogOptions logOptions;
    logOptions.levelSpec = config.logLevel.value_or("info");
    if (config.logFile)
        logOptions.file = *config.logFile;
    try {
        configureLogging(logOptions);
    } catch (const std::invalid_argument& e) {
        throw UsageError(std::string("--log-level: ") + e.what());
    }
    const auto log = subsystemLogger("node");

    const NodePki pki = NodePki::load(state.pkiDir());
    DocumentStore store(state.storeDir());
    store.load();

    const sigset_t signals = stopSignals();
    pthread_sigmask(SIG_BLOCK, &signals, nullptr);

    const auto ula48 = Ipv6Prefix::parse(config.ula48);
    if (!ula48)
        log->warn("node.json has no ula_prefix: the proxy cannot reach containers (they answer 503); run cowl-node "
                  "init on a new state directory to get one");
    ProxyOptions proxyOptions;
    proxyOptions.listen = {boost::asio::ip::tcp::endpoint(boost::asio::ip::make_address(config.proxyListen.address),
                                                          config.proxyListen.port)};
    proxyOptions.certificatePem = pki.proxy().certificatePem + pki.caCertificatePem();
    proxyOptions.privateKeyPem = pki.proxy().privateKeyPem;
    std::filesystem::create_directories(state.root() / "proxy");
    proxyOptions.accessLogPath = (state.root() / "proxy" / "access.log").string();
    const NodeIdentity proxyIdentity{config.name, config.domain, pki.controlFingerprint(),
                                     connectionHost(config.controlListen)};
    // Declared before the control server so it outlives every API write it observes.
    ProxyEngine proxy(store, proxyIdentity, ula48, std::move(proxyOptions));

    ControlServer::Options options;
    options.listen = {boost::asio::ip::tcp::endpoint(boost::asio::ip::make_address(config.controlListen.address),
                                                     config.controlListen.port)};
    // A socket left by a node that died: we hold the lock, so it is no one's.
    std::filesystem::remove(state.controlSocket());
    options.unixSocket = state.controlSocket();
    options.certPem = pki.control().certificatePem + pki.caCertificatePem();
    options.keyPem = pki.control().privateKeyPem;
    options.identity = {config.name, config.domain, pki.controlFingerprint(), connectionHost(config.controlListen)};
    ControlServer server(std::move(options), store);
    // Without root, liblxc or nftables the node still serves its API; container actions then answer 409.
    std::unique_ptr<ContainerEngine> containers;
    try {
        containers = std::make_unique<ContainerEngine>(ContainerEngine::optionsFor(state.root(), config.ula48), store,
                                                       server.api());
        containers->start();
    } catch (const std::exception& e) {
        log->error("the container runtime did not start, so containers cannot run: {}", e.what());
        containers.reset();
    }
    proxy.onRequest([&api = server.api()](const AccessLogEntry& entry) { api.proxyLogs().record(entry); });
    proxy.keepCertificatesIn(state.root() / "proxy" / "certificates");
    server.api().proxyCertificates().attach(
        [&proxy](const std::string& chain, const std::string& key) { return proxy.importCertificate(chain, key); });
    proxy.start();
    server.start();

    ListenAddress bound = config.controlListen;
    bound.port = server.boundPort();
    log->info("node {}.{} serving control API on {} and {}", config.name, config.domain, bound.format(),
              state.controlSocket().string());
    ListenAddress proxyBound = config.proxyListen;
    proxyBound.port = proxy.server().endpoints().front().port();
    log->info("proxy serving *.{} on {}", proxyIdentity.suffix(), proxyBound.format());
    std::cout << "cowl-node: ready control=" << bound.format() << " proxy=" << proxyBound.format() << std::endl;

    int received = 0;
    sigwait(&signals, &received);
    log->info("{} received, stopping", received == SIGTERM ? "SIGTERM" : "SIGINT");
    server.stop();
    if (containers)
        containers->stop();
    proxy.stop();
    return 0;
}

} // namespace cowl::node
