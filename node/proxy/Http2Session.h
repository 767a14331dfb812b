// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <deque>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include <boost/asio/awaitable.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/http/message.hpp>

#include "node/proxy/AccessLog.h"
#include "node/proxy/ConnectionRegistry.h"
#include "node/proxy/ProxyAnswer.h"
#include "node/proxy/ProxyStream.h"
#include "shared/net/IpAddress.h"
#include "node/proxy/ProxyFields.h"

struct nghttp2_session;

namespace cowl::node {

class ProxyWorker;
struct ChainOutcome;
struct UpstreamConnection;

// One HTTP/2 client connection (nghttp2 in memory mode): every stream runs
// the same request chain as HTTP/1.1 and is forwarded to the container over
// a pooled HTTP/1.1 connection. Bodies stream both ways under HTTP/2 flow
// control: request DATA is acknowledged (WINDOW_UPDATE) only once written
// upstream, and response DATA is read from upstream only as nghttp2 sends it.
class Http2Session final : public CuttableConnection, public std::enable_shared_from_this<Http2Session> {
public:
    using ClientStream = ProxyTlsStream;

    Http2Session(ProxyWorker& worker, std::unique_ptr<ClientStream> stream, IpAddress peer);
    ~Http2Session();

    ProxyTask<void> run();
    void cut() override;

    struct Stream {
        explicit Stream(ProxyExecutor executor) : wake(executor) {}
        std::int32_t id = 0;
        ProxyRequestHeader request;
        std::string authority;
        std::size_t headerBytes = 0;
        bool badHeaders = false;
        bool endOfRequest = false;   // END_STREAM seen from the client
        bool closed = false;         // reset or the connection is gone
        std::deque<std::string> requestChunks;
        std::string upstreamHead;    // written with the first DATA
        std::string responseData;    // upstream bytes waiting for nghttp2
        std::size_t responseOffset = 0;
        bool responseEnd = false;
        bool deferred = false;       // nghttp2 is waiting for responseData
        std::string answerBody;
        ProxyTimer wake; // cancelled to wake the stream's coroutine
        ProxyTcpStream* upstreamTcp = nullptr;
        AccessLogEntry log;
    };

private:
    friend struct Http2Callbacks;

    ProxyTask<void> writer();
    ProxyTask<void> handleStream(std::shared_ptr<Stream> stream);
    ProxyTask<void> forward(std::shared_ptr<Stream> stream, ChainOutcome& outcome);
    template <class Upstream>
    ProxyTask<void> exchange(Upstream& upstream, UpstreamConnection& connection, Stream& stream,
                                          bool& reusable);
    void submitAnswer(Stream& stream, const ProxyAnswer& answer);
    void submitHeaders(Stream& stream, const ProxyResponseHeader& response, bool withBody);
    ProxyTask<void> waitFor(Stream& stream);
    void wakeWriter();
    void finishLog(Stream& stream, int status, std::string_view decision, std::string reason);
    void closeAll();

    ProxyWorker& m_worker;
    std::unique_ptr<ClientStream> m_stream;
    IpAddress m_peer;
    std::string m_peerText;
    nghttp2_session* m_session = nullptr;
    std::unordered_map<std::int32_t, std::shared_ptr<Stream>> m_streams;
    std::vector<Id> m_attached;
    ProxyTimer m_writerWake;
    bool m_writerIdle = false;
    bool m_closed = false;
    bool m_cut = false;
};

} // namespace cowl::node
