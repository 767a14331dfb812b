// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <chrono>
#include <cstdint>
#include <string_view>

#include <boost/beast/core/string.hpp>

namespace cowl::node {

// Wall-clock microseconds since the epoch: the access log's timestamps and durations,
// taken the same way by the HTTP/1.1 and HTTP/2 sessions.
inline std::int64_t wallClockMicros() {
    return std::chrono::duration_cast<std::chrono::microseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

// Beast's string_view as the standard one, without a copy.
inline std::string_view toStdView(boost::beast::string_view s) { return {s.data(), s.size()}; }

} // namespace cowl::node
