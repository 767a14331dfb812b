// SPDX-License-Identifier: GPL-3.0-or-later
// Input: the bytes a client sends before the blank line. The verdict must be
// total (no crash, no sanitizer report), and an accepted head must be one a
// container reads the same way: one Host, Transfer-Encoding only as the final
// "chunked", never beside a Content-Length, no obs-fold.
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "node/proxy/RequestHead.h"

using cowl::node::RequestHead;
namespace http = boost::beast::http;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    std::string_view input(reinterpret_cast<const char*>(data), size);
    // The session hands over exactly one head: up to the first blank line.
    auto end = input.find("\r\n\r\n");
    if (end == std::string_view::npos)
        return 0;
    std::string_view head = input.substr(0, end + 4);

    RequestHead::Parser parser;
    auto verdict = RequestHead::parse(head, parser, 8192);
    if (verdict != RequestHead::Verdict::Ok)
        return 0;

    const auto& request = parser.get();
    if (request.count(http::field::host) != 1)
        std::abort();
    if (request.count(http::field::content_length) > 1)
        std::abort();
    if (request.count(http::field::transfer_encoding) > 0 &&
        (!parser.chunked() || request.count(http::field::content_length) > 0))
        std::abort();
    if (RequestHead::hasObsFold(head))
        std::abort();
    // Only the path form the proxy routes: the method and target are what the
    // access log and the router read next.
    (void)request.method_string();
    (void)request.target();
    return 0;
}
