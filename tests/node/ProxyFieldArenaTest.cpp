// SPDX-License-Identifier: GPL-3.0-or-later
#include <QtTest>

#include <optional>
#include <string>

#include <boost/asio/buffer.hpp>

#include "node/proxy/ProxyFields.h"

using namespace cowl::node;
namespace http = boost::beast::http;

namespace {

bool parseInto(std::optional<ProxyRequestParser>& parser, FieldArena& arena, const std::string& head)
{
    emplaceParser(parser, &arena);
    parser->header_limit(64 * 1024);
    boost::system::error_code ec;
    parser->put(boost::asio::buffer(head), ec);
    return !ec && parser->is_header_done();
}

std::string field(const ProxyRequestHeader& h, const char* name)
{
    auto v = h[name];
    return std::string(v.data(), v.size());
}

} // namespace

class ProxyFieldArenaTest : public QObject {
    Q_OBJECT

private slots:
    void fieldsLiveInTheBlockAndItIsReusedOnceTheyAreGone()
    {
        FieldArena arena;
        const std::string head = "GET /a?b=c HTTP/1.1\r\nHost: x.example\r\nAuthorization: Basic YTpi\r\n"
                                 "X-Long: " + std::string(300, 'v') + "\r\n\r\n";
        for (int round = 0; round < 3; ++round) {
            std::optional<ProxyRequestParser> parser;
            QVERIFY(parseInto(parser, arena, head));
            QVERIFY(arena.used() > 0);
            const auto& request = parser->get();
            QCOMPARE(std::string(request.target()), std::string("/a?b=c"));
            QCOMPARE(field(request, "host"), std::string("x.example"));
            QCOMPARE(field(request, "x-long"), std::string(300, 'v'));
            parser.reset();
            QCOMPARE(arena.used(), std::size_t{0});
        }
    }

    void twoHeadsAliveAtOnceEndInEitherOrder()
    {
        FieldArena arena;
        std::optional<ProxyRequestParser> first, second;
        QVERIFY(parseInto(first, arena, "GET / HTTP/1.1\r\nHost: one\r\n\r\n"));
        QVERIFY(parseInto(second, arena, "GET / HTTP/1.1\r\nHost: two\r\n\r\n"));
        first.reset();
        QVERIFY(arena.used() > 0); // the second head still lives there
        QCOMPARE(field(second->get(), "host"), std::string("two"));
        second.reset();
        QCOMPARE(arena.used(), std::size_t{0});
    }

    void aHeadLargerThanTheBlockSpillsToTheHeap()
    {
        FieldArena arena;
        std::string head = "GET / HTTP/1.1\r\nHost: big\r\n";
        for (int i = 0; i < 40; ++i)
            head += "X-Field-" + std::to_string(i) + ": " + std::string(400, 'a' + i % 26) + "\r\n";
        head += "\r\n";
        std::optional<ProxyRequestParser> parser;
        QVERIFY(parseInto(parser, arena, head));
        QCOMPARE(field(parser->get(), "x-field-39"), std::string(400, 'a' + 39 % 26));
        QVERIFY(arena.used() <= FieldArena::kBytes);
        parser.reset();
        QCOMPARE(arena.used(), std::size_t{0});
    }

    void aDefaultAllocatorUsesTheHeap()
    {
        ProxyRequestHeader h;
        h.set("Host", "heap");
        QCOMPARE(field(h, "host"), std::string("heap"));
        QVERIFY(h.get_allocator().arena() == nullptr);
    }
};

QTEST_GUILESS_MAIN(ProxyFieldArenaTest)
#include "ProxyFieldArenaTest.moc"
