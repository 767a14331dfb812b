// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <chrono>

#include <boost/beast/core/stream_traits.hpp>

namespace cowl::node {

// Deadlines for streams that have them (beast::tcp_stream under TLS); a no-op
// for the Unix socket, whose only peers are local.
class StreamTimeout {
public:
    template <class Stream>
    static void arm(Stream& stream, std::chrono::seconds timeout) {
        auto& lowest = boost::beast::get_lowest_layer(stream);
        if constexpr (requires { lowest.expires_after(timeout); }) {
            lowest.expires_after(timeout);
        }
    }

    template <class Stream>
    static void disarm(Stream& stream) {
        auto& lowest = boost::beast::get_lowest_layer(stream);
        if constexpr (requires { lowest.expires_never(); }) {
            lowest.expires_never();
        }
    }
};

} // namespace cowl::node
