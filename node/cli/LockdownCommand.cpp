// SPDX-License-Identifier: GPL-3.0-or-later
#include "node/cli/LockdownCommand.h"

#include "node/cli/Arguments.h"
#include "node/cli/CliError.h"
#include "node/cli/ControlSocketClient.h"
#include "node/cli/StateDirectory.h"
#include "node/cli/StateLock.h"
#include "node/store/DocumentStore.h"
#include "shared/Id.h"

#include <iostream>

namespace cowl::node {

namespace {

// What is being locked, and where its settings live (store and API).
struct LockTarget {
    std::string description;      // "container 0123…"
    std::string ownerCollection;  // "containers", "projects"; empty for the node
    std::string settingsCollection;
    std::string key;
    std::string apiPath;
    nlohmann::json freshBody;     // settings as the API creates them when none exist yet
};

LockTarget targetFrom(const Arguments& arguments, const std::string& command) {
    const auto container = arguments.value("container");
    const auto project = arguments.value("project");
    const bool all = arguments.flag("all");
    if (int(container.has_value()) + int(project.has_value()) + int(all) != 1)
        throw UsageError("cowl-node " + command + " needs exactly one of --container ID, --project ID or --all");
    if (all)
        return {"the whole node", "", "settings_node", "node", "/api/v1/node/proxy/settings", {{"enable_proxy", true}}};
    const bool isContainer = container.has_value();
    const std::string id = isContainer ? *container : *project;
    const std::string kind = isContainer ? "container" : "project";
    return {kind + " " + id,
            isContainer ? "containers" : "projects",
            isContainer ? "settings_container" : "settings_project",
            id,
            "/api/v1/" + kind + "s/" + id + "/proxy/settings",
            {{"enable_proxy", true}, {"default", nullptr}}};
}

[[noreturn]] void notFound(const LockTarget& target) {
    throw CommandFailure("there is no " + target.description
                         + " on this node; nothing was changed (ids are 24 hex characters, shown in the console)");
}

void applyOffline(const StateDirectory& state, const LockTarget& target, bool enableProxy) {
    DocumentStore store(state.storeDir());
    store.load();
    if (!target.ownerCollection.empty() && (!Id::isValid(target.key) || !store.get(target.ownerCollection, target.key)))
        notFound(target);
    nlohmann::json body = target.freshBody;
    std::uint64_t expected = 0;
    if (auto current = store.get(target.settingsCollection, target.key)) {
        body = current->body;
        expected = current->version;
    }
    body["enable_proxy"] = enableProxy;
    store.put(target.settingsCollection, target.key, std::move(body), expected);
}

void applyOnline(const StateDirectory& state, const LockTarget& target, bool enableProxy) {
    if (!target.ownerCollection.empty() && !Id::isValid(target.key))
        notFound(target);
    const ControlSocketClient client(state.controlSocket());
    // A console may change the same settings between our read and write: retry on 412.
    for (int attempt = 0; attempt < 5; ++attempt) {
        const auto current = client.request("GET", target.apiPath);
        if (current.status == 404)
            notFound(target);
        if (current.status != 200)
            throw CommandFailure("the node refused to show the settings of " + target.description + ": "
                                 + current.errorMessage());
        const auto settings = current.json().value_or(nlohmann::json::object());
        const auto version = settings.value("version", std::uint64_t{0});
        const auto reply = client.request("PATCH", target.apiPath, nlohmann::json{{"enable_proxy", enableProxy}},
                                          {{"If-Match", "\"" + std::to_string(version) + "\""}});
        if (reply.status == 200)
            return;
        if (reply.status != 412)
            throw CommandFailure("the node refused to change " + target.description + ": " + reply.errorMessage());
    }
    throw CommandFailure("the settings of " + target.description
                         + " kept changing under us (someone else is editing them); try again");
}

} // namespace

const char* LockdownCommand::help() {
    return "usage: cowl-node lockdown --state-dir DIR (--container ID | --project ID | --all)\n"
           "       cowl-node unlock   --state-dir DIR (--container ID | --project ID | --all)\n"
           "\n"
           "lockdown turns the proxy off (enable_proxy false) for one container, a project or the\n"
           "whole node: its URLs answer 503 and open connections are cut; containers keep running.\n"
           "unlock turns it back on. When the node runs this goes through its control socket (as\n"
           "root) and applies at once; otherwise it is written to the state directory and the node\n"
           "starts locked.\n";
}

int LockdownCommand::run(const std::vector<std::string>& args, bool lock) {
    const std::string command = lock ? "lockdown" : "unlock";
    const Arguments arguments(args, {{"state-dir"}, {"container"}, {"project"}, {"all", false}}, 0, command);
    const StateDirectory state(arguments.required("state-dir"));
    const LockTarget target = targetFrom(arguments, command);
    state.requireInitialised();

    auto stateLock = StateLock::tryAcquire(state.lockFile());
    const bool running = !stateLock;
    if (running)
        applyOnline(state, target, !lock);
    else
        applyOffline(state, target, !lock);

    std::cerr << "cowl-node: " << target.description << (lock ? " locked down" : " unlocked")
              << (running ? " (the running node applied it)" : " (the node is stopped; it starts this way)") << ".\n";
    return 0;
}

} // namespace cowl::node
