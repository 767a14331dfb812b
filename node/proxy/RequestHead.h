// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstddef>
#include <string_view>

#include <boost/beast/http/buffer_body.hpp>
#include <boost/beast/http/parser.hpp>
#include "node/proxy/ProxyFields.h"

namespace cowl::node {

// The HTTP/1.1 request head as the proxy accepts it, apart from any socket so
// the rules can be fuzzed: one head (ending in the blank line) in, a verdict
// out. Anything two parsers could read differently is refused here, before a
// byte goes to a container (request smuggling).
class RequestHead {
public:
    using Parser = ProxyRequestParser;

    enum class Verdict {
        Ok,
        TooLarge,  // over maxHeaderBytes: 431
        Malformed, // Beast refused it, or obs-fold: 400
        Ambiguous, // framing or Host a container could read differently: 400
    };

    // `head` is everything up to and including the first "\r\n\r\n". On Ok the
    // parser holds the header and waits for the body.
    static Verdict parse(std::string_view head, Parser& parser, std::size_t maxHeaderBytes);

    // Obsolete line folding lets two parsers disagree about header boundaries.
    static bool hasObsFold(std::string_view head);
};

} // namespace cowl::node
