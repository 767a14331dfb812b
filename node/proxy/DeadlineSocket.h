// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cerrno>
#include <chrono>
#include <utility>

#include <boost/asio/async_result.hpp>
#include <boost/asio/basic_stream_socket.hpp>
#include <boost/asio/basic_waitable_timer.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/error.hpp>
#include <boost/smart_ptr/intrusive_ptr.hpp>
#include <boost/smart_ptr/intrusive_ref_counter.hpp>
#include <sys/socket.h>
#include <time.h>

namespace cowl::node {

using ProxyExecutor = boost::asio::io_context::executor_type;
using ProxySocket = boost::asio::basic_stream_socket<boost::asio::ip::tcp, ProxyExecutor>;

// A TCP socket with a deadline: when it passes, the socket is closed and the
// operation in flight fails with beast::error::timeout. It replaces Beast's
// basic_stream, which re-armed a timer (a timer-queue update, a cancelled wait
// run as a handler, a heap-allocated operation) around every read and write.
// Here moving the deadline is an assignment; the one timer of the socket is
// re-armed only when it fires before the current deadline, or when a deadline
// earlier than the armed one is set (at most once per timeout period).
class DeadlineSocket {
public:
    using executor_type = ProxyExecutor;
    using lowest_layer_type = DeadlineSocket; // asio::ssl::stream names it
    using Clock = std::chrono::steady_clock;

    explicit DeadlineSocket(ProxySocket socket) : m_state(new State(std::move(socket))) {}
    explicit DeadlineSocket(boost::asio::io_context& io) : m_state(new State(io)) {}
    DeadlineSocket(DeadlineSocket&&) noexcept = default;
    DeadlineSocket& operator=(DeadlineSocket&&) noexcept = default;
    ~DeadlineSocket()
    {
        if (m_state)
            m_state->shut();
    }

    executor_type get_executor() noexcept { return m_state->socket.get_executor(); }
    ProxySocket& socket() { return m_state->socket; }
    lowest_layer_type& lowest_layer() { return *this; }

    void expires_after(Clock::duration timeout) { m_state->setDeadline(coarseNow() + timeout); }
    void expires_never() { m_state->deadline = Clock::time_point::max(); }
    void close() { m_state->shut(); }

    template <class MutableBuffers, class Token>
    auto async_read_some(const MutableBuffers& buffers, Token&& token)
    {
        return boost::asio::async_initiate<Token, void(boost::system::error_code, std::size_t)>(
            [state = m_state](auto handler, const MutableBuffers& b) {
                state->socket.async_read_some(b, TimeoutAware<decltype(handler)>{state, std::move(handler)});
            },
            token, buffers);
    }

    template <class ConstBuffers, class Token>
    auto async_write_some(const ConstBuffers& buffers, Token&& token)
    {
        return boost::asio::async_initiate<Token, void(boost::system::error_code, std::size_t)>(
            [state = m_state](auto handler, const ConstBuffers& b) {
                state->socket.async_write_some(b, TimeoutAware<decltype(handler)>{state, std::move(handler)});
            },
            token, buffers);
    }

    // Waits until the socket is readable or writable (TlsStream and the
    // proxy's own loops retry a non-blocking call then).
    template <class Token>
    auto async_wait(boost::asio::socket_base::wait_type type, Token&& token)
    {
        return boost::asio::async_initiate<Token, void(boost::system::error_code)>(
            [state = m_state](auto handler, boost::asio::socket_base::wait_type t) {
                state->socket.async_wait(t, TimeoutAware<decltype(handler)>{state, std::move(handler)});
            },
            token, type);
    }

    // The same non-blocking write interface as TlsStream: do what is possible
    // now, would_block otherwise; then wait with writeReady. (Reads go through
    // async_read_some: see StreamIo.h.) MSG_DONTWAIT whatever mode the
    // descriptor is in.
    std::size_t writeNow(boost::asio::const_buffer buffer, boost::system::error_code& ec)
    {
        ssize_t n = ::send(m_state->socket.native_handle(), buffer.data(), buffer.size(), MSG_DONTWAIT | MSG_NOSIGNAL);
        return sent(n, ec);
    }
    template <class Token>
    auto writeReady(Token&& token)
    {
        return async_wait(boost::asio::socket_base::wait_write, std::forward<Token>(token));
    }

    template <class Token>
    auto async_connect(const boost::asio::ip::tcp::endpoint& endpoint, Token&& token)
    {
        return boost::asio::async_initiate<Token, void(boost::system::error_code)>(
            [state = m_state](auto handler, const boost::asio::ip::tcp::endpoint& e) {
                state->socket.async_connect(e, TimeoutAware<decltype(handler)>{state, std::move(handler)});
            },
            token, endpoint);
    }

private:
    // Deadlines move several times per request and are seconds long: the
    // kernel's tick-granular monotonic clock (same epoch as steady_clock, at
    // most a tick behind) is plenty, and reading it costs no clock-source read.
    static Clock::time_point coarseNow()
    {
        timespec now{};
        ::clock_gettime(CLOCK_MONOTONIC_COARSE, &now);
        return Clock::time_point(std::chrono::seconds(now.tv_sec) + std::chrono::nanoseconds(now.tv_nsec));
    }

    std::size_t sent(ssize_t n, boost::system::error_code& ec) const
    {
        ec = {};
        if (n >= 0)
            return static_cast<std::size_t>(n);
        if (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR)
            ec = boost::asio::error::would_block;
        else if (m_state->expired)
            ec = boost::beast::error::timeout; // the deadline closed the socket between operations
        else
            ec = boost::system::error_code(errno, boost::system::system_category());
        return 0;
    }

    using Timer = boost::asio::basic_waitable_timer<Clock, boost::asio::wait_traits<Clock>, ProxyExecutor>;

    // Shared with the operations in flight and the timer's wait, so that a
    // socket moved or destroyed meanwhile leaves them nothing dangling to
    // touch. Counted without atomics: a socket, its operations and their
    // handlers all live on one worker's thread, and an atomic count taken and
    // dropped around every read and write cost 2% of the proxy's CPU time.
    struct State : boost::intrusive_ref_counter<State, boost::thread_unsafe_counter> {
        explicit State(ProxySocket s) : socket(std::move(s)), timer(socket.get_executor()) {}
        explicit State(boost::asio::io_context& io) : socket(io), timer(io) {}

        void setDeadline(Clock::time_point when)
        {
            deadline = when;
            if (!armed)
                arm(when);
            else if (when < timer.expiry())
                arm(when); // cancels the later wait, which then does nothing
        }

        void arm(Clock::time_point when)
        {
            armed = true;
            timer.expires_at(when);
            timer.async_wait([self = boost::intrusive_ptr<State>(this)](boost::system::error_code ec) {
                if (ec == boost::asio::error::operation_aborted || self->closed)
                    return;
                self->armed = false;
                if (self->deadline == Clock::time_point::max())
                    return;
                if (Clock::now() < self->deadline) {
                    self->arm(self->deadline);
                    return;
                }
                self->expired = true;
                self->shut();
            });
        }

        void shut()
        {
            closed = true;
            boost::system::error_code ignored;
            socket.close(ignored);
            timer.cancel();
        }

        ProxySocket socket;
        Timer timer;
        Clock::time_point deadline = Clock::time_point::max();
        bool armed = false;
        bool expired = false;
        bool closed = false;
    };

    // Reports an operation cut by the deadline as beast::error::timeout, as
    // basic_stream did (the proxy answers 504 for an upstream that timed out).
    template <class Handler>
    struct TimeoutAware {
        boost::intrusive_ptr<State> state;
        Handler handler;

        template <class... Results>
        void operator()(boost::system::error_code ec, Results... results)
        {
            if (ec && state->expired)
                ec = boost::beast::error::timeout;
            std::move(handler)(ec, results...);
        }
    };

    boost::intrusive_ptr<State> m_state;
};

} // namespace cowl::node
