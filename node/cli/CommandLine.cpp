// SPDX-License-Identifier: GPL-3.0-or-later
#include "node/cli/CommandLine.h"

#include "node/cli/CliError.h"
#include "node/cli/InitCommand.h"
#include "node/cli/LockdownCommand.h"
#include "node/cli/ServeCommand.h"
#include "node/cli/TokenCommand.h"
#include "node/cli/Version.h"
#include "node/containers/LxcHelperMain.h"
#include "node/containers/LxcHelperProcess.h"

#include <algorithm>
#include <iostream>
#include <string>
#include <vector>

namespace cowl::node {

namespace {

constexpr const char* kOverview =
    "usage: cowl-node COMMAND [OPTIONS]\n"
    "\n"
    "  init      create a node state directory (certificates, config, operator token)\n"
    "  serve     run the node (control API, proxy, containers)\n"
    "  token     create, list or revoke API tokens\n"
    "  lockdown  turn the proxy off for a container, a project or the whole node\n"
    "  unlock    turn it back on\n"
    "  help      this text; `cowl-node COMMAND --help` for one command\n"
    "  --version print the version\n";

const char* helpFor(const std::string& command) {
    if (command == "init")
        return InitCommand::help();
    if (command == "serve")
        return ServeCommand::help();
    if (command == "token")
        return TokenCommand::help();
    if (command == "lockdown" || command == "unlock")
        return LockdownCommand::help();
    return nullptr;
}

int dispatch(const std::string& command, const std::vector<std::string>& args) {
    if (command == "init")
        return InitCommand::run(args);
    if (command == "serve")
        return ServeCommand::run(args);
    if (command == "token")
        return TokenCommand::run(args);
    if (command == "lockdown")
        return LockdownCommand::run(args, true);
    if (command == "unlock")
        return LockdownCommand::run(args, false);
    throw UsageError("unknown command '" + command + "'; see: cowl-node help");
}

} // namespace

int runCommandLine(int argc, char** argv) {
    const std::vector<std::string> all(argv + 1, argv + argc);
    if (all.empty()) {
        std::cerr << kOverview;
        return 2;
    }
    const std::string& command = all.front();
    const std::vector<std::string> args(all.begin() + 1, all.end());
    // Hidden: the node re-executes itself as its single-threaded liblxc helper.
    if (command == "__lxc-helper")
        return runLxcHelper(LxcHelperProcess::kChannelFd);
    if (command == "--version" || command == "version") {
        std::cout << "cowl-node " << version() << std::endl;
        return 0;
    }
    if (command == "help" || command == "--help" || command == "-h") {
        const char* text = args.empty() ? kOverview : helpFor(args.front());
        std::cout << (text ? text : kOverview);
        return text ? 0 : 2;
    }
    if (std::find_if(args.begin(), args.end(), [](const std::string& a) { return a == "--help" || a == "-h"; })
        != args.end()) {
        if (const char* text = helpFor(command)) {
            std::cout << text;
            return 0;
        }
    }
    try {
        return dispatch(command, args);
    } catch (const UsageError& e) {
        std::cerr << "cowl-node: " << e.what() << "\n";
        return 2;
    } catch (const std::exception& e) {
        std::cerr << "cowl-node " << command << ": " << e.what() << "\n";
        return 1;
    }
}

} // namespace cowl::node
