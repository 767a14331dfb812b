// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <string>
#include <string_view>

#include "node/proxy/AccessLogEntry.h"

namespace cowl::node {

// One access log entry as one line of JSON, appended straight to a buffer.
// The log's writer formats every request the proxy serves; building a JSON
// object per entry cost more CPU than proxying the request (docs/benchmarks.md).
// Strings are escaped per RFC 8259; bytes that are not UTF-8 (a client may
// send them in a path) become U+FFFD, so every line parses.
void appendAccessLogLine(std::string& out, const AccessLogEntry& entry);

// `text` as a JSON string literal, quotes included.
void appendJsonString(std::string& out, std::string_view text);

} // namespace cowl::node
