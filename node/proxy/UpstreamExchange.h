// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <algorithm>
#include <chrono>
#include <limits>
#include <optional>
#include <string>
#include <string_view>

#include <boost/asio/awaitable.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/error.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/stream_traits.hpp>
#include <boost/beast/http/buffer_body.hpp>
#include <boost/beast/http/parser.hpp>

#include "node/proxy/ProxyStream.h"
#include "node/proxy/StreamIo.h"
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
// interim 1xx answers; a 101 ends the wait when `upgrade` (WebSocket). Body
// bytes that came with the head stay in `buffer`. Throws UpstreamFailure.
template <class Stream>
ProxyTask<void> readResponseHead(Stream& upstream, boost::beast::flat_buffer& buffer,
                                 std::optional<ResponseParser>& parser, bool headRequest, bool upgrade,
                                 std::chrono::milliseconds timeout, FieldArena* arena)
{
    namespace http = boost::beast::http;
    constexpr std::size_t kMaxHead = 64 * 1024;
    constexpr std::size_t kMinRead = 4 * 1024;
    boost::beast::get_lowest_layer(upstream).expires_after(timeout);
    for (;;) {
        emplaceParser(parser, arena);
        parser->body_limit(std::numeric_limits<std::uint64_t>::max());
        parser->header_limit(kMaxHead);
        if (headRequest)
            parser->skip(true);
        // The head is read whole before Beast parses it once (Beast's own
        // read loop re-parsed from the start after every partial read).
        std::size_t headLength = 0;
        for (std::size_t scanned = 0;;) {
            std::string_view data(static_cast<const char*>(buffer.data().data()), buffer.size());
            if (auto end = data.find("\r\n\r\n", scanned); end != std::string_view::npos) {
                headLength = end + 4;
                break;
            }
            if (data.size() > kMaxHead)
                throw upstreamFailure("reading the response head", http::error::header_limit);
            scanned = data.size() > 3 ? data.size() - 3 : 0;
            boost::system::error_code ec;
            std::size_t room = std::max(kMinRead, buffer.capacity() - buffer.size());
            std::size_t n = co_await readSome(upstream, buffer.prepare(room), ec);
            if (ec)
                throw upstreamFailure("reading the response head", ec);
            buffer.commit(n);
        }
        boost::system::error_code ec;
        parser->put(boost::asio::buffer(buffer.data().data(), headLength), ec);
        // A buffer_body parser reports need_buffer once the head is in and body bytes wait.
        if (ec == http::error::need_buffer)
            ec = {};
        if (!ec && !parser->is_header_done())
            ec = http::error::partial_message;
        if (ec)
            throw upstreamFailure("reading the response head", ec);
        buffer.consume(headLength);
        const int status = parser->get().result_int();
        if (status < 100 || status >= 200 || (upgrade && status == 101))
            co_return;
    }
}

} // namespace cowl::node
