// SPDX-License-Identifier: GPL-3.0-or-later
#include "node/proxy/RequestHead.h"

#include <limits>

#include <boost/asio/buffer.hpp>

namespace cowl::node {

namespace http = boost::beast::http;

bool RequestHead::hasObsFold(std::string_view head) {
    for (auto pos = head.find("\r\n"); pos != std::string_view::npos && pos + 2 < head.size();
         pos = head.find("\r\n", pos + 2)) {
        const char next = head[pos + 2];
        if (next == ' ' || next == '\t') {
            return true;
        }
    }
    return false;
}

RequestHead::Verdict RequestHead::parse(std::string_view head, Parser& parser, std::size_t maxHeaderBytes) {
    if (head.size() > maxHeaderBytes + 4) {
        return Verdict::TooLarge;
    }
    if (hasObsFold(head)) {
        return Verdict::Malformed;
    }
    parser.header_limit(static_cast<std::uint32_t>(maxHeaderBytes + 8));
    parser.body_limit(std::numeric_limits<std::uint64_t>::max());
    parser.eager(false);
    boost::system::error_code ec;
    const std::size_t used = parser.put(boost::asio::buffer(head.data(), head.size()), ec);
    if (ec || !parser.is_header_done() || used != head.size()) {
        return Verdict::Malformed;
    }
    const auto& request = parser.get();
    // Transfer-Encoding must be exactly "chunked" (last); never with a
    // Content-Length; one Content-Length; exactly one Host.
    const bool transferEncoding = request.count(http::field::transfer_encoding) > 0;
    if ((transferEncoding && !parser.chunked()) || request.count(http::field::host) != 1 ||
        request.count(http::field::content_length) > 1) {
        return Verdict::Ambiguous;
    }
    return Verdict::Ok;
}

} // namespace cowl::node
