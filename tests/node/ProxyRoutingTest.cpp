// SPDX-License-Identifier: GPL-3.0-or-later
#include <QtTest>

#include "node/proxy/AccessGate.h"
#include "node/proxy/ClientAddress.h"
#include "node/proxy/HeaderPolicy.h"
#include "node/proxy/HostRouter.h"
#include "node/proxy/PathJail.h"
#include "shared/hosts/HostName.h"

using namespace cowl;
using namespace cowl::node;

class ProxyRoutingTest : public QObject {
    Q_OBJECT

    Id m_project = Id::generate();
    Id m_container = Id::generate();
    ProxySnapshot m_snapshot;

    std::string hostFor(const std::string& program, std::uint32_t index = 1, std::optional<std::uint16_t> port = {},
                        bool tls = false)
    {
        return HostName::format(ContainerHost{m_project, m_container, program, index, port, tls}, "node1.example.net");
    }

private slots:
    void initTestCase()
    {
        m_snapshot.nodeSuffix = "node1.example.net";
        m_snapshot.containers.emplace(
            m_container, ProxyContainer{m_project, m_container, "fd42::5",
                                        {{"http", 8080}, {"https", 8443}, {"terminal", 7681}, {"terminal-2", 7682},
                                         {"terminal-1", 9999}, {"bogus", 1}},
                                        nullptr, 0, true, false});
        m_snapshot.aliases.emplace("shop", ProxyAlias{"shop", m_container, "http", 3000, std::nullopt, "/app/", true,
                                                      std::nullopt, true});
        m_snapshot.aliases.emplace("late", ProxyAlias{"late", m_container, "http", std::nullopt, std::nullopt, "/", true,
                                                      100, true});
    }

    void routesContainerPrograms()
    {
        auto r = HostRouter::route(m_snapshot, hostFor("http"), 0);
        QVERIFY(r.found());
        QCOMPARE(r.port, std::uint16_t{8080});
        QVERIFY(!r.upstreamTls);
        r = HostRouter::route(m_snapshot, hostFor("https"), 0);
        QCOMPARE(r.port, std::uint16_t{8443});
        QVERIFY(r.upstreamTls);
        r = HostRouter::route(m_snapshot, hostFor("terminal", 2), 0);
        QCOMPARE(r.port, std::uint16_t{7682});
        QVERIFY(r.index == 2u);
        QVERIFY(!HostRouter::route(m_snapshot, hostFor("terminal", 3), 0).found());
        QVERIFY(!HostRouter::route(m_snapshot, hostFor("files"), 0).found());
    }

    // The host index answers exactly what the parser would: the number of
    // http/https is a port, "-1" is the plain instance, table keys no host
    // can name stay unreachable.
    void hostIndexAgreesWithTheParser()
    {
        const std::string base = m_project.str() + "-" + m_container.str() + "-";
        auto plain = HostRouter::route(m_snapshot, base + "terminal.node1.example.net", 0);
        auto one = HostRouter::route(m_snapshot, base + "terminal-1.node1.example.net", 0);
        QVERIFY(one.found());
        QCOMPARE(one.port, plain.port);
        QCOMPARE(one.port, std::uint16_t{7681});
        QVERIFY(one.index == 1u);

        auto httpOne = HostRouter::route(m_snapshot, base + "http-1.node1.example.net", 0);
        QVERIFY(httpOne.found());
        QCOMPARE(httpOne.port, std::uint16_t{1});
        QVERIFY(httpOne.requestedPort == std::uint16_t{1});
        QVERIFY(!HostRouter::route(m_snapshot, base + "bogus.node1.example.net", 0).found());
        QVERIFY(!HostRouter::route(m_snapshot, " " + base + "terminal-2.node1.example.net", 0).found());
        // Every form a client may send: both paths answer the same.
        for (const std::string program : {"http", "https", "terminal", "bogus", "files"}) {
            for (const std::string number : {"", "-1", "-2", "-3", "-01", "-8080", "-0"}) {
                for (const std::string tail : {".node1.example.net", ".NODE1.example.net.", ".node1.example.net:443",
                                               ".other.example.net"}) {
                    std::string host = base + program + number + tail;
                    auto viaIndex = HostRouter::route(m_snapshot, host, 0);
                    auto viaParser = HostRouter::routeByParsing(m_snapshot, host, 0);
                    QVERIFY2(viaIndex.container == viaParser.container && viaIndex.port == viaParser.port &&
                                 viaIndex.program == viaParser.program && viaIndex.index == viaParser.index &&
                                 viaIndex.upstreamTls == viaParser.upstreamTls &&
                                 viaIndex.requestedPort == viaParser.requestedPort,
                             host.c_str());
                }
            }
        }
        ProxySnapshot assigned; // indexed while empty, then assigned to: indexes afresh
        assigned.nodeSuffix = "node1.example.net";
        QVERIFY(!HostRouter::route(assigned, hostFor("terminal", 2), 0).found());
        assigned = m_snapshot;
        QCOMPARE(HostRouter::route(assigned, hostFor("terminal", 2), 0).port, std::uint16_t{7682});
        auto parsedCopy = m_snapshot; // a copy builds its own index
        QCOMPARE(HostRouter::route(parsedCopy, hostFor("terminal", 2), 0).port, std::uint16_t{7682});
    }

    void routesDynamicPorts()
    {
        auto r = HostRouter::route(m_snapshot, hostFor("http", 1, 9000), 0);
        QVERIFY(r.found());
        QCOMPARE(r.port, std::uint16_t{9000});
        QVERIFY(r.requestedPort == std::uint16_t{9000});
        r = HostRouter::route(m_snapshot, hostFor("https", 1, 9443, true), 0);
        QVERIFY(r.upstreamTls);
    }

    void hostMatchingIgnoresCaseDotAndPort()
    {
        std::string h = hostFor("http");
        std::string upper = h;
        std::transform(upper.begin(), upper.end(), upper.begin(), ::toupper);
        QVERIFY(HostRouter::route(m_snapshot, upper + ".:443", 0).found());
        QVERIFY(!HostRouter::route(m_snapshot, h + "..", 0).found());
    }

    void foreignProjectIsNotFound()
    {
        std::string h = HostName::format(ContainerHost{Id::generate(), m_container, "http", 1, {}, false},
                                         "node1.example.net");
        QVERIFY(!HostRouter::route(m_snapshot, h, 0).found());
    }

    void aliasesExpire()
    {
        auto r = HostRouter::route(m_snapshot, "shop.node1.example.net", 0);
        QVERIFY(r.found());
        QCOMPARE(r.port, std::uint16_t{3000});
        QVERIFY(r.alias);
        QVERIFY(HostRouter::route(m_snapshot, "late.node1.example.net", 99).found());
        auto gone = HostRouter::route(m_snapshot, "late.node1.example.net", 100);
        QVERIFY(!gone.found());
        QVERIFY(gone.reason == "alias expired");
    }

    void jail_data()
    {
        QTest::addColumn<QString>("target");
        QTest::addColumn<QString>("expected"); // empty: refused (400)
        QTest::newRow("root") << "/" << "/jail/";
        QTest::newRow("plain") << "/a/b" << "/jail/a/b";
        QTest::newRow("query kept") << "/a?x=../y" << "/jail/a?x=../y";
        QTest::newRow("dots inside") << "/a/./b/../c" << "/jail/a/c";
        QTest::newRow("double slash") << "//a///b" << "/jail/a/b";
        QTest::newRow("trailing slash") << "/a/" << "/jail/a/";
        QTest::newRow("other escapes kept") << "/a%20b" << "/jail/a%20b";
        QTest::newRow("climb") << "/../x" << "";
        QTest::newRow("climb deep") << "/a/../../x" << "";
        QTest::newRow("encoded dots") << "/%2e%2e/x" << "";
        QTest::newRow("encoded upper") << "/%2E%2E/x" << "";
        QTest::newRow("encoded slash") << "/..%2f..%2fx" << "";
        QTest::newRow("backslash") << "/..\\x" << "";
        QTest::newRow("encoded backslash") << "/..%5cx" << "";
        QTest::newRow("bad escape") << "/%zz" << "";
        QTest::newRow("truncated escape") << "/%2" << "";
        QTest::newRow("nul") << "/a%00b" << "";
        QTest::newRow("not origin form") << "a/b" << "";
    }

    void jail()
    {
        QFETCH(QString, target);
        QFETCH(QString, expected);
        auto out = PathJail::confine(target.toStdString(), "/jail/");
        if (expected.isEmpty())
            QVERIFY2(!out, out ? out->c_str() : "");
        else
            QCOMPARE(QString::fromStdString(out.value_or("<refused>")), expected);
    }

    void overrideMapsOnlyRoot()
    {
        QCOMPARE(PathJail::overrideRoot("/", "/app/"), std::string("/app/"));
        QCOMPARE(PathJail::overrideRoot("/?a=1", "/app"), std::string("/app?a=1"));
        QCOMPARE(PathJail::overrideRoot("/x", "/app/"), std::string("/x"));
    }

    void trustedProxiesOnly()
    {
        ClientAddress addresses({"10.0.0.0/8", "2001:db8:1::/48"});
        auto peer = *IpAddress::parse("10.1.2.3");
        auto stranger = *IpAddress::parse("198.51.100.9");
        QCOMPARE(addresses.resolve(stranger, "1.2.3.4").toString(), std::string("198.51.100.9"));
        QCOMPARE(addresses.resolve(peer, "203.0.113.5, 10.9.9.9").toString(), std::string("203.0.113.5"));
        QCOMPARE(addresses.resolve(peer, "garbage").toString(), std::string("10.1.2.3"));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, ClientAddress({"not-a-cidr"}));
    }

    void stripsQueryParametersAndCookies()
    {
        QCOMPARE(HeaderPolicy::withoutQueryParameter("/p?token=s&a=1", "token"), std::string("/p?a=1"));
        QCOMPARE(HeaderPolicy::withoutQueryParameter("/p?a=1&token=s", "token"), std::string("/p?a=1"));
        QCOMPARE(HeaderPolicy::withoutQueryParameter("/p?token=s", "token"), std::string("/p"));
        QCOMPARE(HeaderPolicy::withoutQueryParameter("/p?tokens=s", "token"), std::string("/p?tokens=s"));
        QCOMPARE(HeaderPolicy::withoutCookie("a=1; t=secret; b=2", "t"), std::string("a=1; b=2"));
        QCOMPARE(HeaderPolicy::withoutCookie("t=secret", "t"), std::string());
    }
};

QTEST_GUILESS_MAIN(ProxyRoutingTest)
#include "ProxyRoutingTest.moc"
