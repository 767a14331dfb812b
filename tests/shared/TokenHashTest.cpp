// SPDX-License-Identifier: GPL-3.0-or-later
#include <set>

#include <QtTest>

#include "shared/crypto/Base64.h"
#include "shared/crypto/Random.h"
#include "shared/crypto/TokenHash.h"

using cowl::Base64;
using cowl::Random;
using cowl::TokenHash;

// SHA-256 token hashing, plus the two small helpers it travels with (Random, Base64).
class TokenHashTest : public QObject {
    Q_OBJECT
private slots:
    void sha256MatchesKnownVectors() {
        QCOMPARE(TokenHash::sha256Hex(""), std::string("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"));
        QCOMPARE(TokenHash::sha256Hex("abc"), std::string("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"));
        QCOMPARE(TokenHash::sha256("abc").size(), std::size_t{32});
    }

    void matchesOnlyTheSameToken() {
        const std::string stored = TokenHash::sha256Hex("cowl_secret_token");
        QVERIFY(TokenHash::matches("cowl_secret_token", stored));
        QVERIFY(!TokenHash::matches("cowl_secret_tokeN", stored));
        QVERIFY(!TokenHash::matches("", stored));
        QVERIFY(!TokenHash::matches("cowl_secret_token", stored.substr(1)));
    }

    void constantTimeEqualsIsEquality() {
        QVERIFY(TokenHash::constantTimeEquals("abc", "abc"));
        QVERIFY(!TokenHash::constantTimeEquals("abc", "abd"));
        QVERIFY(!TokenHash::constantTimeEquals("abc", "abcd"));
        QVERIFY(TokenHash::constantTimeEquals("", ""));
    }

    void randomHexIsFreshAndWellFormed() {
        std::set<std::string> seen;
        for (int i = 0; i < 1000; ++i) {
            const std::string h = Random::hex(16);
            QCOMPARE(h.size(), std::size_t{32});
            QVERIFY(h.find_first_not_of("0123456789abcdef") == std::string::npos);
            QVERIFY(seen.insert(h).second);
        }
        QCOMPARE(Random::bytes(0).size(), std::size_t{0});
        QCOMPARE(Random::bytes(64).size(), std::size_t{64});
    }

    void base64_data() {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("standard");
        QTest::addColumn<QString>("url");
        QTest::newRow("empty") << QByteArray() << "" << "";
        QTest::newRow("f") << QByteArray("f") << "Zg==" << "Zg";
        QTest::newRow("fo") << QByteArray("fo") << "Zm8=" << "Zm8";
        QTest::newRow("foo") << QByteArray("foo") << "Zm9v" << "Zm9v";
        QTest::newRow("foob") << QByteArray("foob") << "Zm9vYg==" << "Zm9vYg";
        QTest::newRow("binary") << QByteArray("\xfb\xff\xfe", 3) << "+//+" << "-__-";
    }
    void base64() {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, standard);
        QFETCH(QString, url);
        const std::string b(bytes.constData(), static_cast<std::size_t>(bytes.size()));
        QCOMPARE(Base64::encode(b), standard.toStdString());
        QCOMPARE(Base64::encodeUrl(b), url.toStdString());
        QCOMPARE(Base64::decode(standard.toStdString()).value(), b);
        QCOMPARE(Base64::decodeUrl(url.toStdString()).value(), b);
    }

    void base64RejectsOtherSpellings_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("url");
        QTest::newRow("missing padding") << "Zg" << false;
        QTest::newRow("padding in url form") << "Zg==" << true;
        QTest::newRow("url chars in standard") << "-__-" << false;
        QTest::newRow("standard chars in url") << "+//+" << true;
        QTest::newRow("non-zero trailing bits") << "Zh==" << false;
        QTest::newRow("non-zero trailing bits url") << "Zh" << true;
        QTest::newRow("space") << "Zm9 v" << false;
        QTest::newRow("one char") << "Z" << true;
        QTest::newRow("padding inside") << "Zg==Zg==" << false;
    }
    void base64RejectsOtherSpellings() {
        QFETCH(QString, text);
        QFETCH(bool, url);
        const std::string t = text.toStdString();
        QVERIFY(!(url ? Base64::decodeUrl(t) : Base64::decode(t)).has_value());
    }
};

QTEST_GUILESS_MAIN(TokenHashTest)
#include "TokenHashTest.moc"
