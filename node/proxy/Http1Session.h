// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <array>
#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include <boost/asio/awaitable.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/buffer_body.hpp>
#include <boost/beast/http/parser.hpp>

#include "node/proxy/AccessLogEntry.h"
#include "node/proxy/ConnectionRegistry.h"
#include "node/proxy/HeaderPolicy.h"
#include "node/proxy/ProxyAnswer.h"
#include "node/proxy/ProxyStream.h"
#include "shared/net/IpAddress.h"
#include "node/proxy/ProxyFields.h"

namespace cowl::node {

class ProxyWorker;
struct ChainOutcome;
struct UpstreamConnection;

// One HTTP/1.1 client connection: requests in sequence (keep-alive), bodies
// streamed both ways through a fixed buffer, WebSocket upgrades tunnelled.
class Http1Session final : public CuttableConnection {
public:
    using ClientStream = ProxyTlsStream;
    using RequestParser = ProxyRequestParser;

    Http1Session(ProxyWorker& worker, std::unique_ptr<ClientStream> stream, IpAddress peer);
    ~Http1Session();

    ProxyTask<void> run();
    void cut() override;

private:
    enum class HeadResult { Ok, Closed, TooLarge, Malformed, Ambiguous };
    // What handle() decided about the request, for forward().
    struct RequestShape {
        BodyFraming framing;
        bool websocket = false;
    };

    ProxyTask<HeadResult> readHead(RequestParser& parser, bool firstRequest);
    ProxyTask<bool> handle(RequestParser& parser);
    ProxyTask<void> answer(const ProxyAnswer& answer, bool close);
    template <class Upstream>
    ProxyTask<bool> forward(Upstream& upstream, UpstreamConnection& connection, RequestParser& parser,
                            RequestShape shape, AccessLogEntry& log, bool& reusable);

    ProxyWorker& m_worker;
    std::unique_ptr<ClientStream> m_stream;
    IpAddress m_peer;
    std::string m_peerText;
    // The request in flight's log entry, refilled for each request: record()
    // hands back an entry whose strings keep their storage.
    AccessLogEntry m_log;
    boost::beast::flat_buffer m_buffer;
    std::string m_out; // the head being written, reused by every request
    FieldArena m_fields; // the parsed heads of the exchange in flight
    std::vector<Id> m_attached;
    static constexpr std::size_t kChunkBytes = 64 * 1024;
    char* chunk(); // the body buffer
    std::unique_ptr<char[]> m_chunk;
    ProxyTcpStream* m_upstreamTcp = nullptr; // closed too when lockdown cuts
    bool m_clientKeepAlive = true;
    bool m_cut = false;
};

} // namespace cowl::node
