// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <deque>
#include <memory>
#include <mutex>
#include <string>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <boost/beast/websocket.hpp>
#include <boost/beast/websocket/ssl.hpp>

#include "node/api/EventHub.h"
#include "node/api/EventSink.h"
#include "node/server/StreamTimeout.h"

namespace cowl::node {

// One WebSocket on /api/v1/events. Owns its stream. The hub calls deliver/close
// from any thread; frames are queued and written by one writer coroutine on the
// stream's strand, while a reader coroutine answers pings and notices the close.
template <class Stream>
class EventStreamSession : public EventSink, public std::enable_shared_from_this<EventStreamSession<Stream>> {
public:
    // A console that stops reading is cut off rather than growing the queue forever.
    static constexpr std::size_t kMaxQueued = 10000;

    EventStreamSession(Stream stream, EventHub& hub, Principal principal)
        : m_ws(std::move(stream)), m_hub(hub), m_principal(std::move(principal)), m_signal(m_ws.get_executor()) {}

    void deliver(std::string frame) override {
        {
            std::lock_guard lock(m_mutex);
            if (m_closing) {
                return;
            }
            if (m_queue.size() >= kMaxQueued) {
                m_closing = true;
            } else {
                m_queue.push_back(std::move(frame));
            }
        }
        wake();
    }

    void close() override {
        {
            std::lock_guard lock(m_mutex);
            m_closing = true;
            m_revoked = true;
        }
        wake();
    }

    template <class Request>
    boost::asio::awaitable<void> run(Request request) {
        namespace websocket = boost::beast::websocket;
        using boost::asio::redirect_error;
        using boost::asio::use_awaitable;
        auto self = this->shared_from_this();
        StreamTimeout::disarm(m_ws.next_layer());
        m_ws.set_option(websocket::stream_base::timeout::suggested(boost::beast::role_type::server));
        m_ws.set_option(websocket::stream_base::decorator(
            [](websocket::response_type& res) { res.set(boost::beast::http::field::server, "cowl-node"); }));
        m_ws.read_message_max(64 * 1024);
        boost::system::error_code ec;
        co_await m_ws.async_accept(request, redirect_error(use_awaitable, ec));
        if (ec) {
            co_return;
        }
        const auto subscription = m_hub.subscribe(m_principal, self);
        m_ws.text(true);
        co_await m_ws.async_write(boost::asio::buffer(subscription.hello), redirect_error(use_awaitable, ec));
        if (!ec) {
            boost::asio::co_spawn(m_ws.get_executor(), self->readLoop(), boost::asio::detached);
            co_await writeLoop();
        }
        m_hub.unsubscribe(subscription.id);
        bool revoked = false;
        {
            std::lock_guard lock(m_mutex);
            m_closing = true;
            revoked = m_revoked;
        }
        if (m_ws.is_open()) {
            websocket::close_reason reason(revoked ? websocket::close_code::policy_error : websocket::close_code::going_away);
            co_await m_ws.async_close(reason, redirect_error(use_awaitable, ec));
        }
    }

private:
    void wake() {
        auto self = this->shared_from_this();
        boost::asio::post(m_ws.get_executor(), [self] { self->m_signal.cancel(); });
    }

    boost::asio::awaitable<void> writeLoop() {
        using boost::asio::redirect_error;
        using boost::asio::use_awaitable;
        for (;;) {
            std::deque<std::string> batch;
            bool closing = false;
            {
                std::lock_guard lock(m_mutex);
                batch.swap(m_queue);
                closing = m_closing;
            }
            if (closing) {
                co_return;
            }
            if (batch.empty()) {
                boost::system::error_code ec;
                m_signal.expires_at(boost::asio::steady_timer::time_point::max());
                co_await m_signal.async_wait(redirect_error(use_awaitable, ec));
                continue;
            }
            for (const auto& frame : batch) {
                boost::system::error_code ec;
                co_await m_ws.async_write(boost::asio::buffer(frame), redirect_error(use_awaitable, ec));
                if (ec) {
                    co_return;
                }
            }
        }
    }

    boost::asio::awaitable<void> readLoop() {
        auto self = this->shared_from_this();
        boost::beast::flat_buffer buffer;
        for (;;) {
            boost::system::error_code ec;
            co_await m_ws.async_read(buffer, boost::asio::redirect_error(boost::asio::use_awaitable, ec));
            if (ec) {
                break;
            }
            buffer.consume(buffer.size()); // consoles have nothing to say on this stream
        }
        {
            std::lock_guard lock(m_mutex);
            m_closing = true;
        }
        m_signal.cancel();
    }

    boost::beast::websocket::stream<Stream> m_ws;
    EventHub& m_hub;
    Principal m_principal;
    boost::asio::steady_timer m_signal;
    std::mutex m_mutex;
    std::deque<std::string> m_queue;
    bool m_closing = false;
    bool m_revoked = false;
};

} // namespace cowl::node
