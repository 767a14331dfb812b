// SPDX-License-Identifier: GPL-3.0-or-later
#include "node/config/AtomicFile.h"
#include "node/config/ListenAddress.h"
#include "node/config/NodeConfig.h"
#include "node/config/UlaPrefix.h"

#include <QTemporaryDir>
#include <QtTest>

#include <arpa/inet.h>

using namespace cowl::node;

namespace {

Ipv6Prefix prefix(const char* address, unsigned length) {
    Ipv6Prefix p;
    inet_pton(AF_INET6, address, &p.address);
    p.length = length;
    return p;
}

// Replays fixed "random" bytes so a test can force collisions.
UlaPrefix::RandomBytes scripted(std::vector<std::vector<unsigned char>> draws, int* calls) {
    return [draws = std::move(draws), calls](unsigned char* out, std::size_t size) mutable {
        const auto& draw = draws.at(static_cast<std::size_t>((*calls)++));
        std::copy(draw.begin(), draw.begin() + static_cast<long>(size), out);
    };
}

} // namespace

class CliConfigTest : public QObject {
    Q_OBJECT

private slots:
    void listenAddressParses_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("address");
        QTest::addColumn<int>("port");
        QTest::newRow("v4") << "127.0.0.1:7443" << "127.0.0.1" << 7443;
        QTest::newRow("v6") << "[::1]:7443" << "::1" << 7443;
        QTest::newRow("wildcard v6") << "[::]:443" << "::" << 443;
        QTest::newRow("port 0 = any free") << "127.0.0.1:0" << "127.0.0.1" << 0;
    }
    void listenAddressParses() {
        QFETCH(QString, text);
        QFETCH(QString, address);
        QFETCH(int, port);
        const auto parsed = ListenAddress::parse(text.toStdString());
        QCOMPARE(QString::fromStdString(parsed.address), address);
        QCOMPARE(int(parsed.port), port);
        QCOMPARE(QString::fromStdString(parsed.format()), text);
    }

    void listenAddressRejects_data() {
        QTest::addColumn<QString>("text");
        for (const char* bad : {"", "127.0.0.1", "::1:7443", "[::1]", "[::1]7443", "localhost:7443", "1.2.3.4:65536",
                                "1.2.3.4:-1", "1.2.3.4:x", "[fe80::zz]:1", "300.1.1.1:80"})
            QTest::newRow(bad) << bad;
    }
    void listenAddressRejects() {
        QFETCH(QString, text);
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, ListenAddress::parse(text.toStdString()));
    }

    void ulaAvoidsPrefixesInUse() {
        // The first two draws collide with the host's fd00::/64 and a routed fd12:3456::/32; the third is free.
        int calls = 0;
        const std::vector<Ipv6Prefix> inUse = {prefix("fd00::", 64), prefix("fd12:3456::", 32)};
        const auto picked = UlaPrefix::pick(
            inUse, scripted({{0, 0, 0, 0, 0}, {0x12, 0x34, 0x56, 0x78, 0x9a}, {0xab, 0xcd, 0xef, 0x01, 0x23}}, &calls));
        QCOMPARE(calls, 3);
        QCOMPARE(QString::fromStdString(picked.format()), QString("fdab:cdef:123::/48"));
        for (const auto& p : inUse)
            QVERIFY(!picked.overlaps(p));
    }

    void ulaOverlapRules() {
        const auto ula = UlaPrefix::parse("fdab:cdef:123::/48");
        QVERIFY(ula.overlaps(prefix("fdab:cdef:123:5::", 64)));  // inside
        QVERIFY(ula.overlaps(prefix("fd00::", 8)));              // contains it
        QVERIFY(!ula.overlaps(prefix("fdab:cdef:124::", 48)));   // neighbour
        QVERIFY(!ula.overlaps(prefix("2001:db8::", 32)));
    }

    void ulaGivesUpWhenEverythingIsTaken() {
        int calls = 0;
        std::vector<std::vector<unsigned char>> draws(64, std::vector<unsigned char>{1, 2, 3, 4, 5});
        QVERIFY_THROWS_EXCEPTION(std::runtime_error,
                                 UlaPrefix::pick({prefix("fd00::", 8)}, scripted(draws, &calls)));
    }

    void ulaFromTheHostIsFree() {
        const auto inUse = UlaPrefix::hostPrefixes();
        const auto picked = UlaPrefix::pick(inUse);
        QVERIFY(picked.format().starts_with("fd"));
        QVERIFY(picked.format().ends_with("::/48"));
        for (const auto& p : inUse)
            QVERIFY(!picked.overlaps(p));
        QCOMPARE(UlaPrefix::parse(picked.format()).bytes(), picked.bytes());
    }

    void ulaParseRejects_data() {
        QTest::addColumn<QString>("text");
        for (const char* bad : {"fd00::/64", "2001:db8::/48", "fd00:1:2:3::/48", "fd00::", "junk/48"})
            QTest::newRow(bad) << bad;
    }
    void ulaParseRejects() {
        QFETCH(QString, text);
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, UlaPrefix::parse(text.toStdString()));
    }

    void configRoundTrips() {
        QTemporaryDir dir;
        const std::filesystem::path path = dir.filePath("node.json").toStdString();
        NodeConfig config;
        config.name = "edge-2";
        config.domain = "example.net";
        config.controlListen = ListenAddress::parse("[::1]:9443");
        config.ula48 = "fd12:3456:789a::/48";
        config.logLevel = "info,api=debug";
        config.save(path);
        const auto loaded = NodeConfig::load(path);
        QCOMPARE(loaded.name, config.name);
        QCOMPARE(loaded.domain, config.domain);
        QVERIFY(loaded.controlListen == config.controlListen);
        QCOMPARE(loaded.ula48, config.ula48);
        QCOMPARE(loaded.logLevel, config.logLevel);
        QVERIFY(!loaded.logFile);
    }

    void configRejectsNamingTheFieldAndFile_data() {
        QTest::addColumn<QString>("json");
        QTest::addColumn<QString>("named");
        QTest::newRow("not json") << "{" << "not valid JSON";
        QTest::newRow("unknown field") << R"({"nmae": "x"})" << "nmae";
        QTest::newRow("wrong type") << R"({"name": 5})" << "\"name\"";
        QTest::newRow("bad name") << R"({"name": "Node_1"})" << "\"name\"";
        QTest::newRow("bad domain") << R"({"domain": "a..b"})" << "\"domain\"";
        QTest::newRow("bad listen") << R"({"control_listen": "localhost:1"})" << "control_listen";
        QTest::newRow("bad ula") << R"({"ula_prefix": "fd00::/64"})" << "ula_prefix";
    }
    void configRejectsNamingTheFieldAndFile() {
        QFETCH(QString, json);
        QFETCH(QString, named);
        QTemporaryDir dir;
        const std::filesystem::path path = dir.filePath("node.json").toStdString();
        writeFileAtomically(path, json.toStdString(), 0600);
        try {
            NodeConfig::load(path);
            QFAIL("a bad configuration loaded");
        } catch (const std::runtime_error& e) {
            QVERIFY2(QString(e.what()).contains(named), e.what());
            QVERIFY2(QString(e.what()).contains(QString::fromStdString(path.string())), e.what());
        }
    }

    void atomicWriteReplacesAndKeepsMode() {
        QTemporaryDir dir;
        const std::filesystem::path path = dir.filePath("f").toStdString();
        writeFileAtomically(path, "one", 0600);
        writeFileAtomically(path, "two", 0644);
        QCOMPARE(readWholeFile(path), std::string("two"));
        QVERIFY(!std::filesystem::exists(path.string() + ".tmp"));
        QCOMPARE(std::filesystem::status(path).permissions(),
                 std::filesystem::perms(0644));
    }
};

QTEST_APPLESS_MAIN(CliConfigTest)
#include "CliConfigTest.moc"
