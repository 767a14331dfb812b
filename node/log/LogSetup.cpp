// SPDX-License-Identifier: GPL-3.0-or-later
#include "node/log/LogSetup.h"

#include <mutex>
#include <stdexcept>
#include <vector>

#include <spdlog/sinks/rotating_file_sink.h>
#include <spdlog/sinks/stdout_color_sinks.h>

namespace cowl::node {

namespace {

std::mutex g_mutex;

spdlog::level::level_enum parseLevel(std::string_view text, std::string_view where) {
    static const std::pair<std::string_view, spdlog::level::level_enum> kLevels[] = {
        {"trace", spdlog::level::trace}, {"debug", spdlog::level::debug}, {"info", spdlog::level::info},
        {"warn", spdlog::level::warn},   {"error", spdlog::level::err},   {"critical", spdlog::level::critical},
        {"off", spdlog::level::off}};
    for (const auto& [name, level] : kLevels) {
        if (name == text) {
            return level;
        }
    }
    throw std::invalid_argument("log level \"" + std::string(text) + "\" in \"" + std::string(where) +
                                "\" is not one of trace, debug, info, warn, error, critical, off");
}

bool isSubsystem(std::string_view name) {
    for (auto s : kLogSubsystems) {
        if (s == name) {
            return true;
        }
    }
    return false;
}

} // namespace

LogLevels parseLogLevels(std::string_view spec) {
    LogLevels levels;
    bool fallbackSeen = false;
    std::size_t start = 0;
    while (start <= spec.size()) {
        const std::size_t end = std::min(spec.find(',', start), spec.size());
        const std::string_view part = spec.substr(start, end - start);
        start = end + 1;
        if (part.empty()) {
            throw std::invalid_argument("empty part in log level spec \"" + std::string(spec) +
                                        "\"; write e.g. \"info,api=debug\"");
        }
        const std::size_t eq = part.find('=');
        if (eq == std::string_view::npos) {
            if (fallbackSeen) {
                throw std::invalid_argument("log level spec \"" + std::string(spec) +
                                            "\" names two default levels; give one, then subsystem=level pairs");
            }
            levels.fallback = parseLevel(part, spec);
            fallbackSeen = true;
            continue;
        }
        const std::string_view name = part.substr(0, eq);
        if (!isSubsystem(name)) {
            throw std::invalid_argument("unknown log subsystem \"" + std::string(name) +
                                        "\"; subsystems are api, proxy, lxc, nft, store, node");
        }
        levels.perSubsystem[std::string(name)] = parseLevel(part.substr(eq + 1), spec);
    }
    return levels;
}

void configureLogging(const LogOptions& options) {
    const LogLevels levels = parseLogLevels(options.levelSpec);
    std::vector<spdlog::sink_ptr> sinks;
    if (options.toStderr) {
        sinks.push_back(std::make_shared<spdlog::sinks::stderr_color_sink_mt>());
    }
    if (!options.file.empty()) {
        sinks.push_back(std::make_shared<spdlog::sinks::rotating_file_sink_mt>(
            options.file.string(), options.maxFileBytes, options.maxFiles));
    }
    std::lock_guard lock(g_mutex);
    for (auto name : kLogSubsystems) {
        auto logger = std::make_shared<spdlog::logger>(std::string(name), sinks.begin(), sinks.end());
        auto it = levels.perSubsystem.find(name);
        logger->set_level(it != levels.perSubsystem.end() ? it->second : levels.fallback);
        logger->set_pattern("%Y-%m-%dT%H:%M:%S.%eZ %^%l%$ [%n] %v", spdlog::pattern_time_type::utc);
        logger->flush_on(spdlog::level::warn);
        spdlog::drop(std::string(name));
        spdlog::register_logger(logger);
    }
}

std::shared_ptr<spdlog::logger> subsystemLogger(std::string_view subsystem) {
    std::lock_guard lock(g_mutex);
    if (auto logger = spdlog::get(std::string(subsystem))) {
        return logger;
    }
    auto logger = std::make_shared<spdlog::logger>(std::string(subsystem),
                                                   std::make_shared<spdlog::sinks::stderr_color_sink_mt>());
    logger->set_pattern("%Y-%m-%dT%H:%M:%S.%eZ %^%l%$ [%n] %v", spdlog::pattern_time_type::utc);
    spdlog::register_logger(logger);
    return logger;
}

} // namespace cowl::node
