// SPDX-License-Identifier: GPL-3.0-or-later
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <fstream>
#include <sstream>

#include <boost/asio/connect.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/ssl.hpp>
#include <boost/beast/websocket.hpp>
#include <boost/beast/websocket/ssl.hpp>

#include "node/api/ControlApi.h"
#include "node/api/TokenIssuer.h"
#include "node/server/ControlServer.h"

using namespace cowl;
using namespace cowl::node;
using nlohmann::json;
namespace asio = boost::asio;
namespace beast = boost::beast;

// The real listeners: TLS on loopback driven by curl, the Unix socket as root,
// and the event stream over a real WebSocket.
class ApiServerTest : public QObject {
    Q_OBJECT

private:
    std::unique_ptr<QTemporaryDir> m_tmp;
    std::unique_ptr<DocumentStore> m_store;
    std::unique_ptr<ControlServer> m_server;
    std::string m_admin;

    std::string path(const char* name) const { return m_tmp->path().toStdString() + "/" + name; }

    static std::string readFile(const std::string& file) {
        std::ifstream in(file);
        std::stringstream s;
        s << in.rdbuf();
        return s.str();
    }

    struct Reply {
        int status = 0;
        std::string body;
        std::string headers;
        std::string error;
    };

    // curl is the client an operator would use; -k because the test's certificate is self-signed.
    Reply curl(QStringList args) {
        QProcess p;
        const QString headerFile = QString::fromStdString(path("headers.txt"));
        args << "-sS" << "-k" << "-o" << QString::fromStdString(path("body.txt")) << "-D" << headerFile << "-w"
             << "%{http_code}";
        p.start("curl", args);
        if (!p.waitForFinished(20000)) {
            return {};
        }
        Reply r;
        r.status = QString::fromUtf8(p.readAllStandardOutput()).trimmed().toInt();
        r.body = readFile(path("body.txt"));
        r.headers = readFile(headerFile.toStdString());
        r.error = QString::fromUtf8(p.readAllStandardError()).toStdString();
        return r;
    }

    QString url(const std::string& p) const {
        return QString("https://127.0.0.1:%1%2").arg(m_server->boundPort()).arg(QString::fromStdString(p));
    }

    QStringList auth() const { return {"-H", QString::fromStdString("Authorization: Bearer " + m_admin)}; }

private slots:
    void init() {
        m_tmp = std::make_unique<QTemporaryDir>();
        QProcess openssl;
        openssl.start("openssl", {"req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                                  "-keyout", QString::fromStdString(path("key.pem")), "-out",
                                  QString::fromStdString(path("cert.pem")), "-days", "1", "-subj", "/CN=node1"});
        QVERIFY(openssl.waitForFinished(20000));
        QCOMPARE(openssl.exitCode(), 0);
        m_store = std::make_unique<DocumentStore>(path("store"));
        m_store->load();
        TokenIssuer::createRealm(*m_store, "default");
        m_admin = TokenIssuer::issue(*m_store, "operator", TokenRole::Admin, std::nullopt).secret;
        ControlServer::Options o;
        o.listen = {asio::ip::tcp::endpoint(asio::ip::make_address("127.0.0.1"), 0)};
        o.unixSocket = path("control.sock");
        o.certPem = readFile(path("cert.pem"));
        o.keyPem = readFile(path("key.pem"));
        o.identity = {"node1", "cowl.test", std::string(64, 'b'), "127.0.0.1"};
        o.threads = 2;
        m_server = std::make_unique<ControlServer>(std::move(o), *m_store);
        m_server->start();
        QVERIFY(m_server->boundPort() != 0);
    }

    void cleanup() {
        m_server.reset();
        m_store.reset();
        m_tmp.reset();
    }

    void httpsRoundTrip() {
        auto r = curl(QStringList{url("/api/v1/projects")} << auth() << "-H" << "Content-Type: application/json"
                                                              << "--data" << R"({"name":"shop"})");
        QCOMPARE(r.status, 201);
        const auto project = json::parse(r.body);
        QVERIFY(r.headers.find("ETag: \"1\"") != std::string::npos || r.headers.find("etag: \"1\"") != std::string::npos);
        r = curl(QStringList{url("/api/v1/projects/" + project.at("id").get<std::string>())} << auth());
        QCOMPARE(r.status, 200);
        QCOMPARE(json::parse(r.body).at("name").get<std::string>(), std::string("shop"));
        r = curl({url("/api/v1/projects")});
        QCOMPARE(r.status, 401);
        QCOMPARE(json::parse(r.body).at("error").at("code").get<std::string>(), std::string("unauthorized"));
    }

    void oversizedBodyIs413AndStoresNothing() {
        const std::string big = path("big.json");
        std::ofstream(big) << "{\"name\":\"" << std::string(2 * 1024 * 1024, 'a') << "\"}";
        auto r = curl(QStringList{url("/api/v1/projects")} << auth() << "-H" << "Content-Type: application/json"
                                                              << "--data-binary" << QString::fromStdString("@" + big));
        QVERIFY2(r.status == 413, r.error.c_str());
        QCOMPARE(json::parse(r.body).at("error").at("code").get<std::string>(), std::string("payload_too_large"));
        QVERIFY(m_store->list("projects").empty());
        // Chunked, so the size is only known while reading.
        r = curl(QStringList{url("/api/v1/projects")} << auth() << "-H" << "Content-Type: application/json" << "-H"
                                                      << "Transfer-Encoding: chunked" << "--data-binary"
                                                      << QString::fromStdString("@" + big));
        QVERIFY2(r.status == 413, r.error.c_str());
        QVERIFY(m_store->list("projects").empty());
    }

    void unixSocketRootIsNodeAdmin() {
        QFileInfo info(QString::fromStdString(path("control.sock")));
        QVERIFY(info.exists());
        QCOMPARE(int(info.permissions() & (QFile::ReadGroup | QFile::ReadOther | QFile::WriteGroup | QFile::WriteOther)), 0);
        if (::geteuid() != 0) {
            QSKIP("the Unix socket grants admin to uid 0 only; run as root");
        }
        auto r = curl({"--unix-socket", QString::fromStdString(path("control.sock")), "http://localhost/api/v1/tokens"});
        QCOMPARE(r.status, 200);
        QCOMPARE(json::parse(r.body).size(), std::size_t{1});
    }

    void eventStreamPushesAndClosesOnRevoke() {
        const auto viewer = TokenIssuer::issue(*m_store, "watcher", TokenRole::Viewer, std::nullopt);
        asio::io_context io;
        asio::ssl::context tls(asio::ssl::context::tls_client);
        tls.set_verify_mode(asio::ssl::verify_none);
        beast::websocket::stream<beast::ssl_stream<asio::ip::tcp::socket>> ws(io, tls);
        asio::ip::tcp::endpoint endpoint(asio::ip::make_address("127.0.0.1"), m_server->boundPort());
        beast::get_lowest_layer(ws).connect(endpoint);
        ws.next_layer().handshake(asio::ssl::stream_base::client);
        ws.set_option(beast::websocket::stream_base::decorator([&](beast::websocket::request_type& req) {
            req.set(beast::http::field::authorization, "Bearer " + viewer.secret);
        }));
        ws.handshake("127.0.0.1", "/api/v1/events");
        beast::flat_buffer buffer;
        ws.read(buffer);
        const auto hello = json::parse(beast::buffers_to_string(buffer.data()));
        buffer.consume(buffer.size());
        QCOMPARE(hello.at("kind").get<std::string>(), std::string("hello"));
        QCOMPARE(hello.at("node").at("name").get<std::string>(), std::string("node1"));

        auto r = curl(QStringList{url("/api/v1/projects")} << auth() << "-H" << "Content-Type: application/json"
                                                              << "--data" << R"({"name":"shop"})");
        QCOMPARE(r.status, 201);
        ws.read(buffer);
        const auto event = json::parse(beast::buffers_to_string(buffer.data()));
        buffer.consume(buffer.size());
        QCOMPARE(event.at("resource").get<std::string>(), std::string("project"));
        QCOMPARE(event.at("kind").get<std::string>(), std::string("created"));
        QCOMPARE(event.at("data"), json::parse(r.body));

        r = curl(QStringList{url("/api/v1/tokens/" + viewer.token.id)} << auth() << "-X" << "DELETE");
        QCOMPARE(r.status, 204);
        boost::system::error_code ec;
        for (int i = 0; i < 5 && !ec; ++i) {
            ws.read(buffer, ec); // a token event may come first; then the close
            buffer.consume(buffer.size());
        }
        QVERIFY(ec);
        QCOMPARE(int(ws.reason().code), int(beast::websocket::close_code::policy_error));
    }

    void unauthenticatedUpgradeIsRefused() {
        asio::io_context io;
        asio::ssl::context tls(asio::ssl::context::tls_client);
        beast::websocket::stream<beast::ssl_stream<asio::ip::tcp::socket>> ws(io, tls);
        beast::get_lowest_layer(ws).connect({asio::ip::make_address("127.0.0.1"), m_server->boundPort()});
        ws.next_layer().handshake(asio::ssl::stream_base::client);
        beast::websocket::response_type res;
        boost::system::error_code ec;
        ws.handshake(res, "127.0.0.1", "/api/v1/events", ec);
        QCOMPARE(ec, boost::system::error_code(beast::websocket::error::upgrade_declined));
    }
};

QTEST_GUILESS_MAIN(ApiServerTest)
#include "ApiServerTest.moc"
