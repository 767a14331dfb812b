// SPDX-License-Identifier: GPL-3.0-or-later
// Cowl's ProxyServer library on its own, for `tests/bench/proxy.sh --cowl-library`:
// the same data plane `cowl-node serve` runs, with one container (program
// http -> the given upstream) behind one password group, and no node, API or
// LXC around it. It isolates the data plane for profiling and measures it
// while serve is not wired. bench.py compiles it against a build's static
// libraries (it is not part of the CMake build).
//   proxy_library PORT CERT KEY UPSTREAM_HOST UPSTREAM_PORT USER PASSWORD
// Prints `ready host=HOST` once published; stops on SIGTERM or SIGINT.
#include <csignal>
#include <cstdint>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>

#include <pthread.h>

#include <boost/asio/ip/address.hpp>
#include <nlohmann/json.hpp>

#include "node/proxy/ProxyServer.h"
#include "shared/access/AccessDocument.h"

namespace {

std::string readFile(const char* path)
{
    std::ifstream in(path);
    if (!in)
        throw std::runtime_error(std::string("cannot read ") + path);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

} // namespace

int main(int argc, char** argv)
{
    using namespace cowl;
    using namespace cowl::node;
    if (argc != 8) {
        std::cerr << "usage: proxy_library PORT CERT KEY UPSTREAM_HOST UPSTREAM_PORT USER PASSWORD\n";
        return 2;
    }
    // Blocked before the workers start so that only sigwait below sees them.
    sigset_t stopSignals;
    sigemptyset(&stopSignals);
    sigaddset(&stopSignals, SIGTERM);
    sigaddset(&stopSignals, SIGINT);
    pthread_sigmask(SIG_BLOCK, &stopSignals, nullptr);
    try {
        ProxyOptions options;
        options.listen = {{boost::asio::ip::make_address("::1"), static_cast<std::uint16_t>(std::stoi(argv[1]))}};
        options.certificatePem = readFile(argv[2]);
        options.privateKeyPem = readFile(argv[3]);
        ProxyServer server(std::move(options));
        server.start();

        const nlohmann::json document = {
            {"groups", {{"bench", {{"type", "password"}, {"username", argv[6]}, {"password", argv[7]}}}}},
            {"permissions", {{"bench", {{"http", true}}}}},
            {"default", "deny"}};
        auto access = std::make_shared<const AccessDocument>(AccessDocument::fromRequestJson(document, nullptr));
        auto snapshot = std::make_shared<ProxySnapshot>();
        snapshot->nodeSuffix = "bench.cowl.test";
        const Id project = Id::generate();
        const Id container = Id::generate();
        snapshot->containers.emplace(
            container, ProxyContainer{project, container, argv[4],
                                      {{"http", static_cast<std::uint16_t>(std::stoi(argv[5]))}}, access, 1, true,
                                      false});
        server.publish(snapshot);
        std::cout << "ready host=" << project.str() << "-" << container.str() << "-http." << "bench.cowl.test"
                  << std::endl;

        int signal = 0;
        sigwait(&stopSignals, &signal);
        server.stop();
    } catch (const std::exception& error) {
        std::cerr << "proxy_library: " << error.what() << "\n";
        return 1;
    }
    return 0;
}
