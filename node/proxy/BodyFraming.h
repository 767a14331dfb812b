// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <array>
#include <charconv>
#include <cstdint>
#include <string>
#include <string_view>

#include <boost/asio/buffer.hpp>

#include "node/proxy/ProxyStream.h"
#include "node/proxy/StreamIo.h"

namespace cowl::node {

// How a body travels on one hop. The proxy decides framing itself and never
// copies the other side's Content-Length or Transfer-Encoding: a container
// cannot make the client's connection read a different message boundary
// than the one the proxy relays (and a client cannot do it to a container).
struct BodyFraming {
    enum class Kind { None, Length, Chunked, AsReceived };
    Kind kind = Kind::None;
    std::uint64_t length = 0;

    static BodyFraming none() { return {}; }
    static BodyFraming fixed(std::uint64_t n) { return {Kind::Length, n}; }
    static BodyFraming chunked() { return {Kind::Chunked, 0}; }
    // HEAD answers, 204 and 304: no body follows, Content-Length describes
    // the resource and passes unchanged.
    static BodyFraming asReceived() { return {Kind::AsReceived, 0}; }
};

// Chunked transfer coding, written by the proxy for bodies whose length it
// does not know: "size-in-hex CRLF data CRLF", ending in "0 CRLF CRLF".
struct ChunkFrame {
    static void appendHeader(std::string& out, std::size_t size)
    {
        char digits[20];
        auto end = std::to_chars(digits, digits + sizeof digits, size, 16).ptr;
        out.append(digits, static_cast<std::size_t>(end - digits));
        out.append("\r\n");
    }
    static constexpr std::string_view kEnd = "\r\n";
    static constexpr std::string_view kLast = "0\r\n\r\n";
};

// Writes `pending` (a head, a chunk header, or nothing), then one piece of
// body in `framing`; `last` ends the body. Pieces up to 16 KiB are copied
// behind `pending`, so that a small message leaves as one write and, towards
// a client, one TLS record; a larger piece tops a non-empty `pending` up to 16 KiB first.
// `pending` is empty afterwards.
template <class Stream>
ProxyTask<void> writeFramed(Stream& to, std::string& pending, BodyFraming framing, const char* data, std::size_t size,
                            bool last, boost::system::error_code& ec)
{
    namespace asio = boost::asio;
    constexpr std::size_t kCoalesce = 16 * 1024;
    const bool chunked = framing.kind == BodyFraming::Kind::Chunked;
    if (chunked && size > 0)
        ChunkFrame::appendHeader(pending, size);
    std::string_view tail;
    if (chunked)
        tail = size > 0 ? (last ? "\r\n0\r\n\r\n" : ChunkFrame::kEnd) : (last ? ChunkFrame::kLast : "");
    if (size <= kCoalesce) {
        pending.append(data, size);
        pending.append(tail);
        co_await writeAll(to, asio::buffer(pending), ec);
    } else {
        // Only a head or chunk header is topped up; body bytes alone go out uncopied.
        std::size_t topUp = pending.empty() || pending.size() >= kCoalesce ? 0 : kCoalesce - pending.size();
        pending.append(data, topUp);
        co_await writeAll(to, asio::buffer(pending), ec);
        if (!ec)
            co_await writeAll(to, asio::buffer(data + topUp, size - topUp), ec);
        if (!ec && !tail.empty())
            co_await writeAll(to, asio::buffer(tail.data(), tail.size()), ec);
    }
    pending.clear();
}

} // namespace cowl::node
