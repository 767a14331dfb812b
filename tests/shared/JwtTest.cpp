// SPDX-License-Identifier: GPL-3.0-or-later
#include <QtTest>

#include "Fixtures.h"
#include "shared/crypto/Jwt.h"

using cowl::JwtAlgorithm;
using cowl::JwtVerifier;
using cowl::JwtVerifierOptions;

namespace {

constexpr std::int64_t kNow = 1800000000;     // 2027: between the fixtures' past and far future
constexpr std::int64_t kFarFuture = 4102444800; // exp of the valid fixtures

JwtVerifierOptions options(JwtAlgorithm algorithm) {
    JwtVerifierOptions o;
    o.algorithm = algorithm;
    switch (algorithm) {
    case JwtAlgorithm::HS256:
        o.key = readFixture("jwt/hs256_secret.txt");
        break;
    case JwtAlgorithm::RS256:
        o.key = readFixture("jwt/rs256_public.pem");
        break;
    case JwtAlgorithm::ES256:
        o.key = readFixture("jwt/es256_public.pem");
        break;
    }
    return o;
}

} // namespace

Q_DECLARE_METATYPE(JwtAlgorithm)

class JwtTest : public QObject {
    Q_OBJECT
private slots:
    // Tokens minted by python3-jwt (tests/data/jwt/make_fixtures.py).
    void fixtures_data() {
        QTest::addColumn<QString>("token");
        QTest::addColumn<JwtAlgorithm>("algorithm");
        QTest::addColumn<bool>("valid");
        QTest::addColumn<QString>("reason");
        QTest::newRow("HS256 valid") << "hs256_valid" << JwtAlgorithm::HS256 << true << "";
        QTest::newRow("RS256 valid") << "rs256_valid" << JwtAlgorithm::RS256 << true << "";
        QTest::newRow("ES256 valid") << "es256_valid" << JwtAlgorithm::ES256 << true << "";
        QTest::newRow("no exp is accepted") << "hs256_no_exp" << JwtAlgorithm::HS256 << true << "";
        QTest::newRow("HS256 expired") << "hs256_expired" << JwtAlgorithm::HS256 << false << "expired";
        QTest::newRow("RS256 expired") << "rs256_expired" << JwtAlgorithm::RS256 << false << "expired";
        QTest::newRow("nbf in the future") << "hs256_nbf_future" << JwtAlgorithm::HS256 << false << "not valid yet";
        QTest::newRow("wrong secret") << "hs256_wrong_secret" << JwtAlgorithm::HS256 << false << "signature";
        QTest::newRow("RS256 tampered payload") << "rs256_tampered" << JwtAlgorithm::RS256 << false << "signature";
        QTest::newRow("ES256 bad signature") << "es256_bad_signature" << JwtAlgorithm::ES256 << false << "signature";
        QTest::newRow("RS256 other key") << "rs256_other_key" << JwtAlgorithm::RS256 << false << "signature";
        QTest::newRow("alg none for HS256") << "alg_none" << JwtAlgorithm::HS256 << false << "algorithm 'none'";
        QTest::newRow("alg none for RS256") << "alg_none" << JwtAlgorithm::RS256 << false << "algorithm 'none'";
        QTest::newRow("alg none without dot") << "alg_none_nodot" << JwtAlgorithm::HS256 << false << "three";
        QTest::newRow("HS/RS confusion") << "hs256_confused_with_rs256_public_key" << JwtAlgorithm::RS256 << false
                                         << "algorithm 'HS256'";
        QTest::newRow("HS512 for HS256") << "hs512" << JwtAlgorithm::HS256 << false << "algorithm 'HS512'";
        QTest::newRow("PS256 for RS256") << "ps256" << JwtAlgorithm::RS256 << false << "algorithm 'PS256'";
        QTest::newRow("RS256 token for ES256") << "rs256_valid" << JwtAlgorithm::ES256 << false << "algorithm";
        QTest::newRow("ES256 token for HS256") << "es256_valid" << JwtAlgorithm::HS256 << false << "algorithm";
        QTest::newRow("crit header") << "hs256_crit" << JwtAlgorithm::HS256 << false << "critical";
    }
    void fixtures() {
        QFETCH(QString, token);
        QFETCH(JwtAlgorithm, algorithm);
        QFETCH(bool, valid);
        QFETCH(QString, reason);
        const JwtVerifier verifier(options(algorithm));
        const auto result = verifier.verify(readFixture("jwt/" + token.toStdString() + ".jwt"), kNow);
        QCOMPARE(result.valid, valid);
        if (valid) {
            QVERIFY(result.reason.empty());
            QCOMPARE(result.claims.at("sub").get<std::string>(), std::string("carol"));
        } else {
            QVERIFY2(QString::fromStdString(result.reason).contains(reason), result.reason.c_str());
        }
    }

    void validTokensAlsoPassWithTheSystemClock() {
        const JwtVerifier verifier(options(JwtAlgorithm::ES256));
        QVERIFY(verifier.verify(readFixture("jwt/es256_valid.jwt")).valid);
        QVERIFY(!verifier.verify(readFixture("jwt/es256_bad_signature.jwt")).valid);
    }

    void expiryHasThirtySecondsOfLeeway() {
        const JwtVerifier verifier(options(JwtAlgorithm::HS256));
        const std::string token = readFixture("jwt/hs256_valid.jwt");
        QVERIFY(verifier.verify(token, kFarFuture).valid);
        QVERIFY(verifier.verify(token, kFarFuture + 30).valid);
        QVERIFY(!verifier.verify(token, kFarFuture + 31).valid);
        QCOMPARE(verifier.verify(token, kNow).expiresAt.value(), kFarFuture);
    }

    void notBeforeHasThirtySecondsOfLeeway() {
        const JwtVerifier verifier(options(JwtAlgorithm::HS256));
        const std::string token = readFixture("jwt/hs256_nbf_future.jwt");
        const std::int64_t nbf = kFarFuture - 1;
        QVERIFY(!verifier.verify(token, nbf - 31).valid);
        QVERIFY(verifier.verify(token, nbf - 30).valid);
        QVERIFY(verifier.verify(token, nbf).valid);
    }

    void issuerAudienceAndClaims_data() {
        QTest::addColumn<QString>("token");
        QTest::addColumn<bool>("valid");
        QTest::addColumn<QString>("reason");
        QTest::newRow("all match") << "hs256_valid" << true << "";
        QTest::newRow("aud in a list") << "hs256_aud_list" << true << "";
        QTest::newRow("wrong iss") << "hs256_wrong_iss" << false << "issuer";
        QTest::newRow("wrong aud") << "hs256_wrong_aud" << false << "audience";
        QTest::newRow("wrong claim value") << "hs256_wrong_claim" << false << "claim 'team'";
        QTest::newRow("missing claim") << "hs256_missing_claim" << false << "claim 'team'";
    }
    void issuerAudienceAndClaims() {
        QFETCH(QString, token);
        QFETCH(bool, valid);
        QFETCH(QString, reason);
        JwtVerifierOptions o = options(JwtAlgorithm::HS256);
        o.issuer = "https://idp.example";
        o.audience = "cowl";
        o.claims = {{"team", "web"}};
        const JwtVerifier verifier(o);
        const auto result = verifier.verify(readFixture("jwt/" + token.toStdString() + ".jwt"), kNow);
        QCOMPARE(result.valid, valid);
        QVERIFY2(QString::fromStdString(result.reason).contains(reason), result.reason.c_str());
    }

    void claimsCompareByJsonValueAndType() {
        JwtVerifierOptions o = options(JwtAlgorithm::HS256);
        o.claims = {{"exp", kFarFuture}}; // a number claim: "4102444800" as a string would not match
        QVERIFY(JwtVerifier(o).verify(readFixture("jwt/hs256_valid.jwt"), kNow).valid);
        o.claims = {{"exp", std::to_string(kFarFuture)}};
        QVERIFY(!JwtVerifier(o).verify(readFixture("jwt/hs256_valid.jwt"), kNow).valid);
    }

    void malformedTokensAreRejected_data() {
        QTest::addColumn<QString>("token");
        QTest::newRow("empty") << "";
        QTest::newRow("one part") << "abc";
        QTest::newRow("two parts") << "abc.def";
        QTest::newRow("four parts") << "a.b.c.d";
        QTest::newRow("bad base64") << "e30.e30.!!";
        QTest::newRow("header not json") << "bm90IGpzb24.e30.AAAA";
        QTest::newRow("header array") << "W10.e30.AAAA";
        QTest::newRow("no alg") << "e30.e30.AAAA";
        QTest::newRow("alg number") << "eyJhbGciOjF9.e30.AAAA";
        QTest::newRow("padding") << "eyJhbGciOiJIUzI1NiJ9.e30=.AAAA";
        QTest::newRow("huge") << QString(20000, QChar('a')) + ".b.c";
    }
    void malformedTokensAreRejected() {
        QFETCH(QString, token);
        const JwtVerifier verifier(options(JwtAlgorithm::HS256));
        const auto result = verifier.verify(token.toStdString(), kNow);
        QVERIFY(!result.valid);
        QVERIFY(!result.reason.empty());
    }

    void keysAreChecked_data() {
        QTest::addColumn<JwtAlgorithm>("algorithm");
        QTest::addColumn<QString>("key");
        QTest::addColumn<QString>("error");
        QTest::newRow("short HS secret") << JwtAlgorithm::HS256 << "too-short" << "32";
        QTest::newRow("PEM as HS secret") << JwtAlgorithm::HS256 << "@jwt/rs256_public.pem" << "PEM";
        QTest::newRow("garbage as RS key") << JwtAlgorithm::RS256 << "not a key at all" << "PEM";
        QTest::newRow("EC key for RS256") << JwtAlgorithm::RS256 << "@jwt/es256_public.pem" << "RSA";
        QTest::newRow("RSA key for ES256") << JwtAlgorithm::ES256 << "@jwt/rs256_public.pem" << "P-256";
        QTest::newRow("1024-bit RSA") << JwtAlgorithm::RS256 << "@jwt/rs1024_public.pem" << "2048";
        QTest::newRow("private key is not a public key") << JwtAlgorithm::RS256 << "@jwt/rs256_private.pem" << "PEM";
        QTest::newRow("good HS") << JwtAlgorithm::HS256 << "@jwt/hs256_secret.txt" << "";
        QTest::newRow("good RS") << JwtAlgorithm::RS256 << "@jwt/rs256_public.pem" << "";
        QTest::newRow("good ES") << JwtAlgorithm::ES256 << "@jwt/es256_public.pem" << "";
        QTest::newRow("RS certificate") << JwtAlgorithm::RS256 << "@jwt/rs256_cert.pem" << "";
        QTest::newRow("RS certificate for ES256") << JwtAlgorithm::ES256 << "@jwt/rs256_cert.pem" << "P-256";
    }
    void keysAreChecked() {
        QFETCH(JwtAlgorithm, algorithm);
        QFETCH(QString, key);
        QFETCH(QString, error);
        std::string k = key.toStdString();
        if (!k.empty() && k.front() == '@') {
            k = readFixture(k.substr(1));
        }
        const auto problem = JwtVerifier::keyError(algorithm, k);
        JwtVerifierOptions o;
        o.algorithm = algorithm;
        o.key = k;
        if (error.isEmpty()) {
            QVERIFY2(!problem, problem.value_or("").c_str());
            JwtVerifier verifier(o);
        } else {
            QVERIFY(problem.has_value());
            QVERIFY2(QString::fromStdString(*problem).contains(error), problem->c_str());
            QVERIFY_THROWS_EXCEPTION(std::invalid_argument, JwtVerifier{o});
        }
    }

    void aCertificateStandsForItsPublicKey() {
        JwtVerifierOptions o = options(JwtAlgorithm::RS256);
        o.key = readFixture("jwt/rs256_cert.pem");
        const JwtVerifier verifier(o);
        QVERIFY(verifier.verify(readFixture("jwt/rs256_valid.jwt"), kNow).valid);
        QVERIFY(!verifier.verify(readFixture("jwt/rs256_other_key.jwt"), kNow).valid);
    }

    void algorithmNamesRoundTrip() {
        for (auto a : {JwtAlgorithm::HS256, JwtAlgorithm::RS256, JwtAlgorithm::ES256}) {
            QVERIFY(cowl::jwtAlgorithmFromString(cowl::toString(a)).value() == a);
        }
        QVERIFY(!cowl::jwtAlgorithmFromString("none"));
        QVERIFY(!cowl::jwtAlgorithmFromString("hs256"));
    }
};

QTEST_GUILESS_MAIN(JwtTest)
#include "JwtTest.moc"
