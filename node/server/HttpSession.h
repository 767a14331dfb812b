// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <chrono>
#include <memory>
#include <optional>
#include <string>

#include <boost/asio/redirect_error.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/websocket.hpp>

#include "node/api/ApiFailure.h"
#include "node/api/ControlApi.h"
#include "node/server/EventStreamSession.h"
#include "node/server/StreamTimeout.h"

namespace cowl::node {

// HTTP/1.1 keep-alive loop of one connection: read a request (headers first,
// so an oversized body is refused before it is read), hand it to ControlApi,
// write the answer. An upgrade on /api/v1/events becomes an EventStreamSession.
class HttpSession {
public:
    static constexpr std::chrono::seconds kIdleTimeout{60};
    static constexpr std::chrono::seconds kIoTimeout{30};

    template <class Stream>
    static boost::asio::awaitable<void> serve(Stream stream, ControlApi& api, std::optional<Principal> local) {
        namespace beast = boost::beast;
        namespace http = beast::http;
        using boost::asio::redirect_error;
        using boost::asio::use_awaitable;

        beast::flat_buffer buffer;
        for (;;) {
            http::request_parser<http::string_body> parser;
            parser.body_limit(ControlApi::kMaxBody);
            parser.header_limit(32 * 1024);
            boost::system::error_code ec;
            StreamTimeout::arm(stream, kIdleTimeout);
            co_await http::async_read_header(stream, buffer, parser, redirect_error(use_awaitable, ec));
            if (ec == http::error::body_limit) {
                // Beast refuses a Content-Length over the limit while reading the header.
                co_await writeFailure(stream, ApiFailure::payloadTooLarge());
                co_await drain(stream);
                co_return;
            }
            if (ec) {
                if (ec != http::error::end_of_stream && buffer.size() > 0) {
                    co_await writeFailure(stream, ApiFailure::badRequest("bad_request", "malformed HTTP request"));
                }
                co_return;
            }
            const auto& head = parser.get();
            if (const auto length = parser.content_length(); length && *length > ControlApi::kMaxBody) {
                co_await writeFailure(stream, ApiFailure::payloadTooLarge());
                co_await drain(stream);
                co_return;
            }
            if (beast::iequals(head[http::field::expect], "100-continue")) {
                http::response<http::empty_body> cont{http::status::continue_, head.version()};
                co_await http::async_write(stream, cont, redirect_error(use_awaitable, ec));
                if (ec) {
                    co_return;
                }
            }
            StreamTimeout::arm(stream, kIoTimeout);
            co_await http::async_read(stream, buffer, parser, redirect_error(use_awaitable, ec));
            if (ec == http::error::body_limit) {
                co_await writeFailure(stream, ApiFailure::payloadTooLarge());
                co_await drain(stream);
                co_return;
            }
            if (ec) {
                co_return;
            }
            auto request = parser.release();
            const std::string target(request.target());
            const std::string path = target.substr(0, target.find('?'));

            if (beast::websocket::is_upgrade(request) && path == "/api/v1/events") {
                std::optional<Principal> who =
                    local ? local : api.authenticate(std::string(request[http::field::authorization]));
                if (!who) {
                    co_await writeFailure(stream, ApiFailure::unauthorized());
                    co_return;
                }
                auto session = std::make_shared<EventStreamSession<Stream>>(std::move(stream), api.events(), *who);
                co_await session->run(std::move(request));
                co_return;
            }

            ApiRequest apiRequest;
            apiRequest.method = std::string(request.method_string());
            apiRequest.target = target;
            apiRequest.authorization = std::string(request[http::field::authorization]);
            apiRequest.contentType = std::string(request[http::field::content_type]);
            if (request.find(http::field::if_match) != request.end()) {
                apiRequest.ifMatch = std::string(request[http::field::if_match]);
            }
            apiRequest.host = std::string(request[http::field::host]);
            apiRequest.body = std::move(request.body());
            const ApiResponse answer = api.handle(apiRequest, local);
            const bool keepAlive = request.keep_alive();
            co_await write(stream, answer, request.version(), keepAlive);
            if (!keepAlive) {
                co_return;
            }
        }
    }

private:
    // Closing with unread request bytes makes the kernel send a reset, and the
    // client would lose the 413 we wrote: read and drop what is still coming.
    template <class Stream>
    static boost::asio::awaitable<void> drain(Stream& stream) {
        constexpr std::size_t kMaxDrain = 8 * ControlApi::kMaxBody;
        char sink[16 * 1024];
        std::size_t drained = 0;
        StreamTimeout::arm(stream, std::chrono::seconds(5));
        while (drained < kMaxDrain) {
            boost::system::error_code ec;
            const std::size_t n = co_await stream.async_read_some(
                boost::asio::buffer(sink), boost::asio::redirect_error(boost::asio::use_awaitable, ec));
            if (ec) {
                break;
            }
            drained += n;
        }
    }

    template <class Stream>
    static boost::asio::awaitable<bool> write(Stream& stream, const ApiResponse& answer, unsigned version,
                                              bool keepAlive) {
        namespace http = boost::beast::http;
        http::response<http::string_body> res{static_cast<http::status>(answer.status), version};
        res.set(http::field::server, "cowl-node");
        res.set(http::field::cache_control, "no-store");
        if (answer.status != 204) {
            res.set(http::field::content_type, "application/json");
            // An error may quote the client's own bytes back; never let invalid UTF-8
            // in them turn an answer into a dropped connection.
            res.body() = answer.body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
        }
        if (answer.etag) {
            res.set(http::field::etag, "\"" + std::to_string(*answer.etag) + "\"");
        }
        res.keep_alive(keepAlive);
        res.prepare_payload();
        boost::system::error_code ec;
        StreamTimeout::arm(stream, kIoTimeout);
        co_await http::async_write(stream, res, boost::asio::redirect_error(boost::asio::use_awaitable, ec));
        co_return !ec;
    }

    template <class Stream>
    static boost::asio::awaitable<void> writeFailure(Stream& stream, const ApiFailure& failure) {
        co_await write(stream, ControlApi::envelope(failure), 11, false);
    }
};

} // namespace cowl::node
