// SPDX-License-Identifier: GPL-3.0-or-later
#include <QtTest>

#include "shared/ValidationError.h"
#include "shared/firewall/FirewallDocument.h"

using cowl::FirewallDocument;
using cowl::FirewallPolicy;
using cowl::FirewallProtocol;
using nlohmann::json;

class FirewallDocumentTest : public QObject {
    Q_OBJECT
private slots:
    void emptyDocumentDropsBothWays() {
        const FirewallDocument doc = FirewallDocument::fromJson(json::object());
        QVERIFY(doc.ingress.empty() && doc.egress.empty());
        QVERIFY(doc.ingressDefault == FirewallPolicy::Drop);
        QVERIFY(doc.egressDefault == FirewallPolicy::Drop);
        const json out = doc.toJson();
        QCOMPARE(out["default"], json({{"ingress", "drop"}, {"egress", "drop"}}));
    }

    void rulesKeepTheirOrderAndRoundTrip() {
        const json j = {
            {"ingress",
             {{{"id", "web"}, {"action", "accept"}, {"protocol", "tcp"}, {"ports", {80, 443, "8000-8100"}},
               {"addresses", {"203.0.113.0/24", "2001:db8::/32"}}, {"description", "public web"}},
              {{"id", "ping"}, {"action", "accept"}, {"protocol", "icmpv6"}},
              {{"id", "rest"}, {"action", "reject"}, {"enabled", false}}}},
            {"egress", {{{"id", "dns"}, {"action", "accept"}, {"protocol", "udp"}, {"ports", 53}}}},
            {"default", {{"ingress", "drop"}, {"egress", "accept"}}}};
        const FirewallDocument doc = j.get<FirewallDocument>();
        QCOMPARE(doc.ingress.size(), std::size_t{3});
        QCOMPARE(doc.ingress[0].id, std::string("web"));
        QCOMPARE(doc.ingress[2].id, std::string("rest"));
        QVERIFY(!doc.ingress[2].enabled);
        QVERIFY(doc.ingress[1].protocol == FirewallProtocol::Icmpv6);
        QCOMPARE(doc.ingress[0].ports.size(), std::size_t{3});
        QCOMPARE(int(doc.ingress[0].ports[2].first), 8000);
        QCOMPARE(int(doc.ingress[0].ports[2].last), 8100);
        QVERIFY(doc.egressDefault == FirewallPolicy::Accept);
        const json out = doc;
        QCOMPARE(out["ingress"][0]["ports"], json({80, 443, "8000-8100"}));
        QCOMPARE(out["egress"][0]["ports"], json(53));
        QCOMPARE(out["ingress"][2]["protocol"], json("any"));
        QVERIFY(FirewallDocument::fromJson(out) == doc);
        QVERIFY(doc.findRule("dns") == &doc.egress[0]);
        QVERIFY(doc.findRule("nope") == nullptr);
    }

    void countersAndVersionFromAGetAreAccepted() {
        const json j = {{"version", 3},
                        {"ingress", {{{"id", "a"}, {"action", "drop"}, {"packets", 12}, {"bytes", 3400}}}}};
        QCOMPARE(FirewallDocument::fromJson(j).ingress.size(), std::size_t{1});
    }

    void rulesWithoutIdGetDistinctOnes() {
        const json j = {{"ingress", {{{"action", "drop"}}, {{"action", "drop"}}}}};
        const FirewallDocument doc = FirewallDocument::fromJson(j);
        QVERIFY(!doc.ingress[0].id.empty());
        QVERIFY(doc.ingress[0].id != doc.ingress[1].id);
    }

    void invalidDocuments_data() {
        QTest::addColumn<QByteArray>("document");
        QTest::addColumn<QString>("field");
        const auto row = [](const char* name, const json& j, const char* field) {
            QTest::newRow(name) << QByteArray::fromStdString(j.dump()) << QString(field);
        };
        const auto in = [](const json& rule) { return json{{"ingress", {rule}}}; };
        row("unknown field", {{"colour", 1}}, "colour");
        row("ingress not a list", {{"ingress", {{"action", "drop"}}}}, "ingress");
        row("rule not an object", in(5), "ingress.0");
        row("action missing", in({{"id", "a"}}), "ingress.0.action");
        row("action unknown", in({{"action", "allow"}}), "ingress.0.action");
        row("protocol unknown", in({{"action", "drop"}, {"protocol", "sctp"}}), "ingress.0.protocol");
        row("ports without protocol", in({{"action", "drop"}, {"ports", 80}}), "ingress.0.ports");
        row("ports with icmp", in({{"action", "drop"}, {"protocol", "icmp"}, {"ports", 80}}), "ingress.0.ports");
        row("port 0", in({{"action", "drop"}, {"protocol", "tcp"}, {"ports", 0}}), "ingress.0.ports");
        row("port 65536", in({{"action", "drop"}, {"protocol", "tcp"}, {"ports", 65536}}), "ingress.0.ports");
        row("port negative", in({{"action", "drop"}, {"protocol", "tcp"}, {"ports", -5}}), "ingress.0.ports");
        row("reversed range", in({{"action", "drop"}, {"protocol", "udp"}, {"ports", "90-80"}}), "ingress.0.ports");
        row("bad item in list", in({{"action", "drop"}, {"protocol", "udp"}, {"ports", {53, "x"}}}), "ingress.0.ports.1");
        row("empty port list", in({{"action", "drop"}, {"protocol", "udp"}, {"ports", json::array()}}), "ingress.0.ports");
        row("bad cidr", in({{"action", "drop"}, {"addresses", {"10.0.0.1/8"}}}), "ingress.0.addresses.0");
        row("cidr not string", in({{"action", "drop"}, {"addresses", {7}}}), "ingress.0.addresses.0");
        row("addresses not list", in({{"action", "drop"}, {"addresses", "10.0.0.0/8"}}), "ingress.0.addresses");
        row("icmp with v6", in({{"action", "drop"}, {"protocol", "icmp"}, {"addresses", {"2001:db8::/32"}}}), "ingress.0.addresses.0");
        row("icmpv6 with v4", in({{"action", "drop"}, {"protocol", "icmpv6"}, {"addresses", {"10.0.0.0/8"}}}), "ingress.0.addresses.0");
        row("bad id", in({{"id", "a b"}, {"action", "drop"}}), "ingress.0.id");
        row("enabled not bool", in({{"action", "drop"}, {"enabled", "yes"}}), "ingress.0.enabled");
        row("description too long", in({{"action", "drop"}, {"description", std::string(201, 'x')}}), "ingress.0.description");
        row("unknown rule field", in({{"action", "drop"}, {"chain", "x"}}), "ingress.0.chain");
        row("duplicate id across lists", {{"ingress", {{{"id", "a"}, {"action", "drop"}}}}, {"egress", {{{"id", "a"}, {"action", "drop"}}}}}, "egress.0.id");
        row("duplicate id in a list", {{"egress", {{{"id", "a"}, {"action", "drop"}}, {{"id", "a"}, {"action", "drop"}}}}}, "egress.1.id");
        row("default not object", {{"default", "drop"}}, "default");
        row("default reject", {{"default", {{"ingress", "reject"}}}}, "default.ingress");
        row("default unknown direction", {{"default", {{"forward", "drop"}}}}, "default.forward");
    }
    void invalidDocuments() {
        QFETCH(QByteArray, document);
        QFETCH(QString, field);
        try {
            FirewallDocument::fromJson(json::parse(document.toStdString()));
            QFAIL("accepted");
        } catch (const cowl::ValidationError& e) {
            QCOMPARE(QString::fromStdString(e.field()), field);
            QVERIFY(std::string(e.what()).size() > 10);
        }
    }

    void tooManyRules() {
        json rules = json::array();
        for (std::size_t i = 0; i <= FirewallDocument::kMaxRules; ++i) {
            rules.push_back({{"action", "drop"}});
        }
        QVERIFY_THROWS_EXCEPTION(cowl::ValidationError, FirewallDocument::fromJson({{"egress", rules}}));
        rules.erase(rules.begin());
        QCOMPARE(FirewallDocument::fromJson({{"egress", rules}}).egress.size(), FirewallDocument::kMaxRules);
    }
};

QTEST_GUILESS_MAIN(FirewallDocumentTest)
#include "FirewallDocumentTest.moc"
