// SPDX-License-Identifier: GPL-3.0-or-later
// The proxy data plane end to end: a real ProxyServer in this process, a real
// HTTP server as the container program (tests/e2e/proxy_upstream.py on ::1),
// real clients (curl, raw TLS sockets). Run it in its own network namespace.
#include <QDir>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <chrono>
#include <fstream>
#include <map>
#include <sstream>
#include <unistd.h>
#include <thread>

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/write.hpp>
#include <nlohmann/json.hpp>

#include "node/proxy/AccessLog.h"
#include "node/proxy/PasswordVerifier.h"
#include "node/proxy/ProxyServer.h"
#include "shared/access/AccessDocument.h"
#include "shared/hosts/HostName.h"

using namespace cowl;
using namespace cowl::node;
namespace asio = boost::asio;
using Json = nlohmann::json;

namespace {

constexpr const char* kSuffix = "node1.test";

struct ProcessResult {
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

ProcessResult run(const QString& program, const QStringList& args, int timeoutMs = 120'000)
{
    QProcess p;
    p.start(program, args);
    ProcessResult r;
    if (!p.waitForFinished(timeoutMs)) {
        p.kill();
        p.waitForFinished();
        r.err = "timed out";
        return r;
    }
    r.exitCode = p.exitCode();
    r.out = p.readAllStandardOutput();
    r.err = p.readAllStandardError();
    return r;
}

struct CurlResult {
    int status = 0;
    QByteArray headers; // lower-cased
    QByteArray body;
    QByteArray stderrText;
};

std::size_t rssKiB(const char* field)
{
    std::ifstream in("/proc/self/status");
    std::string line;
    while (std::getline(in, line)) {
        if (line.rfind(field, 0) == 0)
            return std::stoul(line.substr(std::strlen(field)));
    }
    return 0;
}

// A TLS client speaking whatever bytes a test wants (smuggling, WebSocket).
class RawClient {
public:
    RawClient(asio::io_context& io, asio::ssl::context& ctx, quint16 port, const std::string& sni)
        : m_stream(io, ctx)
    {
        m_stream.next_layer().connect({asio::ip::make_address("::1"), port});
        SSL_set_tlsext_host_name(m_stream.native_handle(), sni.c_str());
        timeval tv{5, 0};
        ::setsockopt(m_stream.next_layer().native_handle(), SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
        m_stream.handshake(asio::ssl::stream_base::client);
    }
    void send(std::string_view bytes) { asio::write(m_stream, asio::buffer(bytes.data(), bytes.size())); }
    // Reads until `marker` appears or the peer closes; `closed` tells which.
    std::string readUntil(std::string_view marker, bool* closed = nullptr)
    {
        std::string out;
        char buf[4096];
        for (;;) {
            if (!marker.empty() && out.find(marker) != std::string::npos)
                break;
            boost::system::error_code ec;
            std::size_t n = m_stream.read_some(asio::buffer(buf), ec);
            if (ec) {
                if (closed)
                    *closed = true;
                return out;
            }
            out.append(buf, n);
        }
        if (closed)
            *closed = false;
        return out;
    }
    // Bytes from the server already arrived and not yet read.
    bool hasBytesWaiting() { return m_stream.next_layer().available() > 0; }
    // True when the server closed the connection (EOF or reset) within 5 s.
    bool closedByPeer()
    {
        char c;
        boost::system::error_code ec;
        m_stream.read_some(asio::buffer(&c, 1), ec);
        return ec && ec != asio::error::would_block && ec != asio::error::try_again;
    }

private:
    asio::ssl::stream<asio::ip::tcp::socket> m_stream;
};

} // namespace

class ProxyServerTest : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void forwardsWithForwardedHeaders();
    void unknownHostsAnswerOneConstant404();
    void stoppedContainerAnswers503();
    void aliasTargetPathAndJail();
    void smugglingAndMalformedHeadsAre400AndClose();
    void oversizedHeadIs431();
    void slowHeadIsCutAtTheHeaderTimeout();
    void streamsLargeBodiesWithFlatMemory();
    void webSocketTunnelsBothWays();
    void httpsProgramGetsTlsToTheContainer();
    void keptConnectionTheContainerClosedIsNotAnError();
    void http2ForwardsStreamsAndAnswers();
    void passwordGroupChallengesAndStripsCredentials();
    void tokenGroupInQueryIsStripped();
    void importedCertificateIsPickedBySni();
    void accessLogRecordsEveryRequest();
    void lockdownCutsEveryConnectionQuickly();
    void repeatedFailuresGet429();
    void passwordCheckLeavesTheWorkerServing();
    void passwordChecksAreSharedAndBounded();
    void lockdownDuringAPasswordCheckIsObeyed();
    void threadsAreNamedForOperators();
    void benchmarkAgainstNginxAndHaproxy();

private:
    QString host(const Id& container, const QString& program, std::optional<std::uint16_t> port = {}) const;
    QString aliasHost(const QString& alias) const { return alias + "." + kSuffix; }
    CurlResult curl(const QString& hostName, const QString& path, const QStringList& extra = {});
    std::shared_ptr<ProxySnapshot> baseSnapshot() const;
    void publish(std::shared_ptr<ProxySnapshot> s) { m_proxy->publish(std::move(s)); }
    std::string sni() const { return host(m_container, "http").toStdString(); }
    // A second proxy with one worker and one scrypt thread: what one worker
    // does while a password is checked shows in the order of the answers.
    std::unique_ptr<ProxyServer> singleWorkerProxy(std::size_t maxWaitingChecks = 64);
    std::string basicRequest(const Id& container, const std::string& userPassword) const;

    QTemporaryDir m_dir;
    QProcess m_upstream;
    quint16 m_upstreamPort = 0;
    quint16 m_port = 0;
    std::unique_ptr<ProxyServer> m_proxy;
    ProxyOptions m_options;
    Id m_project = Id::generate();
    Id m_container = Id::generate();
    Id m_stopped = Id::generate();
    Id m_guarded = Id::generate();
    std::shared_ptr<const AccessDocument> m_doc;
    asio::io_context m_io;
    asio::ssl::context m_clientTls{asio::ssl::context::tls_client};
    std::vector<AccessLogEntry> m_logged;
    std::mutex m_logMutex;
};

QString ProxyServerTest::host(const Id& container, const QString& program, std::optional<std::uint16_t> port) const
{
    ContainerHost h{m_project, container, program.toStdString(), 1, port, false};
    return QString::fromStdString(HostName::format(h, kSuffix));
}

CurlResult ProxyServerTest::curl(const QString& hostName, const QString& path, const QStringList& extra)
{
    QString headers = m_dir.filePath("curl-headers");
    QString body = m_dir.filePath("curl-body");
    QFile::remove(headers);
    QFile::remove(body);
    // HTTP/1.1 unless a test asks for --http2 (curl would pick h2 by ALPN).
    QStringList args{"-sS", extra.contains("--http2") ? "--http2" : "--http1.1",
                     "--cacert", m_dir.filePath("ca.pem"),
                     "--resolve", QString("%1:%2:::1").arg(hostName).arg(m_port),
                     "-D", headers, "-o", body, "-w", "%{http_code}",
                     QString("https://%1:%2%3").arg(hostName).arg(m_port).arg(path)};
    args = extra + args;
    auto r = run("curl", args, 600'000);
    CurlResult c;
    c.status = r.out.toInt();
    c.stderrText = r.err;
    QFile h(headers);
    if (h.open(QIODevice::ReadOnly))
        c.headers = h.readAll().toLower();
    QFile b(body);
    if (b.open(QIODevice::ReadOnly))
        c.body = b.readAll();
    return c;
}

std::shared_ptr<ProxySnapshot> ProxyServerTest::baseSnapshot() const
{
    auto s = std::make_shared<ProxySnapshot>();
    s->nodeSuffix = kSuffix;
    auto add = [&](const Id& id, bool running, std::shared_ptr<const AccessDocument> doc) {
        ProxyContainer c{m_project, id, "::1", {{"http", m_upstreamPort}, {"terminal", m_upstreamPort}}, doc, 1, running,
                         false};
        s->containers.emplace(id, std::move(c));
    };
    add(m_container, true, nullptr);
    add(m_stopped, false, nullptr);
    add(m_guarded, true, m_doc);
    auto alias = [&](std::string name, std::string target, bool override, std::optional<std::int64_t> expires,
                     bool enabled) {
        ProxyAlias a{name, m_container, "http", std::nullopt, std::nullopt, std::move(target), override, expires, enabled};
        s->aliases.emplace(std::move(name), std::move(a));
    };
    auto now = std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
    alias("shop", "/base/", true, now + 3600, true);
    alias("jail", "/jailed/", false, std::nullopt, true);
    alias("gone", "/", true, now - 1, true);
    alias("off", "/", true, std::nullopt, false);
    return s;
}

void ProxyServerTest::initTestCase()
{
    QVERIFY(m_dir.isValid());
    // A test CA and the node's wildcard certificate, plus an "imported" one for an alias.
    QString script = QString(R"(set -e; cd '%1'
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout ca.key -out ca.pem -days 2 -subj /CN=cowl-test-ca 2>/dev/null
for n in node alias; do
  if [ $n = node ]; then san='DNS:*.%2'; else san='DNS:shop.%2'; fi
  openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout $n.key -out $n.csr -subj /CN=$n 2>/dev/null
  printf 'subjectAltName=%s\n' "$san" > $n.ext
  openssl x509 -req -in $n.csr -CA ca.pem -CAkey ca.key -CAcreateserial -out $n.pem -days 2 -extfile $n.ext 2>/dev/null
done)").arg(m_dir.path(), kSuffix);
    auto certs = run("bash", {"-c", script});
    QVERIFY2(certs.exitCode == 0, certs.err.constData());

    QString upstream = QString(COWL_TEST_DATA_DIR) + "/../e2e/proxy_upstream.py";
    m_upstream.start("/usr/bin/python3", {upstream});
    QVERIFY(m_upstream.waitForReadyRead(10'000));
    m_upstreamPort = static_cast<quint16>(m_upstream.readLine().trimmed().toUInt());
    QVERIFY(m_upstreamPort != 0);

    auto doc = AccessDocument::fromRequestJson(Json::parse(R"({
        "groups": {
            "ops": {"type": "password", "username": "alice", "password": "correct horse battery"},
            "ci": {"type": "token", "value": "a-long-random-token-value", "sources": ["query:token"]}
        },
        "permissions": {"ops": {"*": true}, "ci": {"http": true}},
        "default": "deny"})"), nullptr);
    m_doc = std::make_shared<const AccessDocument>(std::move(doc));

    auto readFile = [&](const QString& name) {
        QFile f(m_dir.filePath(name));
        f.open(QIODevice::ReadOnly);
        return f.readAll().toStdString();
    };
    ProxyOptions options;
    options.listen = {asio::ip::tcp::endpoint(asio::ip::make_address("::1"), 0)};
    options.certificatePem = readFile("node.pem");
    options.privateKeyPem = readFile("node.key");
    options.threads = 2;
    options.limits.maxHeaderBytes = 8192;
    options.limits.headerTimeout = std::chrono::seconds(2);
    options.limits.failedCredentialsBeforeBlock = 5;
    options.accessLogPath = m_dir.filePath("access.log").toStdString();
    m_options = options;
    m_proxy = std::make_unique<ProxyServer>(options);
    m_proxy->start();
    m_port = m_proxy->endpoints().front().port();
    m_proxy->accessLog().subscribe([this](std::span<const AccessLogEntry> batch) {
        std::lock_guard lock(m_logMutex);
        m_logged.insert(m_logged.end(), batch.begin(), batch.end());
    });
    publish(baseSnapshot());

    m_clientTls.load_verify_file(m_dir.filePath("ca.pem").toStdString());
    m_clientTls.set_verify_mode(asio::ssl::verify_peer);
}

void ProxyServerTest::cleanupTestCase()
{
    m_proxy.reset();
    m_upstream.closeWriteChannel();
    if (!m_upstream.waitForFinished(3000))
        m_upstream.kill();
}

void ProxyServerTest::forwardsWithForwardedHeaders()
{
    auto r = curl(host(m_container, "http"), "/echo?x=1",
                  {"-H", "X-Forwarded-For: 6.6.6.6", "-H", "X-Cowl-Group: admins", "-H", "Forwarded: for=6.6.6.6"});
    QCOMPARE(r.status, 200);
    auto j = Json::parse(r.body.toStdString());
    QCOMPARE(j.at("path").get<std::string>(), std::string("/echo?x=1"));
    std::map<std::string, std::vector<std::string>> headers;
    for (const auto& h : j.at("headers")) {
        std::string name = h.at(0).get<std::string>();
        std::transform(name.begin(), name.end(), name.begin(), ::tolower);
        headers[name].push_back(h.at(1).get<std::string>());
    }
    QCOMPARE(headers["x-forwarded-for"], std::vector<std::string>{"::1"});
    QCOMPARE(headers["x-forwarded-proto"], std::vector<std::string>{"https"});
    // The Host the client sent, port included (curl names the port: it is not 443).
    const std::string sentHost = QString("%1:%2").arg(host(m_container, "http")).arg(m_port).toStdString();
    QCOMPARE(headers["x-forwarded-host"], std::vector<std::string>{sentHost});
    QVERIFY(!headers.count("x-cowl-group")); // open container: no group granted
    QVERIFY(!headers.count("forwarded"));

    // http-PORT reaches a container port with no program table entry.
    auto p = curl(host(m_container, "http", m_upstreamPort), "/echo");
    QCOMPARE(p.status, 200);
    // Chunked and read-to-close upstream bodies arrive whole.
    auto chunked = curl(host(m_container, "http"), "/chunked/300000");
    QVERIFY2(chunked.body.size() == 300000, (chunked.headers + chunked.stderrText).constData());
    auto eof = curl(host(m_container, "http"), "/eof/70000");
    QVERIFY2(eof.body.size() == 70000, (eof.headers + eof.stderrText).constData());
    // Keep-alive: several requests on one connection (curl reuses it).
    auto k = run("curl", {"-sS", "--http1.1", "--cacert", m_dir.filePath("ca.pem"), "--resolve",
                          QString("%1:%2:::1").arg(host(m_container, "http")).arg(m_port), "-w", "%{num_connects}\\n",
                          "-o", "/dev/null", "-o", "/dev/null", "-o", "/dev/null",
                          QString("https://%1:%2/a").arg(host(m_container, "http")).arg(m_port),
                          QString("https://%1:%2/b").arg(host(m_container, "http")).arg(m_port),
                          QString("https://%1:%2/c").arg(host(m_container, "http")).arg(m_port)});
    QCOMPARE(k.out, QByteArray("1\n0\n0\n"));
}

void ProxyServerTest::unknownHostsAnswerOneConstant404()
{
    auto strip = [](QByteArray headers) {
        // Only the Date header may differ between two answers.
        QList<QByteArray> keep;
        for (const auto& line : headers.split('\n'))
            if (!line.startsWith("date:"))
                keep.push_back(line);
        return keep.join('\n');
    };
    QStringList hosts{host(Id::generate(), "http"),           // unknown container
                      host(m_container, "sqlite"),            // program not in the table
                      aliasHost("nosuchalias"),               // unknown alias
                      aliasHost("gone"),                      // expired alias
                      aliasHost("off"),                       // disabled alias
                      "elsewhere.example.org"};
    CurlResult first;
    for (const auto& h : hosts) {
        auto r = curl(h, "/anything", {"-k"});
        QCOMPARE(r.status, 404);
        if (first.status == 0)
            first = r;
        QCOMPARE(r.body, first.body);
        QCOMPARE(strip(r.headers), strip(first.headers));
    }
    QVERIFY(!first.body.contains(m_container.str().c_str()));
}

void ProxyServerTest::stoppedContainerAnswers503()
{
    auto r = curl(host(m_stopped, "http"), "/");
    QCOMPARE(r.status, 503);
    QVERIFY(r.headers.contains("retry-after:"));
}

void ProxyServerTest::aliasTargetPathAndJail()
{
    auto root = curl(aliasHost("shop"), "/");
    QCOMPARE(root.status, 200);
    QCOMPARE(Json::parse(root.body.toStdString()).at("path").get<std::string>(), std::string("/base/"));
    auto other = curl(aliasHost("shop"), "/x/y?q=1");
    QCOMPARE(Json::parse(other.body.toStdString()).at("path").get<std::string>(), std::string("/x/y?q=1"));

    auto inside = curl(aliasHost("jail"), "/a//b/./c?z=2");
    QCOMPARE(inside.status, 200);
    QCOMPARE(Json::parse(inside.body.toStdString()).at("path").get<std::string>(), std::string("/jailed/a/b/c?z=2"));
    auto up = curl(aliasHost("jail"), "/a/../b");
    QCOMPARE(Json::parse(up.body.toStdString()).at("path").get<std::string>(), std::string("/jailed/b"));
    for (const char* escape : {"/../etc/passwd", "/%2e%2e/etc", "/a/%2E%2E/%2e%2E/x", "/..%2fetc", "/a/..%5c..%5cx"}) {
        auto r = curl(aliasHost("jail"), escape, {"--path-as-is"});
        QVERIFY2(r.status == 400, escape);
    }
}

void ProxyServerTest::smugglingAndMalformedHeadsAre400AndClose()
{
    const std::string h = sni();
    const std::vector<std::string> attacks{
        "POST /count HTTP/1.1\r\nHost: " + h + "\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
        "POST /count HTTP/1.1\r\nHost: " + h + "\r\nTransfer-Encoding: chunked\r\nContent-Length: 4\r\n\r\n0\r\n\r\n",
        "POST /count HTTP/1.1\r\nHost: " + h + "\r\nContent-Length: 4\r\nContent-Length: 5\r\n\r\nabcde",
        "GET / HTTP/1.1\r\nHost: " + h + "\r\nX-Long: a\r\n b\r\n\r\n",
        "POST /count HTTP/1.1\r\nHost: " + h + "\r\nTransfer-Encoding: gzip\r\n\r\n",
        "POST /count HTTP/1.1\r\nHost: " + h + "\r\nTransfer-Encoding: chunked, identity\r\n\r\n",
        "GET / HTTP/1.1\r\nHost: " + h + "\r\nHost: evil.example\r\n\r\n",
        "GET / HTTP/1.1\r\n\r\n",
        "GET  / HTTP/1.1\r\nHost: " + h + "\r\n\r\n",
        "GET / HTTP/1.1\r\nHost : " + h + "\r\n\r\n",
    };
    for (const auto& attack : attacks) {
        RawClient c(m_io, m_clientTls, m_port, h);
        c.send(attack);
        bool closed = false;
        std::string answer = c.readUntil("", &closed);
        QVERIFY2(answer.rfind("HTTP/1.1 400", 0) == 0, attack.c_str());
        QVERIFY2(closed, attack.c_str());
    }
    // An invalid chunk size in the body: 400 and close, nothing answered by the container.
    RawClient c(m_io, m_clientTls, m_port, h);
    c.send("POST /count HTTP/1.1\r\nHost: " + h + "\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nabc\r\n0\r\n\r\n");
    bool closed = false;
    std::string answer = c.readUntil("", &closed);
    QVERIFY(closed);
    QVERIFY2(answer.rfind("HTTP/1.1 400", 0) == 0, answer.c_str());
    QVERIFY(answer.find("\"bytes\"") == std::string::npos);
}

void ProxyServerTest::oversizedHeadIs431()
{
    RawClient c(m_io, m_clientTls, m_port, sni());
    c.send("GET / HTTP/1.1\r\nHost: " + sni() + "\r\nX-Big: " + std::string(9000, 'a') + "\r\n\r\n");
    bool closed = false;
    std::string answer = c.readUntil("", &closed);
    QVERIFY(answer.rfind("HTTP/1.1 431", 0) == 0);
    QVERIFY(closed);
}

void ProxyServerTest::slowHeadIsCutAtTheHeaderTimeout()
{
    RawClient c(m_io, m_clientTls, m_port, sni());
    auto started = std::chrono::steady_clock::now();
    c.send("GET / HTTP/1.1\r\nHost: " + sni() + "\r\n");
    std::this_thread::sleep_for(std::chrono::milliseconds(500));
    c.send("X-Drip: 1\r\n"); // trickling bytes does not extend the deadline
    QVERIFY(c.closedByPeer());
    auto waited = std::chrono::steady_clock::now() - started;
    QVERIFY(waited >= std::chrono::milliseconds(1900));
    QVERIFY(waited < std::chrono::milliseconds(4000));
}

void ProxyServerTest::streamsLargeBodiesWithFlatMemory()
{
    const qint64 size = qEnvironmentVariableIsSet("COWL_PROXY_BIG_BYTES")
                            ? qEnvironmentVariable("COWL_PROXY_BIG_BYTES").toLongLong()
                            : (1LL << 30);
    std::size_t before = rssKiB("VmHWM:");
    auto started = std::chrono::steady_clock::now();
    auto down = run("bash", {"-c", QString("curl --http1.1 -sS --cacert '%1' --resolve %2:%3:::1 -o /dev/null -w '%{size_download}' "
                                           "https://%2:%3/bytes/%4")
                                       .arg(m_dir.filePath("ca.pem"), host(m_container, "http"))
                                       .arg(m_port)
                                       .arg(size)},
                    600'000);
    QCOMPARE(down.out.toLongLong(), size);
    auto downSeconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    started = std::chrono::steady_clock::now();
    // Unknown length: curl streams stdin chunked (-T -; --data-binary would read it all into memory first).
    auto up = run("bash", {"-c", QString("head -c %4 /dev/zero | curl --http1.1 -sS --cacert '%1' --resolve %2:%3:::1 "
                                         "-T - https://%2:%3/count")
                                     .arg(m_dir.filePath("ca.pem"), host(m_container, "http"))
                                     .arg(m_port)
                                     .arg(size)},
                  600'000);
    QVERIFY2(up.exitCode == 0, up.err.constData());
    QCOMPARE(Json::parse(up.out.toStdString()).at("bytes").get<qint64>(), size);
    auto upSeconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    std::size_t after = rssKiB("VmHWM:");
    qInfo("streamed %lld bytes: download %.0f MB/s, chunked upload %.0f MB/s, peak RSS grew %zu KiB", size,
          size / downSeconds / 1e6, size / upSeconds / 1e6, after - before);
    QVERIFY2(after - before < 32 * 1024, "proxy memory grew with the body size");
}

void ProxyServerTest::httpsProgramGetsTlsToTheContainer()
{
    // The container's program speaks HTTPS (self-issued: the proxy encrypts
    // but does not verify on the node's own veth); https-PORT reaches it.
    QProcess tlsUpstream;
    auto env = QProcessEnvironment::systemEnvironment();
    env.insert("COWL_UPSTREAM_TLS", m_dir.filePath("node.pem") + ":" + m_dir.filePath("node.key"));
    tlsUpstream.setProcessEnvironment(env);
    tlsUpstream.start("/usr/bin/python3", {QString(COWL_TEST_DATA_DIR) + "/../e2e/proxy_upstream.py"});
    QVERIFY(tlsUpstream.waitForReadyRead(10'000));
    auto tlsPort = static_cast<quint16>(tlsUpstream.readLine().trimmed().toUInt());
    QVERIFY(tlsPort != 0);

    const QString https = host(m_container, "https", tlsPort);
    auto echo = curl(https, "/echo?via=tls");
    QVERIFY2(echo.status == 200, (echo.headers + echo.stderrText).constData());
    QCOMPARE(Json::parse(echo.body.toStdString()).at("path").get<std::string>(), std::string("/echo?via=tls"));
    // Bodies larger than a TLS record, both ways, on a pooled connection.
    auto down = curl(https, "/bytes/300000");
    QCOMPARE(down.body.size(), 300000);
    QFile upload(m_dir.filePath("tls-upload"));
    QVERIFY(upload.open(QIODevice::WriteOnly));
    upload.write(QByteArray(1 << 20, 'u'));
    upload.close();
    auto up = curl(https, "/count", {"-T", upload.fileName(), "-X", "POST"});
    QCOMPARE(up.status, 200);
    QCOMPARE(Json::parse(up.body.toStdString()).at("bytes").get<int>(), 1 << 20);
    // Plain HTTP to the same port is not TLS: the program hangs up, the client gets 502.
    auto plain = curl(host(m_container, "http", tlsPort), "/echo");
    QCOMPARE(plain.status, 502);

    tlsUpstream.closeWriteChannel();
    if (!tlsUpstream.waitForFinished(3000))
        tlsUpstream.kill();
}

void ProxyServerTest::keptConnectionTheContainerClosedIsNotAnError()
{
    // The container closes the kept connection right after an answer. The
    // next request on the same client connection (the same worker, so the
    // same pool) gets that dead connection first: a GET unprobed, then sent
    // again on a new connection; a POST with a body after a probe that sees
    // the close.
    const QString name = host(m_container, "http");
    auto sequence = [&](const QStringList& perRequest, const QStringList& paths) {
        QStringList args{"-sS", "--http1.1", "--cacert", m_dir.filePath("ca.pem"), "--resolve",
                         QString("%1:%2:::1").arg(name).arg(m_port), "-w", "%{http_code} %{num_connects}\n"};
        for (const auto& path : paths)
            args << perRequest << "-o" << "/dev/null" << QString("https://%1:%2%3").arg(name).arg(m_port).arg(path);
        return run("curl", args).out;
    };
    QCOMPARE(sequence({}, {"/close-quietly", "/echo", "/close-quietly", "/echo"}),
             QByteArray("200 1\n200 0\n200 0\n200 0\n"));
    QCOMPARE(sequence({"-X", "POST", "--data-binary", "body"}, {"/close-quietly", "/count"}),
             QByteArray("200 1\n200 0\n"));
}

void ProxyServerTest::webSocketTunnelsBothWays()
{
    RawClient c(m_io, m_clientTls, m_port, sni());
    c.send("GET /ws HTTP/1.1\r\nHost: " + sni() + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
           "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n");
    std::string head = c.readUntil("\r\n\r\n");
    QVERIFY2(head.rfind("HTTP/1.1 101", 0) == 0, head.c_str());
    QVERIFY(head.find("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=") != std::string::npos);
    // A masked text frame "hello" (RFC 6455 §5.7), echoed back unmasked.
    std::string frame = "\x81\x85\x37\xfa\x21\x3d\x7f\x9f\x4d\x51\x58";
    c.send(frame);
    std::string echoed = c.readUntil("Hello");
    QVERIFY2(echoed.find("\x81\x05Hello") != std::string::npos, echoed.c_str());
}

void ProxyServerTest::http2ForwardsStreamsAndAnswers()
{
    auto r = curl(host(m_container, "http"), "/echo", {"--http2", "-H", "X-Forwarded-For: 6.6.6.6"});
    QCOMPARE(r.status, 200);
    QVERIFY2(r.headers.startsWith("http/2 200"), r.headers.constData());
    auto j = Json::parse(r.body.toStdString());
    for (const auto& h : j.at("headers")) {
        if (QString::fromStdString(h.at(0).get<std::string>()).compare("x-forwarded-for", Qt::CaseInsensitive) == 0)
            QCOMPARE(h.at(1).get<std::string>(), std::string("::1"));
        if (QString::fromStdString(h.at(0).get<std::string>()).compare("host", Qt::CaseInsensitive) == 0)
            QCOMPARE(h.at(1).get<std::string>(),
                     QString("%1:%2").arg(host(m_container, "http")).arg(m_port).toStdString()); // :authority as sent
    }
    auto missing = curl(host(Id::generate(), "http"), "/", {"--http2", "-k"});
    QCOMPARE(missing.status, 404);
    QCOMPARE(curl(host(m_stopped, "http"), "/", {"--http2"}).status, 503);

    const qint64 size = 64 << 20;
    auto down = run("bash", {"-c", QString("curl --http2 -sS --cacert '%1' --resolve %2:%3:::1 -o /dev/null "
                                           "-w '%{size_download} %{http_version}' https://%2:%3/bytes/%4")
                                       .arg(m_dir.filePath("ca.pem"), host(m_container, "http"))
                                       .arg(m_port)
                                       .arg(size)});
    QCOMPARE(down.out, QByteArray::number(size) + " 2");
    auto up = run("bash", {"-c", QString("head -c %4 /dev/zero | curl --http2 -sS --cacert '%1' --resolve %2:%3:::1 "
                                         "-T - https://%2:%3/count")
                                     .arg(m_dir.filePath("ca.pem"), host(m_container, "http"))
                                     .arg(m_port)
                                     .arg(size)});
    QVERIFY2(up.exitCode == 0, up.err.constData());
    QCOMPARE(Json::parse(up.out.toStdString()).at("bytes").get<qint64>(), size);

    // Many concurrent streams on few connections (h2load: a client no one here wrote).
    auto load = run("h2load", {"-n", "2000", "-c", "4", "-m", "16", "-H",
                               QString(":authority: %1").arg(host(m_container, "http")),
                               QString("https://[::1]:%1/echo").arg(m_port)});
    QVERIFY2(load.out.contains("2000 succeeded"), load.out.constData());
    QVERIFY2(load.out.contains("status codes: 2000 2xx"), load.out.constData());
}

void ProxyServerTest::passwordGroupChallengesAndStripsCredentials()
{
    auto none = curl(host(m_guarded, "http"), "/echo");
    QCOMPARE(none.status, 401);
    QVERIFY(none.headers.contains("www-authenticate: basic realm="));
    auto wrong = curl(host(m_guarded, "http"), "/echo", {"-u", "alice:wrong"});
    QCOMPARE(wrong.status, 401);
    auto started = std::chrono::steady_clock::now();
    auto right = curl(host(m_guarded, "http"), "/echo", {"-u", "alice:correct horse battery"});
    auto firstMs = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
    QCOMPARE(right.status, 200);
    auto j = Json::parse(right.body.toStdString());
    bool sawGroup = false;
    for (const auto& h : j.at("headers")) {
        std::string name = h.at(0).get<std::string>();
        QVERIFY2(QString::fromStdString(name).compare("authorization", Qt::CaseInsensitive) != 0,
                 "consumed credentials were forwarded");
        if (QString::fromStdString(name).compare("x-cowl-group", Qt::CaseInsensitive) == 0) {
            QCOMPARE(h.at(1).get<std::string>(), std::string("ops"));
            sawGroup = true;
        }
    }
    QVERIFY(sawGroup);
    // The second time the credential is a cache lookup, not scrypt.
    started = std::chrono::steady_clock::now();
    for (int i = 0; i < 3; ++i)
        QCOMPARE(curl(host(m_guarded, "http"), "/echo", {"-u", "alice:correct horse battery"}).status, 200);
    auto repeatMs = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count() / 3;
    qInfo("basic auth: first %.1f ms, repeated %.1f ms per request (curl process included)", firstMs, repeatMs);
}

void ProxyServerTest::tokenGroupInQueryIsStripped()
{
    auto r = curl(host(m_guarded, "http"), "/echo?a=1&token=a-long-random-token-value&b=2");
    QCOMPARE(r.status, 200);
    QCOMPARE(Json::parse(r.body.toStdString()).at("path").get<std::string>(), std::string("/echo?a=1&b=2"));
}

void ProxyServerTest::importedCertificateIsPickedBySni()
{
    auto readFile = [&](const QString& name) {
        QFile f(m_dir.filePath(name));
        f.open(QIODevice::ReadOnly);
        return f.readAll().toStdString();
    };
    auto names = m_proxy->importCertificate(readFile("alias.pem"), readFile("alias.key"));
    QCOMPARE(names, std::vector<std::string>{std::string("shop.") + kSuffix});
    QVERIFY_THROWS_EXCEPTION(std::runtime_error, m_proxy->importCertificate(readFile("alias.pem"), readFile("node.key")));
    auto s = run("bash", {"-c", QString("openssl s_client -connect '[::1]:%1' -servername shop.%2 </dev/null 2>/dev/null "
                                        "| openssl x509 -noout -ext subjectAltName")
                                    .arg(m_port)
                                    .arg(kSuffix)});
    QVERIFY2(s.out.contains("DNS:shop."), s.out.constData());
    QCOMPARE(curl(aliasHost("shop"), "/").status, 200);
}

void ProxyServerTest::accessLogRecordsEveryRequest()
{
    curl(host(m_container, "http"), "/logged/path?secret=1");
    m_proxy->accessLog().flush();
    std::lock_guard lock(m_logMutex);
    auto it = std::find_if(m_logged.begin(), m_logged.end(), [](const AccessLogEntry& e) { return e.path == "/logged/path"; });
    QVERIFY(it != m_logged.end());
    QCOMPARE(it->status, 200);
    QCOMPARE(it->container, m_container.str());
    QCOMPARE(it->decision, std::string("allow"));
    QCOMPARE(it->client, std::string("::1"));
    QCOMPARE(it->method, std::string("GET"));
    QFile file(m_dir.filePath("access.log"));
    QVERIFY(file.open(QIODevice::ReadOnly));
    QByteArray text = file.readAll();
    QVERIFY(text.contains("/logged/path"));
    QVERIFY(!text.contains("secret=1"));
    QVERIFY(text.contains("\"decision\":\"not_found\""));
}

void ProxyServerTest::lockdownCutsEveryConnectionQuickly()
{
    const int connections = qEnvironmentVariableIntValue("COWL_PROXY_LOCKDOWN_CONNECTIONS") > 0
                                ? qEnvironmentVariableIntValue("COWL_PROXY_LOCKDOWN_CONNECTIONS")
                                : 1000;
    std::vector<std::unique_ptr<RawClient>> clients;
    const std::string request = "GET /echo HTTP/1.1\r\nHost: " + sni() + "\r\n\r\n";
    for (int i = 0; i < connections; ++i) {
        auto c = std::make_unique<RawClient>(m_io, m_clientTls, m_port, sni());
        c->send(request);
        std::string answer = c->readUntil("\"headers\"");
        QVERIFY(answer.rfind("HTTP/1.1 200", 0) == 0);
        clients.push_back(std::move(c));
    }
    // And one WebSocket tunnel through an alias of the same container.
    RawClient ws(m_io, m_clientTls, m_port, "shop." + std::string(kSuffix));
    ws.send("GET /ws HTTP/1.1\r\nHost: shop." + std::string(kSuffix) +
            "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
            "Sec-WebSocket-Version: 13\r\n\r\n");
    QVERIFY(ws.readUntil("\r\n\r\n").rfind("HTTP/1.1 101", 0) == 0);

    auto locked = baseSnapshot();
    locked->containers.at(m_container).locked = true;
    auto report = m_proxy->publish(locked);
    qInfo("lockdown: %zu connections cut in %.2f ms", report.connections, report.elapsed.count() / 1000.0);
    QVERIFY(report.connections >= static_cast<std::size_t>(connections) + 1);
    QVERIFY2(report.elapsed < std::chrono::milliseconds(50), "lockdown took 50 ms or more");
    for (auto& c : clients)
        QVERIFY(c->closedByPeer());
    QVERIFY(ws.closedByPeer());

    auto after = curl(host(m_container, "http"), "/echo");
    QCOMPARE(after.status, 503);
    QVERIFY(after.headers.contains("retry-after:"));
    QCOMPARE(curl(aliasHost("shop"), "/").status, 503);
    publish(baseSnapshot());
    QCOMPARE(curl(host(m_container, "http"), "/echo").status, 200);
}

void ProxyServerTest::repeatedFailuresGet429()
{
    int last = 0;
    for (int i = 0; i < 6; ++i)
        last = curl(host(m_guarded, "http"), "/echo", {"-u", "alice:nope"}).status;
    QCOMPARE(last, 429);
    // Even the right password is refused while the address is throttled.
    auto r = curl(host(m_guarded, "http"), "/echo", {"-u", "alice:correct horse battery"});
    QCOMPARE(r.status, 429);
    QVERIFY(r.headers.contains("retry-after:"));
    // Open containers are not affected.
    QCOMPARE(curl(host(m_container, "http"), "/echo").status, 200);
}

std::unique_ptr<ProxyServer> ProxyServerTest::singleWorkerProxy(std::size_t maxWaitingChecks)
{
    ProxyOptions options = m_options;
    options.threads = 1;
    options.passwordThreads = 1;
    options.limits.maxWaitingPasswordChecks = maxWaitingChecks;
    options.limits.failedCredentialsBeforeBlock = 100;
    options.accessLogPath.clear();
    auto proxy = std::make_unique<ProxyServer>(options);
    proxy->start();
    proxy->publish(baseSnapshot());
    return proxy;
}

std::string ProxyServerTest::basicRequest(const Id& container, const std::string& userPassword) const
{
    QByteArray token = QByteArray::fromStdString(userPassword).toBase64();
    return "GET /echo HTTP/1.1\r\nHost: " + host(container, "http").toStdString() +
           "\r\nAuthorization: Basic " + token.toStdString() + "\r\n\r\n";
}

// A password check (scrypt, tens of milliseconds) runs off the worker: a
// request on another connection of the same worker is answered meanwhile.
// With scrypt on the worker, the open request waited behind the check.
void ProxyServerTest::passwordCheckLeavesTheWorkerServing()
{
    using Clock = std::chrono::steady_clock;
    auto proxy = singleWorkerProxy();
    const quint16 port = proxy->endpoints().front().port();
    RawClient guarded(m_io, m_clientTls, port, host(m_guarded, "http").toStdString());
    RawClient open(m_io, m_clientTls, port, sni());
    // Each reply is timed as it arrives (a reader per connection).
    std::string guardedReply;
    Clock::time_point guardedAt;
    guarded.send(basicRequest(m_guarded, "alice:not-the-password"));
    std::thread reader([&] {
        guardedReply = guarded.readUntil("\r\n\r\n");
        guardedAt = Clock::now();
    });
    std::this_thread::sleep_for(std::chrono::milliseconds(5)); // its head reaches the worker first
    auto started = Clock::now();
    open.send("GET /echo HTTP/1.1\r\nHost: " + host(m_container, "http").toStdString() + "\r\n\r\n");
    std::string openReply = open.readUntil("\r\n\r\n");
    auto openAt = Clock::now();
    reader.join();
    QVERIFY2(openReply.rfind("HTTP/1.1 200", 0) == 0, openReply.c_str());
    QVERIFY2(guardedReply.rfind("HTTP/1.1 401", 0) == 0, guardedReply.c_str());
    auto ms = [&](Clock::time_point t) { return std::chrono::duration<double, std::milli>(t - started).count(); };
    qInfo("open request answered after %.1f ms, the wrong password after %.1f ms", ms(openAt), ms(guardedAt));
    QVERIFY2(openAt < guardedAt, "the open request waited for the password check");
    QCOMPARE(proxy->passwords().computed(), std::uint64_t{1});
}

// Connections presenting one password not yet verified cost one scrypt
// between them; distinct checks past the bound are answered 503 at once.
void ProxyServerTest::passwordChecksAreSharedAndBounded()
{
    {
        auto proxy = singleWorkerProxy();
        const quint16 port = proxy->endpoints().front().port();
        std::vector<std::unique_ptr<RawClient>> clients;
        for (int i = 0; i < 6; ++i)
            clients.push_back(std::make_unique<RawClient>(m_io, m_clientTls, port, host(m_guarded, "http").toStdString()));
        for (auto& c : clients)
            c->send(basicRequest(m_guarded, "alice:correct horse battery"));
        for (auto& c : clients) {
            std::string reply = c->readUntil("\r\n\r\n");
            QVERIFY2(reply.rfind("HTTP/1.1 200", 0) == 0, reply.c_str());
        }
        QCOMPARE(proxy->passwords().computed(), std::uint64_t{1});
    }
    {
        auto proxy = singleWorkerProxy(1);
        const quint16 port = proxy->endpoints().front().port();
        std::vector<std::unique_ptr<RawClient>> clients;
        for (int i = 0; i < 3; ++i)
            clients.push_back(std::make_unique<RawClient>(m_io, m_clientTls, port, host(m_guarded, "http").toStdString()));
        for (int i = 0; i < 3; ++i)
            clients[i]->send(basicRequest(m_guarded, "alice:guess-" + std::to_string(i)));
        std::map<std::string, int> statuses;
        for (auto& c : clients) {
            std::string reply = c->readUntil("\r\n\r\n");
            ++statuses[reply.substr(0, 12)];
            if (reply.rfind("HTTP/1.1 503", 0) == 0)
                QVERIFY2(QByteArray::fromStdString(reply).toLower().contains("retry-after:"), reply.c_str());
        }
        QCOMPARE(statuses["HTTP/1.1 401"], 1);
        QCOMPARE(statuses["HTTP/1.1 503"], 2);
        QCOMPARE(proxy->passwords().computed(), std::uint64_t{1});
    }
}

// A request waiting for its password check when a lockdown is published
// never reaches the container, even with the right password: its
// connection is cut, and the chain runs again on the new snapshot anyway.
void ProxyServerTest::lockdownDuringAPasswordCheckIsObeyed()
{
    auto proxy = singleWorkerProxy();
    const quint16 port = proxy->endpoints().front().port();
    RawClient guarded(m_io, m_clientTls, port, host(m_guarded, "http").toStdString());
    guarded.send(basicRequest(m_guarded, "alice:correct horse battery"));
    std::this_thread::sleep_for(std::chrono::milliseconds(10)); // the check (~100 ms) is running
    QCOMPARE(proxy->passwords().computed(), std::uint64_t{0});
    auto locked = baseSnapshot();
    locked->containers.at(m_guarded).locked = true;
    proxy->publish(locked);
    bool closed = false;
    std::string reply = guarded.readUntil("\r\n\r\n", &closed);
    QVERIFY2(reply.find("200 OK") == std::string::npos, reply.c_str());
    QVERIFY2(closed || reply.rfind("HTTP/1.1 503", 0) == 0, reply.c_str());
    QTRY_COMPARE_WITH_TIMEOUT(proxy->passwords().computed(), std::uint64_t{1}, 5000);
}

// top -H, ps -L and perf name what each thread of cowl-node is for.
void ProxyServerTest::threadsAreNamedForOperators()
{
    QStringList names;
    for (const QString& task : QDir("/proc/self/task").entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
        QFile comm("/proc/self/task/" + task + "/comm");
        if (comm.open(QIODevice::ReadOnly))
            names << QString::fromUtf8(comm.readAll()).trimmed();
    }
    for (const char* expected : {"cowl-proxy-0", "cowl-proxy-1", "cowl-accesslog", "cowl-scrypt"})
        QVERIFY2(names.contains(expected), qPrintable(expected + QString(" not among ") + names.join(", ")));
}

namespace {

std::uint64_t cpuTicks(qint64 pid)
{
    // utime + stime of every thread of the process.
    std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    auto close = text.rfind(')');
    if (close == std::string::npos)
        return 0;
    std::istringstream rest(text.substr(close + 2));
    std::string field;
    std::uint64_t utime = 0, stime = 0;
    for (int i = 3; i <= 15 && rest >> field; ++i) {
        if (i == 14)
            utime = std::stoull(field);
        if (i == 15)
            stime = std::stoull(field);
    }
    return utime + stime;
}

std::uint64_t cpuTicksWithChildren(qint64 pid)
{
    std::uint64_t total = cpuTicks(pid);
    std::ifstream children("/proc/" + std::to_string(pid) + "/task/" + std::to_string(pid) + "/children");
    qint64 child;
    while (children >> child)
        total += cpuTicks(child);
    return total;
}

struct BenchFigures {
    double rps = 0, p50 = 0, p99 = 0, mbps = 0, h2rps = 0, cpuMicrosPerRequest = 0;
};

double wrkLatencyMs(const QByteArray& out, const char* percentile)
{
    for (const auto& line : out.split('\n')) {
        auto t = line.trimmed();
        if (t.startsWith(percentile)) {
            auto value = t.mid(static_cast<int>(std::strlen(percentile))).trimmed();
            double factor = value.endsWith("us") ? 0.001 : value.endsWith("ms") ? 1.0 : 1000.0;
            value.chop(value.endsWith("s") && (value.endsWith("us") || value.endsWith("ms")) ? 2 : 1);
            return value.toDouble() * factor;
        }
    }
    return 0;
}

} // namespace

void ProxyServerTest::benchmarkAgainstNginxAndHaproxy()
{
    if (!qEnvironmentVariableIsSet("COWL_PROXY_BENCH"))
        QSKIP("benchmark: run tests/bench/proxy.sh (sets COWL_PROXY_BENCH)");
    const QString seconds = qEnvironmentVariable("COWL_PROXY_BENCH_SECONDS", "10");
    const QString dir = m_dir.path();
    auto write = [&](const QString& name, const QByteArray& text) {
        QFile f(dir + "/" + name);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(text);
    };
    auto freePort = [] {
        asio::io_context io;
        asio::ip::tcp::acceptor a(io, {asio::ip::make_address("::1"), 0});
        return a.local_endpoint().port();
    };
    const quint16 upstreamPort = freePort(), nginxPort = freePort(), haproxyPort = freePort();
    auto hash = run("openssl", {"passwd", "-5", "correct horse battery"}).out.trimmed();
    write("htpasswd", "alice:" + hash + "\n");
    QFile::remove(dir + "/combined.pem");
    run("bash", {"-c", QString("cat '%1/node.pem' '%1/node.key' > '%1/combined.pem'").arg(dir)});
    write("upstream.conf", QString("daemon off; worker_processes 1; pid %1/upstream.pid; error_log stderr error;\n"
                                   "events { worker_connections 4096; }\n"
                                   "http { access_log off; server { listen [::1]:%2 reuseport; keepalive_requests 100000;\n"
                                   "location / { return 200 'ok\\n'; } } }\n")
                               .arg(dir)
                               .arg(upstreamPort)
                               .toUtf8());
    write("nginx.conf", QString("daemon off; worker_processes 2; pid %1/nginx.pid; error_log stderr error;\n"
                                "events { worker_connections 4096; }\n"
                                "http { access_log off; upstream up { server [::1]:%2; keepalive 64; }\n"
                                "server { listen [::1]:%3 ssl http2; ssl_certificate %1/node.pem; ssl_certificate_key %1/node.key;\n"
                                "ssl_protocols TLSv1.2 TLSv1.3; auth_basic cowl; auth_basic_user_file %1/htpasswd;\n"
                                "keepalive_requests 100000;\n"
                                "location / { proxy_pass http://up; proxy_http_version 1.1; proxy_set_header Connection \"\"; } } }\n")
                            .arg(dir)
                            .arg(upstreamPort)
                            .arg(nginxPort)
                            .toUtf8());
    write("haproxy.cfg", QString("global\n  nbthread 2\n  log stderr format raw local0 emerg\n"
                                 "defaults\n  mode http\n  timeout connect 5s\n  timeout client 30s\n  timeout server 30s\n"
                                 "  option http-keep-alive\n"
                                 "userlist users\n  user alice password %4\n"
                                 "frontend fe\n  bind [::1]:%3 ssl crt %1/combined.pem alpn h2,http/1.1\n"
                                 "  http-request auth realm cowl unless { http_auth(users) }\n  default_backend be\n"
                                 "backend be\n  server s1 [::1]:%2\n")
                             .arg(dir)
                             .arg(upstreamPort)
                             .arg(haproxyPort)
                             .arg(QString::fromUtf8(hash))
                             .toUtf8());
    QProcess upstreamNginx, nginx, haproxy;
    upstreamNginx.start("nginx", {"-p", dir, "-c", dir + "/upstream.conf"});
    nginx.start("nginx", {"-p", dir, "-c", dir + "/nginx.conf"});
    haproxy.start("haproxy", {"-f", dir + "/haproxy.cfg"});
    QVERIFY(upstreamNginx.waitForStarted() && nginx.waitForStarted() && haproxy.waitForStarted());
    QThread::msleep(800);

    // Our proxy: a container with the password group, upstream the same nginx.
    Id bench = Id::generate();
    auto snapshot = baseSnapshot();
    snapshot->containers.emplace(bench, ProxyContainer{m_project, bench, "::1", {{"http", upstreamPort}}, m_doc, 1, true, false});
    publish(snapshot);
    const QString ourHost = host(bench, "http");
    const QString auth = "Authorization: Basic " + QByteArray("alice:correct horse battery").toBase64();

    struct Target {
        QString name;
        quint16 port;
        qint64 pid;
        bool self;
    };
    std::vector<Target> targets{{"cowl", m_port, QCoreApplication::applicationPid(), true},
                                {"nginx", nginxPort, nginx.processId(), false},
                                {"haproxy", haproxyPort, haproxy.processId(), false}};
    std::map<QString, BenchFigures> figures;
    const double tick = static_cast<double>(sysconf(_SC_CLK_TCK));
    for (const auto& t : targets) {
        QString url = QString("https://[::1]:%1/").arg(t.port);
        auto before = t.self ? cpuTicks(t.pid) : cpuTicksWithChildren(t.pid);
        auto wrk = run("wrk", {"-t2", "-c64", "-d" + seconds + "s", "--latency", "-H", auth, "-H", "Host: " + ourHost, url},
                       600'000);
        auto after = t.self ? cpuTicks(t.pid) : cpuTicksWithChildren(t.pid);
        BenchFigures f;
        for (const auto& line : wrk.out.split('\n')) {
            if (line.startsWith("Requests/sec:"))
                f.rps = line.mid(13).trimmed().toDouble();
            if (line.startsWith("Transfer/sec:")) {
                auto v = line.mid(13).trimmed();
                double factor = v.endsWith("MB") ? 1 : v.endsWith("KB") ? 1.0 / 1024 : v.endsWith("GB") ? 1024 : 1.0 / 1048576;
                v.chop(v.endsWith("B") && v.size() > 2 && !QChar(v[v.size() - 2]).isDigit() ? 2 : 1);
                f.mbps = v.toDouble() * factor;
            }
        }
        f.p50 = wrkLatencyMs(wrk.out, "50%");
        f.p99 = wrkLatencyMs(wrk.out, "99%");
        double requests = f.rps * seconds.toDouble();
        f.cpuMicrosPerRequest = requests > 0 ? (after - before) / tick * 1e6 / requests : 0;
        auto h2 = run("h2load", {"-D", seconds, "-c", "64", "-m", "10", "-t", "2", "-H", auth, "-H",
                                 ":authority: " + ourHost, url},
                      600'000);
        for (const auto& line : h2.out.split('\n')) {
            if (line.startsWith("finished in")) {
                auto parts = line.split(',');
                if (parts.size() > 1)
                    f.h2rps = parts[1].trimmed().split(' ').first().toDouble();
            }
        }
        QVERIFY2(f.rps > 0, wrk.out.constData());
        figures[t.name] = f;
    }
    upstreamNginx.terminate();
    nginx.terminate();
    haproxy.terminate();
    upstreamNginx.waitForFinished();
    nginx.waitForFinished();
    haproxy.waitForFinished();

    std::printf("\nsmall HTTPS GET + Basic auth, keep-alive, 64 connections, %s s (2 cores shared with the clients)\n",
                seconds.toUtf8().constData());
    std::printf("%-8s %10s %9s %9s %8s %11s %12s\n", "proxy", "h1 req/s", "p50 ms", "p99 ms", "MB/s", "h2 req/s",
                "CPU us/req");
    for (const auto& t : targets) {
        const auto& f = figures[t.name];
        std::printf("%-8s %10.0f %9.2f %9.2f %8.2f %11.0f %12.1f\n", t.name.toUtf8().constData(), f.rps, f.p50, f.p99,
                    f.mbps, f.h2rps, f.cpuMicrosPerRequest);
    }
    const auto& c = figures["cowl"];
    std::printf("ratios cowl/nginx: h1 %.2f, h2 %.2f; cowl/haproxy: h1 %.2f, h2 %.2f\n", c.rps / figures["nginx"].rps,
                c.h2rps / std::max(1.0, figures["nginx"].h2rps), c.rps / figures["haproxy"].rps,
                c.h2rps / std::max(1.0, figures["haproxy"].h2rps));
    std::fflush(stdout);
}

QTEST_GUILESS_MAIN(ProxyServerTest)
#include "ProxyServerTest.moc"
