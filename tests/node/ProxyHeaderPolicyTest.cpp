// SPDX-License-Identifier: GPL-3.0-or-later
#include <QtTest>

#include <boost/asio/buffer.hpp>
#include <boost/beast/http/empty_body.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/string_body.hpp>

#include "node/proxy/AccessGate.h"
#include "node/proxy/HeaderPolicy.h"

using namespace cowl::node;
namespace http = boost::beast::http;

namespace {

// What the written head says, as an independent parser reads it.
template <bool isRequest>
http::message<isRequest, http::string_body> parseBack(const std::string& wire)
{
    http::parser<isRequest, http::string_body> parser;
    parser.eager(true);
    boost::system::error_code ec;
    std::size_t used = parser.put(boost::asio::buffer(wire), ec);
    if (ec == http::error::need_more)
        ec = {};
    if (ec || !parser.is_header_done())
        throw std::runtime_error("unparsable head: " + ec.message() + "\n" + wire);
    if (used < wire.size() && !parser.is_done()) {
        parser.put(boost::asio::buffer(wire.data() + used, wire.size() - used), ec);
    }
    return parser.release();
}

template <class Fields>
std::string value(const Fields& f, std::string_view name)
{
    auto v = f[boost::beast::string_view(name.data(), name.size())];
    return std::string(v.data(), v.size());
}

} // namespace

class ProxyHeaderPolicyTest : public QObject {
    Q_OBJECT

private slots:
    void upstreamHeadSetsForwardedHeadersAndDropsHopByHop()
    {
        ProxyRequestHeader r;
        r.method(http::verb::get);
        r.target("/ignored");
        r.set("Host", "shop.node1.example.net");
        r.set("X-Forwarded-For", "6.6.6.6");
        r.set("X-Forwarded-Host", "evil.example");
        r.set("X-Real-IP", "6.6.6.6");
        r.set("X-Cowl-Group", "admins");
        r.set("Forwarded", "for=6.6.6.6");
        r.set("Connection", "close, X-Secret-Hop");
        r.set("X-Secret-Hop", "1");
        r.set("Keep-Alive", "timeout=5");
        r.set("Authorization", "Basic YTpi");
        r.set("Accept", "text/html");
        r.set("Expect", "100-continue");
        GateDecision d;
        d.group = "ops";
        d.stripAuthorization = true;
        d.stripQuery = "token";
        HeaderPolicy::Forwarding f;
        f.client = "2001:db8::1";
        f.host = "shop.node1.example.net";
        f.decision = &d;
        std::string wire;
        HeaderPolicy::writeUpstreamHead(wire, r, "/x?token=s", f, BodyFraming::none());
        auto m = parseBack<true>(wire);
        QCOMPARE(std::string(m.target()), std::string("/x"));
        QCOMPARE(m.version(), 11u);
        QCOMPARE(value(m, "x-forwarded-for"), std::string("2001:db8::1"));
        QCOMPARE(m.count("x-forwarded-for"), std::size_t{1});
        QCOMPARE(value(m, "x-forwarded-proto"), std::string("https"));
        QCOMPARE(value(m, "x-forwarded-host"), std::string("shop.node1.example.net"));
        QCOMPARE(m.count("x-forwarded-host"), std::size_t{1});
        QCOMPARE(value(m, "x-cowl-group"), std::string("ops"));
        QCOMPARE(m.count("x-cowl-group"), std::size_t{1});
        QCOMPARE(value(m, "host"), std::string("shop.node1.example.net"));
        QCOMPARE(m.count("host"), std::size_t{1});
        QCOMPARE(value(m, "accept"), std::string("text/html"));
        for (auto gone : {"x-secret-hop", "keep-alive", "connection", "authorization", "x-real-ip", "forwarded",
                          "expect", "content-length", "transfer-encoding"})
            QVERIFY2(m.count(gone) == 0, gone);

        d.forwardCredentials = true;
        std::string kept;
        HeaderPolicy::writeUpstreamHead(kept, r, "/x?token=s", f, BodyFraming::none());
        auto k = parseBack<true>(kept);
        QCOMPARE(value(k, "authorization"), std::string("Basic YTpi"));
        QCOMPARE(std::string(k.target()), std::string("/x?token=s"));
    }

    void upstreamHeadAppendsToATrustedChainAndStripsConsumedCredentials()
    {
        ProxyRequestHeader r;
        r.method(http::verb::post);
        r.set("Cookie", "a=1; cowl=secret; b=2");
        r.set("X-Api-Token", "secret");
        r.set("Content-Length", "999"); // the client's framing never passes
        GateDecision d;
        d.stripCookie = "cowl";
        d.stripHeader = "x-api-token";
        HeaderPolicy::Forwarding f;
        f.client = "192.0.2.7";
        f.priorChain = "198.51.100.1";
        f.host = "h";
        f.decision = &d;
        std::string wire;
        HeaderPolicy::writeUpstreamHead(wire, r, "/", f, BodyFraming::fixed(5));
        wire += "hello";
        auto m = parseBack<true>(wire);
        QCOMPARE(value(m, "x-forwarded-for"), std::string("198.51.100.1, 192.0.2.7"));
        QCOMPARE(value(m, "cookie"), std::string("a=1; b=2"));
        QCOMPARE(m.count("x-api-token"), std::size_t{0});
        QCOMPARE(value(m, "content-length"), std::string("5"));
        QCOMPARE(m.body(), std::string("hello"));

        r.set("Cookie", "cowl=secret");
        std::string only;
        HeaderPolicy::writeUpstreamHead(only, r, "/", f, BodyFraming::chunked());
        only += "5\r\nhello\r\n0\r\n\r\n";
        auto c = parseBack<true>(only);
        QCOMPARE(c.count("cookie"), std::size_t{0});
        QCOMPARE(value(c, "transfer-encoding"), std::string("chunked"));
        QCOMPARE(c.count("content-length"), std::size_t{0});
        QCOMPARE(c.body(), std::string("hello"));
    }

    void upstreamHeadKeepsAWebSocketUpgrade()
    {
        ProxyRequestHeader r;
        r.method(http::verb::get);
        r.set("Connection", "Upgrade");
        r.set("Upgrade", "websocket");
        r.set("Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ==");
        HeaderPolicy::Forwarding f;
        f.client = "::1";
        f.host = "h";
        f.websocket = true;
        std::string wire;
        HeaderPolicy::writeUpstreamHead(wire, r, "/ws", f, BodyFraming::none());
        auto m = parseBack<true>(wire);
        QCOMPARE(value(m, "upgrade"), std::string("websocket"));
        QCOMPARE(value(m, "connection"), std::string("upgrade"));
        QCOMPARE(m.count("connection"), std::size_t{1});
        QVERIFY(m.count("sec-websocket-key") == 1);
    }

    void clientHeadFramesTheBodyItself()
    {
        ProxyResponseHeader r;
        r.result(200);
        r.set("Content-Type", "text/plain");
        r.set("Transfer-Encoding", "gzip, chunked");
        r.set("Connection", "keep-alive, X-Internal");
        r.set("X-Internal", "secret");
        r.set("Keep-Alive", "timeout=5");
        std::string wire;
        HeaderPolicy::writeClientHead(wire, r, BodyFraming::chunked(), true, false);
        QVERIFY(wire.starts_with("HTTP/1.1 200 OK\r\n"));
        wire += "3\r\nabc\r\n0\r\n\r\n";
        auto m = parseBack<false>(wire);
        QCOMPARE(value(m, "transfer-encoding"), std::string("chunked"));
        QCOMPARE(value(m, "content-type"), std::string("text/plain"));
        for (auto gone : {"x-internal", "keep-alive", "connection", "content-length"})
            QVERIFY2(m.count(gone) == 0, gone);
        QCOMPARE(m.body(), std::string("abc"));

        ProxyResponseHeader lengthy;
        lengthy.result(404);
        lengthy.reason("Nope");
        lengthy.set("Content-Length", "999999");
        std::string fixed;
        HeaderPolicy::writeClientHead(fixed, lengthy, BodyFraming::fixed(4), false, false);
        QVERIFY(fixed.starts_with("HTTP/1.1 404 Nope\r\n"));
        auto f = parseBack<false>(fixed + "gone");
        QCOMPARE(value(f, "content-length"), std::string("4"));
        QCOMPARE(value(f, "connection"), std::string("close"));
        QCOMPARE(f.body(), std::string("gone"));
    }

    void clientHeadPassesTheLengthOfAHeadAnswer()
    {
        ProxyResponseHeader r;
        r.result(200);
        r.set("Content-Length", "1048576");
        std::string wire;
        HeaderPolicy::writeClientHead(wire, r, BodyFraming::asReceived(), true, false);
        QVERIFY(wire.find("Content-Length: 1048576\r\n") != std::string::npos);
        QVERIFY(wire.ends_with("\r\n\r\n"));
        QVERIFY(wire.find("Transfer-Encoding") == std::string::npos);
    }

    void chunkFramesAreWrittenInHex()
    {
        std::string out;
        ChunkFrame::appendHeader(out, 65536);
        QCOMPARE(out, std::string("10000\r\n"));
    }

    void http2ResponsesLoseConnectionSpecificFields()
    {
        ProxyResponseHeader r;
        r.set("Connection", "X-Hop");
        r.set("X-Hop", "1");
        r.set("Transfer-Encoding", "chunked");
        r.set("Upgrade", "h2c");
        r.set("Content-Length", "3");
        r.set("ETag", "\"a\"");
        const HopByHop hop(r, false);
        std::vector<std::string> passed;
        for (const auto& field : r)
            if (HeaderPolicy::forHttp2Client(hop, field))
                passed.emplace_back(field.name_string());
        QCOMPARE(passed, (std::vector<std::string>{"Content-Length", "ETag"}));
    }
};

QTEST_GUILESS_MAIN(ProxyHeaderPolicyTest)
#include "ProxyHeaderPolicyTest.moc"
#include "node/proxy/ProxyFields.h"
