// SPDX-License-Identifier: GPL-3.0-or-later
#include "node/cli/InitCommand.h"

#include "node/api/TokenIssuer.h"
#include "node/cli/Arguments.h"
#include "node/cli/CliError.h"
#include "node/cli/ContainerEngine.h"
#include "node/cli/NodeConnection.h"
#include "node/cli/StateDirectory.h"
#include "node/cli/StateLock.h"
#include "node/config/NodeConfig.h"
#include "node/config/UlaPrefix.h"
#include "node/containers/RuntimeError.h"
#include "node/containers/StorageImage.h"
#include "node/pki/NodePki.h"
#include "node/store/DocumentStore.h"

#include <iostream>

namespace cowl::node {

namespace {

// Undoes a half-made state directory so a failed init can simply be re-run.
class InitRollback {
public:
    InitRollback(std::filesystem::path root, bool createdRoot) : m_root(std::move(root)), m_createdRoot(createdRoot) {}
    ~InitRollback() {
        if (m_committed)
            return;
        std::error_code ignored;
        if (m_createdRoot) {
            std::filesystem::remove_all(m_root, ignored);
            return;
        }
        for (const auto& entry : std::filesystem::directory_iterator(m_root, ignored))
            std::filesystem::remove_all(entry.path(), ignored);
    }
    InitRollback(const InitRollback&) = delete;
    InitRollback& operator=(const InitRollback&) = delete;
    void commit() { m_committed = true; }

private:
    std::filesystem::path m_root;
    bool m_createdRoot;
    bool m_committed = false;
};

NodeConfig configFrom(const Arguments& arguments) {
    NodeConfig config;
    if (auto name = arguments.value("node-name"))
        config.name = *name;
    if (auto domain = arguments.value("domain"))
        config.domain = *domain;
    try {
        if (auto listen = arguments.value("control-listen"))
            config.controlListen = ListenAddress::parse(*listen);
        if (auto listen = arguments.value("proxy-listen"))
            config.proxyListen = ListenAddress::parse(*listen);
        config.validate();
    } catch (const std::invalid_argument& e) {
        throw UsageError(e.what());
    }
    if (config.controlListen.port == 0)
        throw UsageError("--control-listen needs a fixed port (not 0): consoles connect to it by number");
    return config;
}

NodePkiNames pkiNamesFor(const NodeConfig& config) {
    NodePkiNames names;
    names.nodeName = config.name;
    names.domain = config.domain;
    names.controlDnsNames = {"localhost", config.name + "." + config.domain};
    const std::string host = localHostName();
    if (host != "localhost" && NodeConfig::isValidDomain(host))
        names.controlDnsNames.push_back(host);
    names.controlIpAddresses = {"127.0.0.1", "::1"};
    const auto& listen = config.controlListen;
    if (!listen.isWildcard() && listen.address != "127.0.0.1" && listen.address != "::1")
        names.controlIpAddresses.push_back(listen.address);
    return names;
}

} // namespace

const char* InitCommand::help() {
    return "usage: cowl-node init --state-dir DIR [--node-name NAME] [--domain DOMAIN]\n"
           "                      [--control-listen ADDR:PORT] [--proxy-listen ADDR:PORT]\n"
           "\n"
           "Creates a new node in DIR (mode 0700): node.json, the node's CA and its control and\n"
           "proxy certificates (pki/), a random IPv6 unique-local /48 for containers, realm\n"
           "\"default\" and the operator token (node scope, role admin).\n"
           "Prints the connection string (with the operator token, shown only this once) on stdout.\n"
           "Refuses a directory that is already initialised or not empty.\n"
           "\n"
           "  --node-name NAME          DNS label, default node1\n"
           "  --domain DOMAIN           default cowl.test; container URLs end in .NAME.DOMAIN\n"
           "  --control-listen ADDR:PORT  control API, default 127.0.0.1:7443 ([::1]:7443 for IPv6)\n"
           "  --proxy-listen ADDR:PORT  container proxy, default [::]:443\n"
           "  --storage-image SIZE      keep containers in a btrfs filesystem in a sparse image file of at\n"
           "                            most SIZE (e.g. 20G; at least 256M), loop-mounted at DIR/containers,\n"
           "                            so snapshots are copy-on-write on any disk; serve mounts it again\n"
           "  --storage-path PATH       the image file, default DIR/storage.img\n";
}

int InitCommand::run(const std::vector<std::string>& args) {
    const Arguments arguments(args,
                              {{"state-dir"}, {"node-name"}, {"domain"}, {"control-listen"}, {"proxy-listen"},
                               {"storage-image"}, {"storage-path"}},
                              0,
                              "init");
    const StateDirectory state(arguments.required("state-dir"));
    NodeConfig config = configFrom(arguments);
    std::optional<std::uint64_t> imageBytes;
    if (auto size = arguments.value("storage-image")) {
        try {
            imageBytes = StorageImage::parseSize(*size);
        } catch (const RuntimeError& e) {
            throw UsageError(std::string("--storage-image: ") + e.what());
        }
    } else if (arguments.value("storage-path")) {
        throw UsageError("--storage-path names the image of --storage-image SIZE; give both, or neither");
    }

    if (state.isInitialised())
        throw CommandFailure(state.root().string() + " is already initialised (node.json exists); nothing was changed. "
                             "For a new token: cowl-node token create --state-dir " + state.root().string()
                             + " --name NAME --role admin");
    std::error_code error;
    const bool exists = std::filesystem::exists(state.root(), error);
    if (exists && !std::filesystem::is_directory(state.root()))
        throw CommandFailure(state.root().string() + " exists and is not a directory; choose another --state-dir");
    if (exists && !std::filesystem::is_empty(state.root()))
        throw CommandFailure(state.root().string()
                             + " is not empty and holds no node (no node.json); choose an empty or new directory");
    if (!exists && !std::filesystem::create_directories(state.root(), error) && error)
        throw CommandFailure("cannot create " + state.root().string() + ": " + error.message());
    InitRollback rollback(state.root(), !exists);
    std::filesystem::permissions(state.root(), std::filesystem::perms::owner_all, error);
    if (error)
        throw CommandFailure("cannot make " + state.root().string() + " private (0700): " + error.message());

    // Held while we build, so a serve started meanwhile cannot see half a node.
    auto lock = StateLock::tryAcquire(state.lockFile());
    if (!lock)
        throw CommandFailure("another cowl-node is using " + state.root().string() + "; nothing was changed");

    config.ula48 = UlaPrefix::pick(UlaPrefix::hostPrefixes()).format();
    const NodePki pki = NodePki::create(state.pkiDir(), pkiNamesFor(config));

    DocumentStore store(state.storeDir());
    store.load();
    TokenIssuer::createRealm(store, "default");
    const auto issued = TokenIssuer::issue(store, "operator", TokenRole::Admin, std::nullopt);

    if (imageBytes) {
        ContainerEngine::Storage storage{state.root() / "containers",
                                         std::filesystem::absolute(arguments.value("storage-path").value_or(
                                             (state.root() / "storage.img").string()))};
        try {
            StorageImage::create(*storage.image, *imageBytes, storage.lxcPath);
        } catch (const RuntimeError& e) {
            throw CommandFailure(std::string("the storage image could not be made: ") + e.what());
        }
        storage.save(state.root());
    }

    // Written last: its presence is what "initialised" means.
    config.save(state.configFile());
    rollback.commit();

    const auto fingerprint = pki.controlFingerprint();
    std::cerr << "cowl-node: initialised node " << config.name << "." << config.domain << " in "
              << state.root().string() << "\n"
              << "  control API  " << config.controlListen.format() << "  (certificate fingerprint " << fingerprint
              << ")\n"
              << "  proxy        " << config.proxyListen.format() << "  (*." << config.name << "." << config.domain
              << ")\n"
              << "  containers   " << config.ula48 << "  (storage "
              << ContainerEngine::Storage::load(state.root()).lxcPath.string() << ")\n"
              << "The line on stdout is the connection string with the operator token (admin, every realm).\n"
              << "It is shown only now: keep it secret, paste it into the cowl console.\n"
              << "Start the node with: cowl-node serve --state-dir " << state.root().string() << "\n";
    std::cout << connectionStringFor(config, fingerprint, issued.secret).format() << std::endl;
    return 0;
}

} // namespace cowl::node
