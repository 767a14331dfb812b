// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstddef>

#include <boost/beast/http/buffer_body.hpp>

namespace cowl::node {

// Hands the bytes just read to a buffer_body serializer, for every streaming
// loop of both sessions. Beast frames each buffer it is given as one chunk,
// and an empty chunk is the last chunk ("0\r\n\r\n"): a read that produced no
// body bytes (only a chunk header arrived) must become "no buffer yet", never
// an empty buffer, or a chunked body ends early at the other side.
inline void offerBody(boost::beast::http::buffer_body::value_type& body, void* data, std::size_t size, bool more)
{
    body.data = size > 0 ? data : nullptr;
    body.size = size;
    body.more = more;
}

} // namespace cowl::node
