// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstddef>
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <string_view>

#include <spdlog/spdlog.h>

namespace cowl::node {

// The node's subsystems, one spdlog logger each, all sharing the same sinks.
inline constexpr std::string_view kLogSubsystems[] = {"api", "proxy", "lxc", "nft", "store", "node"};

struct LogOptions {
    std::string levelSpec = "info";  // "info,api=debug,proxy=warn"
    std::filesystem::path file;      // empty: stderr only
    std::size_t maxFileBytes = 10 * 1024 * 1024;
    std::size_t maxFiles = 5;
    bool toStderr = true;
};

struct LogLevels {
    spdlog::level::level_enum fallback = spdlog::level::info;
    std::map<std::string, spdlog::level::level_enum, std::less<>> perSubsystem;
};

// Parses "LEVEL[,subsystem=LEVEL...]". Throws std::invalid_argument saying which
// part is wrong and what is accepted.
LogLevels parseLogLevels(std::string_view spec);

// (Re)creates every subsystem logger with the shared sinks. Throws
// std::invalid_argument for a bad spec, spdlog::spdlog_ex if the file cannot be opened.
void configureLogging(const LogOptions& options);

// The logger of one subsystem; before configureLogging, a stderr logger at info.
std::shared_ptr<spdlog::logger> subsystemLogger(std::string_view subsystem);

} // namespace cowl::node
