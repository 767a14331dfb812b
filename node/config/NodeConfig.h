// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "node/config/ListenAddress.h"

#include <filesystem>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

namespace cowl::node {

// <state>/node.json: what `cowl-node init` decided and `serve` runs with.
// `serve --config FILE` reads the same shape from elsewhere; command-line
// flags override single fields.
struct NodeConfig {
    std::string name = "node1";     // DNS label: container URLs end in .{name}.{domain}
    std::string domain = "cowl.test";
    ListenAddress controlListen{"127.0.0.1", 7443};
    ListenAddress proxyListen{"::", 443};
    std::string ula48;              // "fdxx:xxxx:xxxx::/48"
    std::optional<std::string> logLevel; // "info,api=debug"
    std::optional<std::string> logFile;

    // Throws std::invalid_argument naming the field when a value is wrong.
    void validate() const;

    // Throws std::runtime_error naming the file and the field.
    static NodeConfig load(const std::filesystem::path& path);
    void save(const std::filesystem::path& path) const;

    // A DNS label: 1-63 of [a-z0-9-], not starting or ending with '-'.
    static bool isValidName(std::string_view name);
    // Dot-separated labels, 1-253 characters.
    static bool isValidDomain(std::string_view domain);
};

void to_json(nlohmann::json& j, const NodeConfig& config);
// Strict: unknown fields and wrong types are errors naming the field.
void from_json(const nlohmann::json& j, NodeConfig& config);

} // namespace cowl::node
