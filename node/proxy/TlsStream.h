// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstddef>
#include <memory>
#include <string>

#include <boost/asio/buffer.hpp>
#include <boost/asio/compose.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/socket_base.hpp>
#include <boost/asio/ssl/stream_base.hpp>
#include <boost/system/error_code.hpp>
#include <openssl/ssl.h>

#include "node/proxy/DeadlineSocket.h"

namespace cowl::node {

// TLS with OpenSSL writing straight to the socket (a BIO that calls send)
// and reading from one input buffer that Asio fills. Asio's ssl::stream ran
// every record through a BIO pair and two 17 KiB staging buffers, with a
// composed operation per read and write; a small request paid for two copies
// and four nested handlers per direction. Reads go through Asio's receive
// (not a readiness wait and then recv) because Asio re-registers the socket
// with epoll (epoll_ctl) on every readiness wait, but not for a receive.
//
// Two layers of API:
// - readNow / writeNow do what is possible without blocking and report
//   would_block; readReady / writeReady wait until a retry can progress
//   (readReady receives the next bytes into the input buffer). The proxy's
//   own loops use these, so a write that the socket takes at once costs no
//   asynchronous operation at all.
// - async_read_some / async_write_some / async_handshake / async_shutdown
//   make it an Asio stream for Beast's parser loops and asio::async_write.
// One read and one write may be in flight at a time (HTTP/2 and tunnels read
// and write concurrently); they wait for readiness independently.
class TlsStream {
public:
    using executor_type = ProxyExecutor;
    using next_layer_type = DeadlineSocket;
    using Wait = boost::asio::socket_base::wait_type;

    // `context` is only read during the call (the SSL object keeps its own
    // reference); the socket may still be unopened (an upstream connecting).
    TlsStream(DeadlineSocket socket, SSL_CTX* context);
    TlsStream(const TlsStream&) = delete;
    TlsStream& operator=(const TlsStream&) = delete;
    ~TlsStream();

    executor_type get_executor() noexcept { return m_socket.get_executor(); }
    DeadlineSocket& next_layer() noexcept { return m_socket; }
    SSL* native_handle() noexcept { return m_ssl; }

    std::size_t readNow(boost::asio::mutable_buffer buffer, boost::system::error_code& ec);
    std::size_t writeNow(boost::asio::const_buffer buffer, boost::system::error_code& ec);
    // One handshake or shutdown step; true when finished. A shutdown sends
    // close_notify and does not wait for the peer's (the socket closes next).
    bool handshakeNow(boost::asio::ssl::stream_base::handshake_type type, boost::system::error_code& ec);
    bool shutdownNow(boost::system::error_code& ec);

    template <class Token>
    auto readReady(Token&& token)
    {
        return boost::asio::async_initiate<Token, void(boost::system::error_code)>(
            [this](auto handler) {
                if (m_readWaits == Wait::wait_write) {
                    m_socket.async_wait(Wait::wait_write, std::move(handler));
                    return;
                }
                auto space = boost::asio::buffer(m_input.get() + m_inputEnd, kInputBytes - m_inputEnd);
                m_socket.async_read_some(space, InputFilled<decltype(handler)>{this, std::move(handler)});
            },
            token);
    }
    template <class Token>
    auto writeReady(Token&& token)
    {
        return m_socket.async_wait(m_writeWaits, std::forward<Token>(token));
    }

    template <class MutableBuffers, class Token>
    auto async_read_some(const MutableBuffers& buffers, Token&& token)
    {
        auto first = boost::asio::buffer_sequence_begin(buffers);
        boost::asio::mutable_buffer target = first == boost::asio::buffer_sequence_end(buffers)
                                                 ? boost::asio::mutable_buffer()
                                                 : boost::asio::mutable_buffer(*first);
        return run<std::size_t>([target](TlsStream& s, boost::system::error_code& ec) {
            return s.readNow(target, ec);
        }, &TlsStream::m_readWaits, std::forward<Token>(token));
    }

    template <class ConstBuffers, class Token>
    auto async_write_some(const ConstBuffers& buffers, Token&& token)
    {
        boost::asio::const_buffer target = gather(buffers);
        return run<std::size_t>([target](TlsStream& s, boost::system::error_code& ec) {
            return s.writeNow(target, ec);
        }, &TlsStream::m_writeWaits, std::forward<Token>(token));
    }

    template <class Token>
    auto async_handshake(boost::asio::ssl::stream_base::handshake_type type, Token&& token)
    {
        return run<void>([type](TlsStream& s, boost::system::error_code& ec) { s.handshakeNow(type, ec); },
                         &TlsStream::m_readWaits, std::forward<Token>(token));
    }

    template <class Token>
    auto async_shutdown(Token&& token)
    {
        return run<void>([](TlsStream& s, boost::system::error_code& ec) { s.shutdownNow(ec); },
                         &TlsStream::m_writeWaits, std::forward<Token>(token));
    }

private:
    // Retries `step` after each readiness wait until it stops asking for one.
    // A step that finishes at once completes through a post, never inside
    // the initiating call (callers' frames are not re-entered).
    template <class Result, class Step>
    struct Operation {
        TlsStream& stream;
        Step step;
        Wait TlsStream::*waits;
        bool waited = false;

        template <class Self>
        void operator()(Self& self, boost::system::error_code ec = {})
        {
            Result result{};
            if (!ec) {
                if constexpr (std::is_void_v<Result>)
                    step(stream, ec);
                else
                    result = step(stream, ec);
                if (ec == boost::asio::error::would_block) {
                    waited = true;
                    if (waits == &TlsStream::m_readWaits)
                        stream.readReady(std::move(self));
                    else
                        stream.writeReady(std::move(self));
                    return;
                }
            }
            if (!waited) {
                auto executor = stream.get_executor();
                boost::asio::post(executor, [self = std::move(self), ec, result]() mutable { finish(self, ec, result); });
                return;
            }
            finish(self, ec, result);
        }

        template <class Self>
        static void finish(Self& self, boost::system::error_code ec, [[maybe_unused]] Result result)
        {
            if constexpr (std::is_void_v<Result>)
                self.complete(ec);
            else
                self.complete(ec, result);
        }
    };

    template <class Result, class Step, class Token>
    auto run(Step step, Wait TlsStream::*waits, Token&& token)
    {
        using Signature = std::conditional_t<std::is_void_v<Result>, void(boost::system::error_code),
                                             void(boost::system::error_code, std::size_t)>;
        return boost::asio::async_compose<Token, Signature>(
            Operation<std::conditional_t<std::is_void_v<Result>, void, Result>, Step>{*this, std::move(step), waits},
            token, m_socket.socket());
    }

    // One TLS write takes one buffer: several small ones (a head and a body)
    // are copied together so that they leave as one record.
    template <class ConstBuffers>
    boost::asio::const_buffer gather(const ConstBuffers& buffers)
    {
        auto begin = boost::asio::buffer_sequence_begin(buffers);
        auto end = boost::asio::buffer_sequence_end(buffers);
        if (begin == end)
            return {};
        boost::asio::const_buffer first(*begin);
        if (std::next(begin) == end || first.size() >= kGatherLimit)
            return first;
        m_gathered.clear();
        for (auto it = begin; it != end && m_gathered.size() < kGatherLimit; ++it) {
            boost::asio::const_buffer piece(*it);
            std::size_t take = std::min(piece.size(), kGatherLimit - m_gathered.size());
            m_gathered.append(static_cast<const char*>(piece.data()), take);
        }
        return boost::asio::buffer(m_gathered);
    }

    // Completes a readReady: the bytes join the input; the peer's end is kept
    // for OpenSSL to see (close_notify or a truncation), not reported here.
    template <class Handler>
    struct InputFilled {
        TlsStream* stream;
        Handler handler;

        void operator()(boost::system::error_code ec, std::size_t n)
        {
            stream->m_inputEnd += n;
            if (ec == boost::asio::error::eof) {
                stream->m_inputClosed = true;
                ec = {};
            }
            std::move(handler)(ec);
        }
    };

    friend struct TlsStreamBio;
    std::size_t failure(int result, Wait& waits, boost::system::error_code& ec);

    static constexpr std::size_t kGatherLimit = 16 * 1024;
    // One full TLS record (16 KiB of data plus its header and tag).
    static constexpr std::size_t kInputBytes = 16 * 1024 + 512;

    DeadlineSocket m_socket;
    SSL* m_ssl = nullptr;
    std::unique_ptr<char[]> m_input = std::make_unique_for_overwrite<char[]>(kInputBytes);
    std::size_t m_inputBegin = 0;  // bytes not yet read by OpenSSL: [begin, end)
    std::size_t m_inputEnd = 0;
    bool m_inputClosed = false;    // the peer closed; OpenSSL reads end-of-file
    Wait m_readWaits = Wait::wait_read;
    Wait m_writeWaits = Wait::wait_write;
    bool m_roleSet = false;
    std::string m_gathered;
    // During the handshake records are collected and sent as one flight (one
    // segment where it fits): sent record by record, a TLS 1.2 server flight
    // took four segments, and the client's delayed acknowledgements made
    // connections wait for tail-loss probes.
    bool m_collecting = false;
    std::string m_flight;
    std::size_t m_flightSent = 0;
    bool sendFlight(boost::system::error_code& ec);
};

} // namespace cowl::node
