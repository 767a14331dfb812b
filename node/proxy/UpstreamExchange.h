// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <chrono>
#include <limits>
#include <optional>
#include <string>

#include <boost/asio/awaitable.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/error.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/stream_traits.hpp>
#include <boost/beast/http/buffer_body.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>

#include "node/proxy/ProxyStream.h"
#include "node/proxy/ProxyFields.h"

namespace cowl::node {

// What both sessions do with the container's side of an exchange.

// The container failed us: 504 when `timeout`, else 502 (if nothing was sent
// to the client yet). `stage` names the step for the access log.
struct UpstreamFailure {
    bool timeout = false;
    const char* stage = "";
    boost::system::error_code ec;

    std::string describe() const { return std::string("upstream failed ") + stage + ": " + ec.message(); }
};

inline UpstreamFailure upstreamFailure(const char* stage, boost::system::error_code ec)
{
    return UpstreamFailure{ec == boost::beast::error::timeout, stage, ec};
}

using ResponseParser = ProxyResponseParser;

// Reads the response head into `parser` (bodies stream afterwards), skipping
// interim 1xx answers; a 101 ends the wait when `upgrade` (WebSocket).
// Throws UpstreamFailure.
template <class Stream>
ProxyTask<void> readResponseHead(Stream& upstream, boost::beast::flat_buffer& buffer,
                                              std::optional<ResponseParser>& parser, bool headRequest, bool upgrade,
                                              std::chrono::milliseconds timeout, FieldArena* arena)
{
    namespace http = boost::beast::http;
    for (;;) {
        emplaceParser(parser, arena);
        parser->body_limit(std::numeric_limits<std::uint64_t>::max());
        parser->header_limit(64 * 1024);
        if (headRequest)
            parser->skip(true);
        boost::beast::get_lowest_layer(upstream).expires_after(timeout);
        boost::system::error_code ec;
        co_await http::async_read_header(upstream, buffer, *parser,
                                         boost::asio::redirect_error(kProxyAwait, ec));
        // A buffer_body parser reports need_buffer once the head is in and body bytes wait.
        if (ec == http::error::need_buffer && parser->is_header_done())
            ec = {};
        if (ec)
            throw upstreamFailure("reading the response head", ec);
        const int status = parser->get().result_int();
        if (status < 100 || status >= 200 || (upgrade && status == 101))
            co_return;
    }
}

} // namespace cowl::node
