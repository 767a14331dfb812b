// SPDX-License-Identifier: GPL-3.0-or-later
#include "node/config/AtomicFile.h"
#include "node/pki/CertificateFingerprint.h"
#include "node/pki/NodePki.h"
#include "node/pki/PkiError.h"

#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <sys/stat.h>

using namespace cowl::node;

namespace {

// Runs the openssl command-line tool: an implementation no one here wrote checks our certificates.
QString openssl(const QStringList& arguments, int* exitCode = nullptr) {
    QProcess process;
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.start("openssl", arguments);
    process.waitForFinished(30000);
    if (exitCode)
        *exitCode = process.exitCode();
    return QString::fromUtf8(process.readAll());
}

mode_t modeOf(const std::filesystem::path& path) {
    struct stat st {};
    ::stat(path.c_str(), &st);
    return st.st_mode & 07777;
}

NodePkiNames names() {
    NodePkiNames n;
    n.nodeName = "node1";
    n.domain = "cowl.test";
    n.controlDnsNames = {"localhost", "builder"};
    n.controlIpAddresses = {"127.0.0.1", "::1"};
    return n;
}

} // namespace

class CliPkiTest : public QObject {
    Q_OBJECT

private slots:
    void createsFilesWithPrivateKeys() {
        QTemporaryDir dir;
        const std::filesystem::path pki = dir.filePath("pki").toStdString();
        NodePki::create(pki, names());
        QCOMPARE(modeOf(pki), mode_t(0700));
        for (const char* key : {"ca.key", "control.key", "proxy.key"})
            QCOMPARE(modeOf(pki / key), mode_t(0600));
        for (const char* cert : {"ca.crt", "control.crt", "proxy.crt"})
            QCOMPARE(modeOf(pki / cert), mode_t(0644));
    }

    void opensslVerifiesTheChainAndNames() {
        QTemporaryDir dir;
        const std::filesystem::path pki = dir.filePath("pki").toStdString();
        NodePki::create(pki, names());
        const QString ca = QString::fromStdString((pki / "ca.crt").string());
        const QString control = QString::fromStdString((pki / "control.crt").string());
        const QString proxy = QString::fromStdString((pki / "proxy.crt").string());

        int rc = -1;
        QString out = openssl({"verify", "-CAfile", ca, "-purpose", "sslserver", control, proxy}, &rc);
        QVERIFY2(rc == 0, qPrintable(out));

        out = openssl({"x509", "-in", control, "-noout", "-ext", "subjectAltName"});
        for (const char* name : {"DNS:localhost", "DNS:builder", "IP Address:127.0.0.1", "IP Address:0:0:0:0:0:0:0:1"})
            QVERIFY2(out.contains(name), qPrintable(out));

        out = openssl({"x509", "-in", proxy, "-noout", "-ext", "subjectAltName"});
        QVERIFY2(out.contains("DNS:*.node1.cowl.test"), qPrintable(out));
        QVERIFY(openssl({"x509", "-in", proxy, "-noout", "-checkhost", "a-b-http.node1.cowl.test"})
                    .contains("does match"));
        QVERIFY(openssl({"x509", "-in", proxy, "-noout", "-checkhost", "x.node2.cowl.test"}).contains("does NOT"));

        // EC P-256 keys, as the brief says.
        out = openssl({"pkey", "-in", QString::fromStdString((pki / "control.key").string()), "-noout", "-text"});
        QVERIFY2(out.contains("prime256v1"), qPrintable(out));
    }

    void fingerprintIsSha256OfDer() {
        QTemporaryDir dir;
        const std::filesystem::path pki = dir.filePath("pki").toStdString();
        const auto created = NodePki::create(pki, names());
        const QString out = openssl({"x509", "-in", QString::fromStdString((pki / "control.crt").string()), "-noout",
                                     "-fingerprint", "-sha256"});
        // "sha256 Fingerprint=AB:CD:..."
        const QString expected = out.section('=', 1).trimmed().remove(':').toLower();
        QCOMPARE(QString::fromStdString(created.controlFingerprint()), expected);
        QCOMPARE(created.controlFingerprint().size(), std::size_t(64));
    }

    void loadRoundTrips() {
        QTemporaryDir dir;
        const std::filesystem::path pki = dir.filePath("pki").toStdString();
        const auto created = NodePki::create(pki, names());
        const auto loaded = NodePki::load(pki);
        QCOMPARE(loaded.controlFingerprint(), created.controlFingerprint());
        QCOMPARE(loaded.proxy().privateKeyPem, created.proxy().privateKeyPem);
        QCOMPARE(loaded.caCertificatePem(), created.caCertificatePem());
    }

    void twoNodesGetDifferentCertificates() {
        QTemporaryDir a, b;
        const auto first = NodePki::create(a.filePath("pki").toStdString(), names());
        const auto second = NodePki::create(b.filePath("pki").toStdString(), names());
        QVERIFY(first.controlFingerprint() != second.controlFingerprint());
    }

    void loadNamesTheBrokenFile_data() {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("content");
        QTest::addColumn<QString>("named");
        QTest::newRow("missing key") << "control.key" << QString() << "control.key";
        QTest::newRow("garbage cert") << "proxy.crt" << "not a certificate" << "proxy.crt";
        QTest::newRow("garbage key") << "control.key" << "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n"
                                     << "control.crt";
    }
    void loadNamesTheBrokenFile() {
        QFETCH(QString, file);
        QFETCH(QString, content);
        QFETCH(QString, named);
        QTemporaryDir dir;
        const std::filesystem::path pki = dir.filePath("pki").toStdString();
        NodePki::create(pki, names());
        std::filesystem::remove(pki / file.toStdString());
        if (!content.isNull())
            writeFileAtomically(pki / file.toStdString(), content.toStdString(), 0600);
        try {
            NodePki::load(pki);
            QFAIL("a broken PKI loaded");
        } catch (const PkiError& e) {
            QVERIFY2(QString(e.what()).contains(named), e.what());
        }
    }

    void mismatchedKeyIsRefused() {
        QTemporaryDir a, b;
        const std::filesystem::path pkiA = a.filePath("pki").toStdString();
        const std::filesystem::path pkiB = b.filePath("pki").toStdString();
        NodePki::create(pkiA, names());
        NodePki::create(pkiB, names());
        std::filesystem::copy_file(pkiB / "control.key", pkiA / "control.key",
                                   std::filesystem::copy_options::overwrite_existing);
        QVERIFY_THROWS_EXCEPTION(PkiError, NodePki::load(pkiA));
    }

    void fingerprintOfGarbageThrows() { QVERIFY_THROWS_EXCEPTION(PkiError, certificateFingerprint("nope")); }
};

QTEST_APPLESS_MAIN(CliPkiTest)
#include "CliPkiTest.moc"
