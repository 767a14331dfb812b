// SPDX-License-Identifier: GPL-3.0-or-later
#include "node/proxy/TlsStream.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <stdexcept>

#include <boost/asio/error.hpp>
#include <boost/asio/ssl/error.hpp>
#include <openssl/err.h>
#include <sys/socket.h>

namespace cowl::node {

namespace asio = boost::asio;

// The BIO under every proxy TLS stream. Reads take the bytes Asio received
// into the stream's input buffer; writes go to the socket through
// DeadlineSocket::writeNow (non-blocking, no SIGPIPE, the descriptor looked
// up on every call so a socket a deadline or a lockdown closed fails cleanly).
struct TlsStreamBio {
    static TlsStream& streamOf(BIO* bio) { return *static_cast<TlsStream*>(BIO_get_data(bio)); }

    static int read(BIO* bio, char* out, size_t size, size_t* done)
    {
        BIO_clear_retry_flags(bio);
        TlsStream& s = streamOf(bio);
        const std::size_t available = s.m_inputEnd - s.m_inputBegin;
        *done = 0;
        if (available == 0) {
            if (!s.m_inputClosed)
                BIO_set_retry_read(bio);
            return 0; // no retry flag: the peer closed
        }
        const std::size_t n = std::min(size, available);
        std::memcpy(out, s.m_input.get() + s.m_inputBegin, n);
        s.m_inputBegin += n;
        if (s.m_inputBegin == s.m_inputEnd)
            s.m_inputBegin = s.m_inputEnd = 0;
        *done = n;
        return 1;
    }

    static int write(BIO* bio, const char* in, size_t size, size_t* done)
    {
        BIO_clear_retry_flags(bio);
        TlsStream& s = streamOf(bio);
        if (s.m_collecting) {
            s.m_flight.append(in, size);
            *done = size;
            return 1;
        }
        boost::system::error_code ec; // errno stays set for SSL_get_error
        *done = s.m_socket.writeNow(asio::buffer(in, size), ec);
        if (!ec)
            return 1;
        if (ec == asio::error::would_block)
            BIO_set_retry_write(bio);
        return 0;
    }

    static long control(BIO*, int command, long, void*)
    {
        // OpenSSL flushes after each flight of records; send has no buffer to flush.
        return command == BIO_CTRL_FLUSH ? 1 : 0;
    }

    static BIO_METHOD* method()
    {
        static BIO_METHOD* m = [] {
            BIO_METHOD* made = BIO_meth_new(BIO_get_new_index() | BIO_TYPE_SOURCE_SINK, "cowl proxy TLS");
            if (!made || BIO_meth_set_read_ex(made, read) != 1 || BIO_meth_set_write_ex(made, write) != 1 ||
                BIO_meth_set_ctrl(made, control) != 1)
                throw std::runtime_error("OpenSSL could not create the proxy's TLS BIO");
            return made;
        }();
        return m;
    }
};

namespace {

// SSL_get_error reads the thread's error queue: an error left there by other
// code on this thread (a failed JWT signature check) would turn a plain
// would-block into a broken connection.
void clearErrors()
{
    // Peeking is cheap; clearing walks all sixteen slots of the queue.
    if (ERR_peek_error() != 0)
        ERR_clear_error();
    errno = 0;
}

} // namespace

TlsStream::TlsStream(DeadlineSocket socket, SSL_CTX* context)
    : m_socket(std::move(socket)), m_ssl(SSL_new(context))
{
    BIO* bio = m_ssl ? BIO_new(TlsStreamBio::method()) : nullptr;
    if (!bio) {
        SSL_free(m_ssl);
        throw std::runtime_error("OpenSSL could not create a TLS connection (out of memory?)");
    }
    BIO_set_data(bio, this);
    BIO_set_init(bio, 1);
    SSL_set_bio(m_ssl, bio, bio);
    // Whole records, and whatever follows them, in one BIO read.
    SSL_set_read_ahead(m_ssl, 1);
    // Writes may stop after any record (async_write_some semantics), and a
    // retry after would_block may come from a moved (gathered) buffer.
    SSL_set_mode(m_ssl, SSL_MODE_ENABLE_PARTIAL_WRITE | SSL_MODE_ACCEPT_MOVING_WRITE_BUFFER);
    // OpenSSL's two record buffers (33 KiB) stay with the connection instead
    // of being freed and allocated again around every request.
    SSL_clear_mode(m_ssl, SSL_MODE_RELEASE_BUFFERS);
}

TlsStream::~TlsStream()
{
    SSL_free(m_ssl);
}

void TlsStream::failure(int result, Wait& waits, boost::system::error_code& ec)
{
    switch (SSL_get_error(m_ssl, result)) {
    case SSL_ERROR_WANT_READ:
        waits = Wait::wait_read;
        ec = asio::error::would_block;
        break;
    case SSL_ERROR_WANT_WRITE:
        waits = Wait::wait_write;
        ec = asio::error::would_block;
        break;
    case SSL_ERROR_ZERO_RETURN:
        ec = asio::error::eof; // close_notify
        break;
    case SSL_ERROR_SYSCALL:
        ec = errno != 0 ? boost::system::error_code(errno, boost::system::system_category())
                        : boost::system::error_code(asio::ssl::error::stream_truncated);
        break;
    default: {
        unsigned long error = ERR_get_error();
        // The peer closed without close_notify: what asio's stream reports.
        if (ERR_GET_REASON(error) == SSL_R_UNEXPECTED_EOF_WHILE_READING)
            ec = asio::ssl::error::stream_truncated;
        else
            ec = boost::system::error_code(static_cast<int>(error), asio::error::get_ssl_category());
        ERR_clear_error();
        break;
    }
    }
}

std::size_t TlsStream::readNow(asio::mutable_buffer buffer, boost::system::error_code& ec)
{
    ec = {};
    if (buffer.size() == 0)
        return 0;
    if (m_inputBegin == m_inputEnd && !m_inputClosed && SSL_has_pending(m_ssl) == 0 && SSL_is_init_finished(m_ssl)) {
        // Nothing received and nothing decrypted: SSL_read could only ask for more.
        m_readWaits = Wait::wait_read;
        ec = asio::error::would_block;
        return 0;
    }
    std::size_t done = 0;
    clearErrors();
    int result = SSL_read_ex(m_ssl, buffer.data(), buffer.size(), &done);
    if (result != 1)
        failure(result, m_readWaits, ec);
    return done;
}

std::size_t TlsStream::writeNow(asio::const_buffer buffer, boost::system::error_code& ec)
{
    ec = {};
    if (buffer.size() == 0)
        return 0;
    std::size_t done = 0;
    clearErrors();
    int result = SSL_write_ex(m_ssl, buffer.data(), buffer.size(), &done);
    if (result != 1)
        failure(result, m_writeWaits, ec);
    return done;
}

bool TlsStream::handshakeNow(asio::ssl::stream_base::handshake_type type, boost::system::error_code& ec)
{
    ec = {};
    if (!m_roleSet) {
        if (type == asio::ssl::stream_base::server)
            SSL_set_accept_state(m_ssl);
        else
            SSL_set_connect_state(m_ssl);
        m_roleSet = true;
    }
    // What an earlier step collected goes out before OpenSSL goes on.
    if (!sendFlight(ec))
        return false;
    clearErrors();
    m_collecting = true;
    int result = SSL_do_handshake(m_ssl);
    m_collecting = false;
    if (result != 1)
        failure(result, m_readWaits, ec);
    boost::system::error_code sendError;
    if (!sendFlight(sendError)) {
        ec = sendError; // would_block: wait for room, then send the rest
        return false;
    }
    return result == 1;
}

bool TlsStream::sendFlight(boost::system::error_code& ec)
{
    while (m_flightSent < m_flight.size()) {
        m_flightSent += m_socket.writeNow(asio::buffer(m_flight.data() + m_flightSent, m_flight.size() - m_flightSent), ec);
        if (ec) {
            if (ec == asio::error::would_block)
                m_readWaits = Wait::wait_write; // the handshake waits on the read side's slot
            return false;
        }
    }
    m_flight.clear();
    m_flightSent = 0;
    return true;
}

bool TlsStream::shutdownNow(boost::system::error_code& ec)
{
    ec = {};
    if (!SSL_is_init_finished(m_ssl))
        return true; // nothing was ever said in TLS; there is nothing to close
    clearErrors();
    int result = SSL_shutdown(m_ssl);
    if (result >= 0)
        return true;
    failure(result, m_writeWaits, ec);
    return false;
}

} // namespace cowl::node
