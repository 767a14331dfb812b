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
#include <boost/asio/ssl/error.hpp>
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
// - async_read_some makes it an Asio read stream for Beast's parser loops.
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

    // An Asio read stream for Beast's parser loops (chunked bodies).
    template <class MutableBuffers, class Token>
    auto async_read_some(const MutableBuffers& buffers, Token&& token)
    {
        auto first = boost::asio::buffer_sequence_begin(buffers);
        boost::asio::mutable_buffer target = first == boost::asio::buffer_sequence_end(buffers)
                                                 ? boost::asio::mutable_buffer()
                                                 : boost::asio::mutable_buffer(*first);
        return boost::asio::async_compose<Token, void(boost::system::error_code, std::size_t)>(
            ReadOperation{*this, target}, token, m_socket.socket());
    }

private:
    // Reads after each readReady until OpenSSL has bytes or an error. A read
    // that finishes at once completes through a post, never inside the
    // initiating call (callers' frames are not re-entered).
    struct ReadOperation {
        TlsStream& stream;
        boost::asio::mutable_buffer target;
        bool waited = false;

        template <class Self>
        void operator()(Self& self, boost::system::error_code ec = {})
        {
            std::size_t n = 0;
            if (!ec) {
                n = stream.readNow(target, ec);
                if (ec == boost::asio::error::would_block) {
                    waited = true;
                    stream.readReady(std::move(self));
                    return;
                }
            }
            if (!waited) {
                boost::asio::post(stream.get_executor(),
                                  [self = std::move(self), ec, n]() mutable { self.complete(ec, n); });
                return;
            }
            self.complete(ec, n);
        }
    };

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
    void failure(int result, Wait& waits, boost::system::error_code& ec);

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
