// SPDX-License-Identifier: GPL-3.0-or-later
#include <chrono>

#include <QtTest>

#include "shared/crypto/PasswordHash.h"

using cowl::PasswordHash;

namespace {
// Cheap cost for the behavioural tests; one test measures the real default.
const PasswordHash::Cost kFast{10, 8, 1};
} // namespace

class PasswordHashTest : public QObject {
    Q_OBJECT
private slots:
    void verifiesTheRightPasswordOnly() {
        const std::string h = PasswordHash::hash("correct horse", kFast);
        QVERIFY(PasswordHash::verify("correct horse", h));
        QVERIFY(!PasswordHash::verify("correct hors", h));
        QVERIFY(!PasswordHash::verify("correct horse ", h));
        QVERIFY(!PasswordHash::verify("Correct horse", h));
        QVERIFY(!PasswordHash::verify("", h));
    }

    void isSaltedSoEqualPasswordsHashDifferently() {
        const std::string a = PasswordHash::hash("same password", kFast);
        const std::string b = PasswordHash::hash("same password", kFast);
        QVERIFY(a != b);
        QVERIFY(PasswordHash::verify("same password", a));
        QVERIFY(PasswordHash::verify("same password", b));
    }

    void encodingDescribesItself() {
        const std::string h = PasswordHash::hash("pw", kFast);
        QVERIFY2(h.rfind("$scrypt$ln=10,r=8,p=1$", 0) == 0, h.c_str());
        QCOMPARE(h.size(), std::string("$scrypt$ln=10,r=8,p=1$").size() + 32 + 1 + 64);
        QVERIFY(PasswordHash::isWellFormed(h));
    }

    void defaultCostIsScryptN15AndSane() {
        const auto start = std::chrono::steady_clock::now();
        const std::string h = PasswordHash::hash("a password");
        const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start).count();
        QVERIFY(h.rfind("$scrypt$ln=15,r=8,p=1$", 0) == 0);
        QVERIFY(PasswordHash::verify("a password", h));
        qInfo("scrypt N=2^15 r=8 p=1 hash: %lld ms", static_cast<long long>(ms));
        QVERIFY2(ms < 2000, "scrypt default cost is far too slow");
    }

    void malformedEncodingsNeverVerify_data() {
        QTest::addColumn<QString>("encoded");
        const QString salt(32, QChar('a'));
        const QString hash(64, QChar('b'));
        QTest::newRow("empty") << "";
        QTest::newRow("other scheme") << "$argon2id$v=19$m=65536,t=3,p=4$" + salt + "$" + hash;
        QTest::newRow("no params") << "$scrypt$$" + salt + "$" + hash;
        QTest::newRow("ln zero") << "$scrypt$ln=0,r=8,p=1$" + salt + "$" + hash;
        QTest::newRow("ln absurd") << "$scrypt$ln=40,r=8,p=1$" + salt + "$" + hash;
        QTest::newRow("r absurd") << "$scrypt$ln=10,r=1000,p=1$" + salt + "$" + hash;
        QTest::newRow("p absurd") << "$scrypt$ln=10,r=8,p=99$" + salt + "$" + hash;
        QTest::newRow("short salt") << "$scrypt$ln=10,r=8,p=1$" + salt.left(30) + "$" + hash;
        QTest::newRow("short hash") << "$scrypt$ln=10,r=8,p=1$" + salt + "$" + hash.left(62);
        QTest::newRow("uppercase hex") << "$scrypt$ln=10,r=8,p=1$" + salt.toUpper() + "$" + hash;
        QTest::newRow("non hex") << "$scrypt$ln=10,r=8,p=1$" + QString(32, QChar('z')) + "$" + hash;
        QTest::newRow("missing hash") << "$scrypt$ln=10,r=8,p=1$" + salt;
    }
    void malformedEncodingsNeverVerify() {
        QFETCH(QString, encoded);
        QVERIFY(!PasswordHash::isWellFormed(encoded.toStdString()));
        QVERIFY(!PasswordHash::verify("", encoded.toStdString()));
        QVERIFY(!PasswordHash::verify("password", encoded.toStdString()));
    }

    void tamperedHashDoesNotVerify() {
        std::string h = PasswordHash::hash("secret", kFast);
        h.back() = h.back() == '0' ? '1' : '0';
        QVERIFY(PasswordHash::isWellFormed(h));
        QVERIFY(!PasswordHash::verify("secret", h));
    }
};

QTEST_GUILESS_MAIN(PasswordHashTest)
#include "PasswordHashTest.moc"
