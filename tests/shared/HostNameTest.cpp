// SPDX-License-Identifier: GPL-3.0-or-later
#include <random>

#include <QtTest>

#include "shared/alias/AliasName.h"
#include "shared/hosts/HostName.h"

using cowl::AliasHost;
using cowl::ContainerHost;
using cowl::HostName;
using cowl::Id;
using cowl::ParsedHost;

namespace {

const std::string kP = "0123456789abcdef01234567";
const std::string kC = "89abcdef0123456789abcdef";
const std::string kSuffix = "node1.example.net";

std::string host(const std::string& rest) {
    return kP + "-" + kC + "-" + rest + "." + kSuffix;
}

} // namespace

class HostNameTest : public QObject {
    Q_OBJECT
private slots:
    void containerHosts_data() {
        QTest::addColumn<QString>("host");
        QTest::addColumn<bool>("valid");
        QTest::addColumn<QString>("program");
        QTest::addColumn<int>("index");
        QTest::addColumn<int>("port"); // 0 = none
        QTest::addColumn<bool>("tls");
        const auto h = [](const std::string& r) { return QString::fromStdString(host(r)); };
        QTest::newRow("indexed") << h("terminal-2") << true << "terminal" << 2 << 0 << false;
        QTest::newRow("index omitted is 1") << h("terminal") << true << "terminal" << 1 << 0 << false;
        QTest::newRow("index 9999") << h("code-9999") << true << "code" << 9999 << 0 << false;
        QTest::newRow("index 0") << h("terminal-0") << false << "" << 0 << 0 << false;
        QTest::newRow("index 10000") << h("terminal-10000") << false << "" << 0 << 0 << false;
        QTest::newRow("index leading zero") << h("terminal-01") << false << "" << 0 << 0 << false;
        QTest::newRow("index not a number") << h("terminal-x") << false << "" << 0 << 0 << false;
        QTest::newRow("dangling hyphen") << h("terminal-") << false << "" << 0 << 0 << false;
        QTest::newRow("two numbers") << h("terminal-1-2") << false << "" << 0 << 0 << false;
        QTest::newRow("files omits index") << h("files") << true << "files" << 1 << 0 << false;
        QTest::newRow("files-1") << h("files-1") << true << "files" << 1 << 0 << false;
        QTest::newRow("singleton has no index 2") << h("files-2") << false << "" << 0 << 0 << false;
        QTest::newRow("http table port") << h("http") << true << "http" << 1 << 0 << false;
        QTest::newRow("https table port") << h("https") << true << "https" << 1 << 0 << true;
        QTest::newRow("http-PORT") << h("http-8080") << true << "http" << 1 << 8080 << false;
        QTest::newRow("https-PORT") << h("https-8443") << true << "https" << 1 << 8443 << true;
        QTest::newRow("http-1 is port 1") << h("http-1") << true << "http" << 1 << 1 << false;
        QTest::newRow("http-65535") << h("http-65535") << true << "http" << 1 << 65535 << false;
        QTest::newRow("http-65536") << h("http-65536") << false << "" << 0 << 0 << false;
        QTest::newRow("http-0") << h("http-0") << false << "" << 0 << 0 << false;
        QTest::newRow("http-080") << h("http-080") << false << "" << 0 << 0 << false;
        QTest::newRow("unknown program") << h("gopher") << false << "" << 0 << 0 << false;
        QTest::newRow("program case folded") << h("TERMINAL-3") << true << "terminal" << 3 << 0 << false;
        QTest::newRow("whole host uppercase")
            << QString::fromStdString(host("ssh")).toUpper() << true << "ssh" << 1 << 0 << false;
        QTest::newRow("trailing dot") << h("ssh") + "." << true << "ssh" << 1 << 0 << false;
        QTest::newRow("port ignored") << h("ssh") + ":443" << true << "ssh" << 1 << 0 << false;
        QTest::newRow("dot and port") << h("ssh") + ".:8443" << true << "ssh" << 1 << 0 << false;
        QTest::newRow("two trailing dots") << h("ssh") + ".." << false << "" << 0 << 0 << false;
        QTest::newRow("port not numeric") << h("ssh") + ":https" << false << "" << 0 << 0 << false;
        QTest::newRow("other suffix") << QString::fromStdString(kP + "-" + kC + "-ssh.node2.example.net") << false
                                      << "" << 0 << 0 << false;
        QTest::newRow("suffix glued to label") << QString::fromStdString(kP + "-" + kC + "-sshnode1.example.net")
                                               << false << "" << 0 << 0 << false;
        QTest::newRow("extra label") << "a." + h("ssh") << false << "" << 0 << 0 << false;
        QTest::newRow("short project id")
            << QString::fromStdString(kP.substr(1) + "-" + kC + "-ssh." + kSuffix) << false << "" << 0 << 0 << false;
        QTest::newRow("non-hex id")
            << QString::fromStdString("g" + kP.substr(1) + "-" + kC + "-ssh." + kSuffix) << false << "" << 0 << 0 << false;
        QTest::newRow("underscore") << h("ssh_1") << false << "" << 0 << 0 << false;
    }
    void containerHosts() {
        QFETCH(QString, host);
        QFETCH(bool, valid);
        QFETCH(QString, program);
        QFETCH(int, index);
        QFETCH(int, port);
        QFETCH(bool, tls);
        const ParsedHost parsed = HostName::parse(host.toStdString(), kSuffix);
        const auto* c = std::get_if<ContainerHost>(&parsed);
        QCOMPARE(c != nullptr, valid);
        if (!valid) {
            return;
        }
        QCOMPARE(c->project.str(), kP);
        QCOMPARE(c->container.str(), kC);
        QCOMPARE(c->program, program.toStdString());
        QCOMPARE(c->index, static_cast<std::uint32_t>(index));
        QCOMPARE(c->port.has_value(), port != 0);
        if (port != 0) {
            QCOMPARE(*c->port, static_cast<std::uint16_t>(port));
        }
        QCOMPARE(c->tls, tls);
    }

    void aliasHosts_data() {
        QTest::addColumn<QString>("host");
        QTest::addColumn<QString>("alias"); // empty = not an alias host
        QTest::newRow("plain") << "docs-site.node1.example.net" << "docs-site";
        QTest::newRow("case folded") << "Docs-Site.NODE1.example.net" << "docs-site";
        QTest::newRow("trailing dot and port") << "docs-site.node1.example.net.:443" << "docs-site";
        QTest::newRow("too short") << "ab.node1.example.net" << "";
        QTest::newRow("reserved api") << "api.node1.example.net" << "";
        QTest::newRow("reserved prefix") << "proxy-1.node1.example.net" << "";
        QTest::newRow("leading hyphen") << "-docs.node1.example.net" << "";
        QTest::newRow("sub-label") << "a.docs.node1.example.net" << "";
        QTest::newRow("bare suffix") << "node1.example.net" << "";
        QTest::newRow("empty label") << ".node1.example.net" << "";
        QTest::newRow("empty") << "" << "";
        QTest::newRow("ipv6 literal") << "[::1]:443" << "";
        QTest::newRow("ipv4 literal") << "127.0.0.1" << "";
        QTest::newRow("utf-8") << "d\xc3\xb6" "cs.node1.example.net" << "";
        QTest::newRow("percent") << "docs%2e.node1.example.net" << "";
        QTest::newRow("62 chars") << QString(62, QChar('a')) + ".node1.example.net" << "";
        QTest::newRow("61 chars") << QString(61, QChar('a')) + ".node1.example.net" << QString(61, QChar('a'));
    }
    void aliasHosts() {
        QFETCH(QString, host);
        QFETCH(QString, alias);
        const QByteArray bytes = host.toUtf8();
        const ParsedHost parsed = HostName::parse(std::string_view(bytes.constData(), bytes.size()), kSuffix);
        const auto* a = std::get_if<AliasHost>(&parsed);
        QCOMPARE(a != nullptr, !alias.isEmpty());
        if (a != nullptr) {
            QCOMPARE(a->alias, alias.toStdString());
        }
        QVERIFY(!std::holds_alternative<ContainerHost>(parsed));
    }

    void suffixIsNormalisedToo() {
        const ParsedHost parsed = HostName::parse(host("ssh"), "NODE1.Example.NET.");
        QVERIFY(std::holds_alternative<ContainerHost>(parsed));
        QVERIFY(std::holds_alternative<std::monostate>(HostName::parse(host("ssh"), "")));
    }

    void formatIsCanonical_data() {
        QTest::addColumn<QString>("program");
        QTest::addColumn<int>("index");
        QTest::addColumn<int>("port");
        QTest::addColumn<QString>("label");
        QTest::newRow("indexed carries its index") << "terminal" << 1 << 0 << "terminal-1";
        QTest::newRow("indexed 42") << "code" << 42 << 0 << "code-42";
        QTest::newRow("singleton has none") << "files" << 1 << 0 << "files";
        QTest::newRow("http table port") << "http" << 1 << 0 << "http";
        QTest::newRow("http port") << "http" << 1 << 8080 << "http-8080";
        QTest::newRow("https port") << "https" << 1 << 8443 << "https-8443";
    }
    void formatIsCanonical() {
        QFETCH(QString, program);
        QFETCH(int, index);
        QFETCH(int, port);
        QFETCH(QString, label);
        ContainerHost c{*Id::parse(kP), *Id::parse(kC), program.toStdString(), static_cast<std::uint32_t>(index),
                        std::nullopt, program == "https"};
        if (port != 0) {
            c.port = static_cast<std::uint16_t>(port);
        }
        const std::string formatted = HostName::format(c, "Node1.Example.Net.");
        QCOMPARE(formatted, host(label.toStdString()));
        const ParsedHost back = HostName::parse(formatted, kSuffix);
        QVERIFY(std::holds_alternative<ContainerHost>(back));
        QVERIFY(std::get<ContainerHost>(back) == c);
    }

    void formatAlias() {
        QCOMPARE(HostName::formatAlias("docs-site", "node1.example.net."), std::string("docs-site.node1.example.net"));
        const ParsedHost back = HostName::parse(HostName::formatAlias("docs-site", kSuffix), kSuffix);
        QVERIFY(std::get<AliasHost>(back).alias == "docs-site");
    }

    void generatedIdsRoundTrip() {
        for (int i = 0; i < 200; ++i) {
            const ContainerHost c{Id::generate(), Id::generate(), "terminal", static_cast<std::uint32_t>(1 + i), {}, false};
            const ParsedHost back = HostName::parse(HostName::format(c, kSuffix), kSuffix);
            QVERIFY(std::get<ContainerHost>(back) == c);
        }
    }

    // Total on hostile input: random bytes and mutations of valid names never
    // throw, and whatever parses is consistent with the grammar.
    void hostileInputIsHandled() {
        std::mt19937 rng(12345);
        const std::string seeds[] = {host("terminal-2"), host("http-8080"), "docs-site.node1.example.net", host("files")};
        const std::string alphabet("abcdef0123456789-.:[]%ABCDEF\x00\xff zZ", 33);
        for (int i = 0; i < 20000; ++i) {
            std::string s = seeds[rng() % 4];
            const int edits = 1 + static_cast<int>(rng() % 4);
            for (int e = 0; e < edits; ++e) {
                const std::size_t pos = s.empty() ? 0 : rng() % s.size();
                const char c = alphabet[rng() % alphabet.size()];
                switch (rng() % 3) {
                case 0:
                    if (!s.empty()) {
                        s[pos] = c;
                    }
                    break;
                case 1:
                    s.insert(s.begin() + static_cast<long>(pos), c);
                    break;
                default:
                    if (!s.empty()) {
                        s.erase(pos, 1 + rng() % 8);
                    }
                }
            }
            const ParsedHost parsed = HostName::parse(s, kSuffix);
            if (const auto* c = std::get_if<ContainerHost>(&parsed)) {
                QVERIFY(Id::isValid(c->project.str()) && Id::isValid(c->container.str()));
                QVERIFY(HostName::parse(HostName::format(*c, kSuffix), kSuffix) == parsed);
            } else if (const auto* a = std::get_if<AliasHost>(&parsed)) {
                QVERIFY2(!cowl::AliasName::validationError(a->alias, kSuffix), a->alias.c_str());
            }
        }
        std::string junk;
        for (int i = 0; i < 5000; ++i) {
            junk.resize(rng() % 300);
            for (char& c : junk) {
                c = static_cast<char>(rng());
            }
            HostName::parse(junk, kSuffix);
        }
        HostName::parse(std::string(100000, 'a') + "." + kSuffix, kSuffix);
    }
};

QTEST_GUILESS_MAIN(HostNameTest)
#include "HostNameTest.moc"
