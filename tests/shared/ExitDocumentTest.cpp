// SPDX-License-Identifier: GPL-3.0-or-later
#include <QtTest>

#include "shared/api/FieldError.h"
#include "shared/exit/ExitDocument.h"

using cowl::ExitDocument;
using cowl::ExitMode;
using cowl::ProxyUrl;
using cowl::ValidationError;
using nlohmann::json;

namespace {

const std::string kPrivate = "yAnz5TF+lXXJte14tji3zlMNq+hd2rYUIgJBgB3fBmk=";
const std::string kPublic = "xTIBA5rboUvnH4htodjb6e697QjLERt1NAB4mZqp8Dg=";
const std::string kPsk = "/UwcSPg38hW/D9Y3tcS1FOV0K1wuURMbS0sesJEP5ak=";

// Shaped like a VPN provider's download: comments, odd spacing, mixed case.
std::string providerConfig() {
    return "# Provider: example VPN, server se-01\n"
           "[Interface]\n"
           "PrivateKey = " + kPrivate + "\n"
           "Address = 10.66.66.2/32, fd42:42:42::2/128\n"
           "DNS = 10.64.0.1\n"
           "MTU=1420\n"
           "\n"
           "[Peer]  # the exit server\n"
           "publickey = " + kPublic + "\n"
           "PresharedKey = " + kPsk + "\n"
           "AllowedIPs = 0.0.0.0/0, ::/0\n"
           "Endpoint = se-01.vpn.example:51820\n"
           "PersistentKeepalive = 25\n";
}

std::string refusalField(const json& j, const ExitDocument* previous = nullptr) {
    try {
        ExitDocument::fromRequestJson(j, previous);
    } catch (const ValidationError& e) {
        return e.field() + "|" + e.what();
    }
    return "accepted";
}

} // namespace

class ExitDocumentTest : public QObject {
    Q_OBJECT
private slots:
    void blockIsTheQuietDefault() {
        const ExitDocument doc = json{{"mode", "block"}}.get<ExitDocument>();
        QVERIFY(doc.mode == ExitMode::Block);
        const json pub = doc;
        QCOMPARE(pub, json({{"mode", "block"}, {"dns_servers", json::array()}, {"direct_confirmed", false}}));
    }

    void proxyCredentialsAreWriteOnly() {
        const json request = {{"mode", "socks5"}, {"proxy", "socks5://us%40er:p%3Ass@proxy.example:1080"},
                              {"dns_servers", {"2001:4860:4860::8888", "9.9.9.9"}}};
        const ExitDocument doc = ExitDocument::fromRequestJson(request, nullptr);
        QCOMPARE(doc.proxy->username, std::string("us@er"));
        QCOMPARE(doc.proxy->password, std::string("p:ss"));
        const json pub = doc.toPublicJson();
        QCOMPARE(pub["proxy"], json("socks5://proxy.example:1080"));
        QCOMPARE(pub["proxy_credentials_set"], json(true));
        QVERIFY(pub.dump().find("p:ss") == std::string::npos && pub.dump().find("p%3Ass") == std::string::npos);
        const json storage = doc.toStorageJson();
        QCOMPARE(storage["proxy"], json("socks5://us%40er:p%3Ass@proxy.example:1080"));
        const ExitDocument back = ExitDocument::fromStorageJson(storage);
        QVERIFY(back.proxy == doc.proxy);
        QCOMPARE(back.toStorageJson(), storage);
        QCOMPARE(pub["dns_servers"], json({"2001:4860:4860::8888", "9.9.9.9"}));

        // PUT back what GET showed: credentials of the same server are kept.
        const ExitDocument again = ExitDocument::fromRequestJson(pub, &doc);
        QVERIFY(again.proxy == doc.proxy);
        // Another server does not inherit them.
        json moved = pub;
        moved["proxy"] = "socks5://other.example:1080";
        QVERIFY(!ExitDocument::fromRequestJson(moved, &doc).proxy->hasCredentials());
    }

    void proxyUrls_data() {
        QTest::addColumn<QString>("url");
        QTest::addColumn<QString>("canonical"); // empty = refused
        QTest::newRow("socks5") << "socks5://proxy.example:1080" << "socks5://proxy.example:1080";
        QTest::newRow("socks5h") << "socks5h://proxy.example:1080" << "socks5h://proxy.example:1080";
        QTest::newRow("trailing slash") << "http://10.0.0.1:3128/" << "http://10.0.0.1:3128";
        QTest::newRow("ipv6") << "https://[2001:DB8::1]:443" << "https://[2001:db8::1]:443";
        QTest::newRow("user only") << "http://user@p.example:3128" << "http://p.example:3128";
        QTest::newRow("no port") << "socks5://proxy.example" << "";
        QTest::newRow("port 0") << "socks5://proxy.example:0" << "";
        QTest::newRow("port 65536") << "socks5://proxy.example:65536" << "";
        QTest::newRow("no scheme") << "proxy.example:1080" << "";
        QTest::newRow("ftp") << "ftp://proxy.example:21" << "";
        QTest::newRow("path") << "http://proxy.example:3128/x" << "";
        QTest::newRow("query") << "http://proxy.example:3128?a" << "";
        QTest::newRow("bad escape") << "http://u%zz:p@proxy.example:3128" << "";
        QTest::newRow("bad host") << "http://pro xy:3128" << "";
        QTest::newRow("v4 in brackets") << "http://[10.0.0.1]:3128" << "";
        QTest::newRow("unclosed bracket") << "http://[2001:db8::1:3128" << "";
    }
    void proxyUrls() {
        QFETCH(QString, url);
        QFETCH(QString, canonical);
        const auto parsed = ProxyUrl::parse(url.toStdString());
        if (canonical.isEmpty()) {
            QVERIFY(std::holds_alternative<std::string>(parsed));
            QVERIFY(!std::get<std::string>(parsed).empty());
        } else {
            const std::string* error = std::get_if<std::string>(&parsed);
            QVERIFY2(error == nullptr, error != nullptr ? error->c_str() : "");
            QCOMPARE(std::get<ProxyUrl>(parsed).toString(), canonical.toStdString());
        }
    }

    void directNeedsConfirmation() {
        QVERIFY(refusalField({{"mode", "direct"}}).rfind("confirm_direct|", 0) == 0);
        QVERIFY(refusalField({{"mode", "direct"}, {"confirm_direct", false}}).rfind("confirm_direct|", 0) == 0);
        const ExitDocument confirmed = ExitDocument::fromRequestJson({{"mode", "direct"}, {"confirm_direct", true}}, nullptr);
        QVERIFY(confirmed.directConfirmed);
        // Once confirmed, re-PUTting the direct exit (e.g. to change DNS) does not ask again.
        const ExitDocument again = ExitDocument::fromRequestJson(confirmed.toPublicJson(), &confirmed);
        QVERIFY(again.directConfirmed);
        QVERIFY(ExitDocument::fromStorageJson(confirmed.toStorageJson()).directConfirmed);
        // A confirmation for another mode does not carry over.
        const ExitDocument block = ExitDocument::fromRequestJson({{"mode", "block"}}, nullptr);
        QVERIFY(refusalField({{"mode", "direct"}}, &block).rfind("confirm_direct|", 0) == 0);
    }

    void wireguardConfigIsImportedAndKeysHidden() {
        const json request = {{"mode", "wireguard"}, {"wireguard_config", providerConfig()}};
        const ExitDocument doc = ExitDocument::fromRequestJson(request, nullptr);
        const auto& wg = *doc.wireguard;
        QCOMPARE(wg.privateKey, kPrivate);
        QCOMPARE(wg.addresses.size(), std::size_t{2});
        QCOMPARE(wg.addresses[0].toString(), std::string("10.66.66.2/32"));
        QCOMPARE(wg.dns.size(), std::size_t{1});
        QCOMPARE(int(wg.mtu.value()), 1420);
        QCOMPARE(wg.peers.size(), std::size_t{1});
        QCOMPARE(wg.peers[0].publicKey, kPublic);
        QCOMPARE(wg.peers[0].presharedKey, kPsk);
        QCOMPARE(wg.peers[0].endpoint, std::string("se-01.vpn.example:51820"));
        QCOMPARE(int(wg.peers[0].persistentKeepalive.value()), 25);
        const json pub = doc.toPublicJson();
        const std::string text = pub.dump();
        QVERIFY(text.find(kPrivate) == std::string::npos);
        QVERIFY(text.find(kPsk) == std::string::npos);
        QVERIFY(text.find(kPublic) != std::string::npos);
        QCOMPARE(pub["wireguard"]["private_key_set"], json(true));
        QCOMPARE(pub["wireguard"]["peers"][0]["preshared_key_set"], json(true));
        QCOMPARE(pub["wireguard"]["peers"][0]["allowed_ips"], json({"0.0.0.0/0", "::/0"}));
        QCOMPARE(doc.toStorageJson()["wireguard_config"], json(providerConfig()));
        QVERIFY(ExitDocument::fromStorageJson(doc.toStorageJson()).wireguard == doc.wireguard);
        // Re-PUT of the public form keeps the imported file.
        const ExitDocument again = ExitDocument::fromRequestJson(pub, &doc);
        QCOMPARE(again.wireguardText, providerConfig());
        QVERIFY(refusalField({{"mode", "wireguard"}}).rfind("wireguard_config|", 0) == 0);
    }

    void wireguardConfigErrors_data() {
        QTest::addColumn<QString>("config");
        QTest::addColumn<QString>("message");
        const QString good = QString::fromStdString(providerConfig());
        QTest::newRow("PostUp hook") << QString(good).replace("MTU=1420", "PostUp = iptables -A FORWARD") << "line 6: hook 'postup'";
        QTest::newRow("PreDown hook") << good + "[Interface]\nPreDown = rm -rf /\n" << "line";
        QTest::newRow("bad private key") << QString(good).replace(QString::fromStdString(kPrivate), "abc") << "line 3: PrivateKey";
        QTest::newRow("unknown key") << QString(good).replace("MTU=1420", "Table = off") << "line 6: unsupported [Interface] key 'table'";
        QTest::newRow("unknown peer key") << good + "Colour = red\n" << "unsupported [Peer] key";
        QTest::newRow("DNS name") << QString(good).replace("DNS = 10.64.0.1", "DNS = 10.64.0.1, vpn.lan") << "line 5: DNS 'vpn.lan'";
        QTest::newRow("MTU small") << QString(good).replace("MTU=1420", "MTU=500") << "MTU";
        QTest::newRow("bad address") << QString(good).replace("10.66.66.2/32", "10.66.66.2/33") << "line 4: Address";
        QTest::newRow("bad endpoint") << QString(good).replace("se-01.vpn.example:51820", "se-01.vpn.example") << "Endpoint";
        QTest::newRow("bad keepalive") << QString(good).replace("PersistentKeepalive = 25", "PersistentKeepalive = soon") << "PersistentKeepalive";
        QTest::newRow("key before section") << "PrivateKey = " + QString::fromStdString(kPrivate) + "\n" + good << "line 1:";
        QTest::newRow("two interfaces") << good + "[Interface]\n" << "second [Interface]";
        QTest::newRow("unknown section") << good + "[Route]\n" << "unknown section";
        QTest::newRow("no equals") << good + "Endpoint\n" << "Key = Value";
        QTest::newRow("no peer") << good.left(good.indexOf("[Peer]")) << "needs a [Peer]";
        QTest::newRow("peer without endpoint") << QString(good).replace("Endpoint = se-01.vpn.example:51820\n", "") << "Endpoint";
        QTest::newRow("no private key") << QString(good).replace("PrivateKey = " + QString::fromStdString(kPrivate) + "\n", "") << "PrivateKey";
        QTest::newRow("no address") << QString(good).replace("Address = 10.66.66.2/32, fd42:42:42::2/128\n", "") << "Address";
        QTest::newRow("empty") << "" << "PrivateKey";
    }
    void wireguardConfigErrors() {
        QFETCH(QString, config);
        QFETCH(QString, message);
        const std::string r = refusalField({{"mode", "wireguard"}, {"wireguard_config", config.toStdString()}});
        QVERIFY2(r.rfind("wireguard_config|", 0) == 0, r.c_str());
        QVERIFY2(QString::fromStdString(r).contains(message), r.c_str());
    }

    void invalidDocuments_data() {
        QTest::addColumn<QByteArray>("document");
        QTest::addColumn<QString>("field");
        const auto row = [](const char* name, const json& j, const char* field) {
            QTest::newRow(name) << QByteArray::fromStdString(j.dump()) << QString(field);
        };
        row("mode missing", json::object(), "mode");
        row("mode unknown", {{"mode", "tor"}}, "mode");
        row("unknown field", {{"mode", "block"}, {"colour", 1}}, "colour");
        row("proxy for block", {{"mode", "block"}, {"proxy", "socks5://p.example:1080"}}, "proxy");
        row("proxy missing", {{"mode", "socks5"}}, "proxy");
        row("http mode, socks url", {{"mode", "http"}, {"proxy", "socks5://p.example:1080"}}, "proxy");
        row("socks mode, http url", {{"mode", "socks5"}, {"proxy", "http://p.example:3128"}}, "proxy");
        row("bad proxy url", {{"mode", "https"}, {"proxy", "https://p.example"}}, "proxy");
        row("wireguard config for socks", {{"mode", "socks5"}, {"proxy", "socks5://p.example:1080"}, {"wireguard_config", "x"}}, "wireguard_config");
        row("confirm on block", {{"mode", "block"}, {"confirm_direct", true}}, "confirm_direct");
        row("five dns servers", {{"mode", "block"}, {"dns_servers", {"1.1.1.1", "1.0.0.1", "9.9.9.9", "8.8.8.8", "8.8.4.4"}}}, "dns_servers");
        row("dns not a list", {{"mode", "block"}, {"dns_servers", "1.1.1.1"}}, "dns_servers");
        row("dns with port", {{"mode", "block"}, {"dns_servers", {"1.1.1.1", "1.1.1.2:53"}}}, "dns_servers.1");
        row("dns name", {{"mode", "block"}, {"dns_servers", {"dns.example"}}}, "dns_servers.0");
        row("dns duplicate", {{"mode", "block"}, {"dns_servers", {"1.1.1.1", "::ffff:1.1.1.1"}}}, "dns_servers.1");
        row("dns not string", {{"mode", "block"}, {"dns_servers", {53}}}, "dns_servers.0");
    }
    void invalidDocuments() {
        QFETCH(QByteArray, document);
        QFETCH(QString, field);
        const std::string r = refusalField(json::parse(document.toStdString()));
        QVERIFY2(r.rfind(field.toStdString() + "|", 0) == 0, r.c_str());
    }

    void fourDnsServersAreFine() {
        const ExitDocument doc = ExitDocument::fromRequestJson(
            {{"mode", "block"}, {"dns_servers", {"1.1.1.1", "1.0.0.1", "2606:4700:4700::1111", "9.9.9.9"}}}, nullptr);
        QCOMPARE(doc.dnsServers.size(), std::size_t{4});
    }
};

QTEST_GUILESS_MAIN(ExitDocumentTest)
#include "ExitDocumentTest.moc"
