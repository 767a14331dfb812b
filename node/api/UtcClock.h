// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace cowl::node {

// RFC 3339 UTC times as the API writes them ("2026-11-29T11:12:22Z").
class UtcClock {
public:
    static std::string now();
    static std::string format(std::chrono::system_clock::time_point t);
    // Accepts "YYYY-MM-DDTHH:MM:SS[.frac](Z|±HH:MM)"; nullopt when malformed.
    static std::optional<std::chrono::system_clock::time_point> parse(std::string_view text);
};

} // namespace cowl::node
