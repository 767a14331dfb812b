// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <string>

namespace cowl::node {

// One proxied request, as the access log, the API and the event stream see it.
struct AccessLogEntry {
    std::int64_t timeMicros = 0;  // Unix epoch, microseconds
    std::string container;        // 24-hex id, empty when the host was unknown
    std::string project;
    std::string program;
    std::string alias;
    std::string client;
    std::string method;
    std::string path;             // without the query string (it may carry tokens)
    int status = 0;
    std::uint64_t bytesIn = 0;
    std::uint64_t bytesOut = 0;
    std::int64_t durationMicros = 0;
    std::string decision;         // allow, deny, not_found, locked, stopped, throttled, bad_request, error
    std::string group;
    std::string reason;
    std::string protocol;         // HTTP/1.1, HTTP/2, WebSocket

    // Empties every field but keeps the strings' storage, for an entry that
    // is filled again (see AccessLog::record).
    void clear()
    {
        timeMicros = 0;
        for (std::string* s : {&container, &project, &program, &alias, &client, &method, &path, &decision, &group,
                               &reason, &protocol})
            s->clear();
        status = 0;
        bytesIn = bytesOut = 0;
        durationMicros = 0;
    }
};

} // namespace cowl::node
