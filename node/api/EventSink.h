// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <string>

namespace cowl::node {

// One connected event stream (a WebSocket session). Both calls come from any
// thread and must not block: the session queues and writes on its own strand.
class EventSink {
public:
    virtual ~EventSink() = default;
    virtual void deliver(std::string frame) = 0;
    virtual void close() = 0;
};

} // namespace cowl::node
