// SPDX-License-Identifier: GPL-3.0-or-later
#include <QtTest>

#include "Fixtures.h"
#include "shared/access/AccessDocument.h"
#include "shared/api/FieldError.h"
#include "shared/crypto/PasswordHash.h"
#include "shared/crypto/TokenHash.h"

using cowl::AccessDocument;
using cowl::AccessValue;
using cowl::FieldError;
using cowl::ValidationError;
using nlohmann::json;

namespace {

const std::string kPassword = "correct horse battery";
const std::string kToken = "a-long-random-token-value";

json requestDocument() {
    return {{"groups",
             {{"ops", {{"type", "password"}, {"username", "alice"}, {"password", kPassword}, {"from", {"2001:db8::/32"}},
                       {"description", "on-call"}}},
              {"ci", {{"type", "token"}, {"value", kToken}, {"sources", {"bearer", "cookie:t"}}, {"forward_credentials", true}}},
              {"sso", {{"type", "jwt"}, {"algorithm", "HS256"}, {"secret", readFixture("jwt/hs256_secret.txt")},
                       {"claims", {{"team", "web"}}}, {"iss", "https://idp.example"}, {"aud", "cowl"}}},
              {"rsa", {{"type", "jwt"}, {"algorithm", "RS256"}, {"public_key", readFixture("jwt/rs256_public.pem")}}},
              {"office", {{"type", "ip"}, {"cidrs", {"203.0.113.0/24", "2001:db8:1::/48"}}}}}},
            {"permissions",
             {{"ops", {{"*", true}, {"ssh", false}}},
              {"ci", {{"http", {80, "8000-8100"}}, {"terminal", "2-3"}}},
              {"office", {{"files", "*"}}}}},
            {"default", "allow"}};
}

// One parse of the full document, shared: every password costs a real scrypt.
const AccessDocument& parsed() {
    static const AccessDocument doc = AccessDocument::fromRequestJson(requestDocument(), nullptr);
    return doc;
}

// Expects `j` to be refused at `field`; returns the message.
std::string refusal(const json& j, const std::string& field) {
    try {
        AccessDocument::fromRequestJson(j, nullptr);
    } catch (const ValidationError& e) {
        if (e.field() != field) {
            return std::string("wrong field: ") + e.field() + " (" + e.what() + ")";
        }
        return e.what();
    }
    return "accepted";
}

json withGroup(const std::string& name, const json& group) {
    json j = {{"groups", {{name, group}}}};
    return j;
}

json ipGroup() {
    return {{"type", "ip"}, {"cidrs", {"10.0.0.0/8"}}};
}

} // namespace

class AccessDocumentTest : public QObject {
    Q_OBJECT
private slots:
    void secretsAreHashedOnTheWayIn() {
        const auto& doc = parsed();
        const auto& ops = std::get<cowl::PasswordCredential>(doc.groups.at("ops").credential);
        QCOMPARE(ops.username, std::string("alice"));
        QVERIFY(ops.passwordHash.rfind("$scrypt$", 0) == 0);
        QVERIFY(cowl::PasswordHash::verify(kPassword, ops.passwordHash));
        const auto& ci = std::get<cowl::TokenCredential>(doc.groups.at("ci").credential);
        QCOMPARE(ci.valueHash, cowl::TokenHash::sha256Hex(kToken));
        QVERIFY(doc.defaultDecision == cowl::DefaultDecision::Allow);
    }

    void publicFormNeverCarriesSecrets() {
        const json pub = parsed().toPublicJson();
        const std::string text = pub.dump();
        for (const std::string& secret : {kPassword, kToken, readFixture("jwt/hs256_secret.txt"), std::string("BEGIN PUBLIC KEY"),
                                          std::string("$scrypt$"), cowl::TokenHash::sha256Hex(kToken)}) {
            QVERIFY2(text.find(secret) == std::string::npos, secret.c_str());
        }
        QCOMPARE(pub["groups"]["ops"]["password_set"], json(true));
        QCOMPARE(pub["groups"]["ci"]["value_set"], json(true));
        QCOMPARE(pub["groups"]["sso"]["secret_set"], json(true));
        QCOMPARE(pub["groups"]["rsa"]["public_key_set"], json(true));
        QCOMPARE(pub["groups"]["ops"]["username"], json("alice"));
        QCOMPARE(pub["groups"]["ops"]["from"], json({"2001:db8::/32"}));
        QCOMPARE(pub["groups"]["ci"]["sources"], json({"bearer", "cookie:t"}));
        QCOMPARE(pub["groups"]["rsa"]["sources"], json({"header:Authorization"}));
        QCOMPARE(pub["groups"]["sso"]["claims"], json({{"team", "web"}}));
        QCOMPARE(pub["permissions"]["ci"]["http"], json({80, "8000-8100"}));
        QCOMPARE(pub["permissions"]["office"]["files"], json("*"));
        QCOMPARE(pub["default"], json("allow"));
        json viaCodec = parsed(); // to_json is the public form
        QCOMPARE(viaCodec, pub);
    }

    void storageFormRoundTrips() {
        const json storage = parsed().toStorageJson();
        QVERIFY(storage["groups"]["ops"]["password_hash"].get<std::string>().rfind("$scrypt$", 0) == 0);
        QCOMPARE(storage["groups"]["sso"]["secret"], json(readFixture("jwt/hs256_secret.txt")));
        const AccessDocument back = AccessDocument::fromStorageJson(storage);
        QCOMPARE(back.toStorageJson(), storage);
        QCOMPARE(back.toPublicJson(), parsed().toPublicJson());
        for (const auto& [name, group] : parsed().groups) {
            QCOMPARE(back.groups.at(name).fingerprint, group.fingerprint);
        }
        // A request body is not a storage document and vice versa.
        QVERIFY_THROWS_EXCEPTION(ValidationError, AccessDocument::fromStorageJson(requestDocument()));
        QVERIFY_THROWS_EXCEPTION(ValidationError, AccessDocument::fromRequestJson(storage, nullptr));
    }

    void whatGetReturnsCanBePutBack() {
        json pub = parsed().toPublicJson();
        pub["version"] = 7;
        const AccessDocument again = AccessDocument::fromRequestJson(pub, &parsed());
        QCOMPARE(again.toStorageJson(), parsed().toStorageJson());
    }

    void omittedSecretsAreKeptOnlyForTheSameGroup() {
        json j = requestDocument();
        j["groups"]["ops"].erase("password");
        j["groups"]["ci"].erase("value");
        j["groups"]["sso"].erase("secret");
        j["groups"]["rsa"].erase("public_key");
        const AccessDocument kept = AccessDocument::fromRequestJson(j, &parsed());
        QCOMPARE(kept.toStorageJson(), parsed().toStorageJson());

        try {
            AccessDocument::fromRequestJson(j, nullptr);
            QFAIL("a new document without secrets was accepted");
        } catch (const FieldError& e) {
            QVERIFY(e.kind() == FieldError::Kind::Missing);
            QVERIFY(e.field() == "groups.ci.value" || e.field() == "groups.ops.password" ||
                    e.field() == "groups.rsa.public_key" || e.field() == "groups.sso.secret");
        }

        json renamed = requestDocument();
        renamed["groups"]["admins"] = renamed["groups"]["ops"];
        renamed["groups"]["admins"].erase("password");
        QCOMPARE(refusal(renamed, "groups.admins.password").find("required") != std::string::npos, true);

        json retyped = requestDocument();
        retyped["groups"]["ci"] = {{"type", "password"}, {"username", "ci"}};
        QVERIFY(refusal(retyped, "groups.ci.password").find("required") != std::string::npos);
        try {
            AccessDocument::fromRequestJson(retyped, &parsed());
            QFAIL("a retyped group kept another type's secret");
        } catch (const FieldError& e) {
            QCOMPARE(e.field(), std::string("groups.ci.password"));
        }

        json realgorithm = requestDocument();
        realgorithm["groups"]["rsa"] = {{"type", "jwt"}, {"algorithm", "ES256"}};
        try {
            AccessDocument::fromRequestJson(realgorithm, &parsed());
            QFAIL("an RS256 key was kept for ES256");
        } catch (const FieldError& e) {
            QCOMPARE(e.field(), std::string("groups.rsa.public_key"));
        }
    }

    void aNewSecretReplacesTheOldOne() {
        json j = requestDocument();
        j["groups"]["ops"]["password"] = "another password";
        const AccessDocument changed = AccessDocument::fromRequestJson(j, &parsed());
        const auto& hash = std::get<cowl::PasswordCredential>(changed.groups.at("ops").credential).passwordHash;
        QVERIFY(cowl::PasswordHash::verify("another password", hash));
        QVERIFY(!cowl::PasswordHash::verify(kPassword, hash));
        QVERIFY(changed.groups.at("ops").fingerprint != parsed().groups.at("ops").fingerprint);
        QCOMPARE(changed.groups.at("ci").fingerprint, parsed().groups.at("ci").fingerprint);
    }

    void fingerprintFollowsEverythingThatDecides() {
        json base = parsed().toStorageJson();
        const std::string before = parsed().groups.at("sso").fingerprint;
        json claims = base;
        claims["groups"]["sso"]["claims"]["team"] = "db";
        QVERIFY(AccessDocument::fromStorageJson(claims).groups.at("sso").fingerprint != before);
        json from = base;
        from["groups"]["sso"]["from"] = {"10.0.0.0/8"};
        QVERIFY(AccessDocument::fromStorageJson(from).groups.at("sso").fingerprint != before);
        json aud = base;
        aud["groups"]["sso"]["aud"] = "other";
        QVERIFY(AccessDocument::fromStorageJson(aud).groups.at("sso").fingerprint != before);
    }

    void groupNamesFollowTheSpecPattern() {
        for (const std::string& name : {std::string("A_b-9"), std::string(50, 'g'), std::string("x")}) {
            const AccessDocument doc = AccessDocument::fromRequestJson(withGroup(name, ipGroup()), nullptr);
            QVERIFY(doc.groups.contains(name));
        }
        for (const std::string& name : {std::string(""), std::string("a.b"), std::string("\xc3\xa9t\xc3\xa9"), std::string("a b")}) {
            QVERIFY_THROWS_EXCEPTION(ValidationError, AccessDocument::fromRequestJson(withGroup(name, ipGroup()), nullptr));
        }
    }

    void everyCredentialGroupMayCarryFrom() {
        json j = requestDocument();
        j["groups"]["ci"]["from"] = {"10.0.0.0/8"};
        j["groups"]["sso"]["from"] = {"2001:db8::/32", "192.0.2.0/24"};
        const AccessDocument doc = AccessDocument::fromRequestJson(j, nullptr);
        QCOMPARE(doc.groups.at("ci").from.size(), std::size_t{1});
        QCOMPARE(doc.groups.at("sso").from.size(), std::size_t{2});
        QCOMPARE(doc.toPublicJson()["groups"]["sso"]["from"], json({"2001:db8::/32", "192.0.2.0/24"}));
    }

    void defaultIsDenyWhenOmitted() {
        const AccessDocument doc = AccessDocument::fromRequestJson(json::object(), nullptr);
        QVERIFY(doc.defaultDecision == cowl::DefaultDecision::Deny);
        QVERIFY(doc.groups.empty());
        QCOMPARE(doc.toPublicJson()["default"], json("deny"));
    }

    void permissionFallsBackToStar() {
        const auto& doc = parsed();
        QVERIFY(doc.permission("ops", "terminal")->kind() == AccessValue::Kind::All);
        QVERIFY(doc.permission("ops", "ssh")->deniesExplicitly());
        QVERIFY(doc.permission("ci", "files") == nullptr);
        QVERIFY(doc.permission("nobody", "http") == nullptr);
    }

    void invalidDocumentsAreRefusedAtTheField_data() {
        QTest::addColumn<QByteArray>("document");
        QTest::addColumn<QString>("field");
        const auto row = [](const char* name, const json& j, const std::string& field) {
            QTest::newRow(name) << QByteArray::fromStdString(j.dump()) << QString::fromStdString(field);
        };
        const json pw = {{"type", "password"}, {"username", "alice"}, {"password", kPassword}};
        const json tok = {{"type", "token"}, {"value", kToken}};
        const json hs = {{"type", "jwt"}, {"algorithm", "HS256"}, {"secret", readFixture("jwt/hs256_secret.txt")}};
        const auto with = [](json g, const char* key, const json& value) {
            g[key] = value;
            return g;
        };
        const auto without = [](json g, const char* key) {
            g.erase(key);
            return g;
        };
        row("not an object", json::array(), "");
        row("unknown top-level field", {{"colour", "red"}}, "colour");
        row("default maybe", {{"default", "maybe"}}, "default");
        row("default bool", {{"default", true}}, "default");
        row("groups not object", {{"groups", json::array()}}, "groups");
        row("bad group name", withGroup("bad name!", ipGroup()), "groups.bad name!");
        row("51-char group name", withGroup(std::string(51, 'g'), ipGroup()), "groups." + std::string(51, 'g'));
        row("group not object", withGroup("g", "ip"), "groups.g");
        row("type missing", withGroup("g", {{"cidrs", {"10.0.0.0/8"}}}), "groups.g.type");
        row("type unknown", withGroup("g", {{"type", "magic"}}), "groups.g.type");
        row("unknown group field", withGroup("g", with(ipGroup(), "colour", "red")), "groups.g.colour");
        row("description too long", withGroup("g", with(ipGroup(), "description", std::string(201, 'd'))), "groups.g.description");
        row("username missing", withGroup("g", without(pw, "username")), "groups.g.username");
        row("username with colon", withGroup("g", with(pw, "username", "a:b")), "groups.g.username");
        row("username empty", withGroup("g", with(pw, "username", "")), "groups.g.username");
        row("password short", withGroup("g", with(pw, "password", "short")), "groups.g.password");
        row("password not string", withGroup("g", with(pw, "password", 12345678)), "groups.g.password");
        row("password control char", withGroup("g", with(pw, "password", "abc\ndefghij")), "groups.g.password");
        row("password hash injected", withGroup("g", with(pw, "password_hash", "$scrypt$")), "groups.g.password_hash");
        row("password from bad cidr", withGroup("g", with(pw, "from", {"10.0.0.1/8"})), "groups.g.from.0");
        row("password from not list", withGroup("g", with(pw, "from", "10.0.0.0/8")), "groups.g.from");
        row("forward not bool", withGroup("g", with(pw, "forward_credentials", "yes")), "groups.g.forward_credentials");
        row("token short", withGroup("g", with(tok, "value", "short")), "groups.g.value");
        row("token with space", withGroup("g", with(tok, "value", "a token with spaces")), "groups.g.value");
        row("token sources not list", withGroup("g", with(tok, "sources", "bearer")), "groups.g.sources");
        row("token sources empty", withGroup("g", with(tok, "sources", json::array())), "groups.g.sources");
        row("token source unknown", withGroup("g", with(tok, "sources", {"bearer", "body:x"})), "groups.g.sources.1");
        row("token source bad name", withGroup("g", with(tok, "sources", {"header:X Token"})), "groups.g.sources.0");
        row("token source repeated", withGroup("g", with(tok, "sources", {"bearer", "bearer"})), "groups.g.sources.1");
        row("token nine sources", withGroup("g", with(tok, "sources", {"bearer", "header:a", "header:b", "header:c", "header:d",
                                                                       "header:e", "header:f", "header:g", "header:h"})),
            "groups.g.sources");
        row("jwt alg none", withGroup("g", with(hs, "algorithm", "none")), "groups.g.algorithm");
        row("jwt alg missing", withGroup("g", without(hs, "algorithm")), "groups.g.algorithm");
        row("jwt HS512", withGroup("g", with(hs, "algorithm", "HS512")), "groups.g.algorithm");
        row("jwt short secret", withGroup("g", with(hs, "secret", "short")), "groups.g.secret");
        row("jwt PEM as secret", withGroup("g", with(hs, "secret", readFixture("jwt/rs256_public.pem"))), "groups.g.secret");
        row("jwt public key on HS256", withGroup("g", with(hs, "public_key", readFixture("jwt/rs256_public.pem"))), "groups.g.public_key");
        row("jwt bad PEM", withGroup("g", {{"type", "jwt"}, {"algorithm", "RS256"}, {"public_key", "nope"}}), "groups.g.public_key");
        row("jwt EC key for RS256", withGroup("g", {{"type", "jwt"}, {"algorithm", "RS256"}, {"public_key", readFixture("jwt/es256_public.pem")}}), "groups.g.public_key");
        row("jwt claims not object", withGroup("g", with(hs, "claims", json::array())), "groups.g.claims");
        row("jwt query source", withGroup("g", with(hs, "sources", {"query:token"})), "groups.g.sources.0");
        row("jwt iss not string", withGroup("g", with(hs, "iss", 5)), "groups.g.iss");
        row("ip cidrs missing", withGroup("g", {{"type", "ip"}}), "groups.g.cidrs");
        row("ip cidrs empty", withGroup("g", {{"type", "ip"}, {"cidrs", json::array()}}), "groups.g.cidrs");
        row("ip cidr host bits", withGroup("g", {{"type", "ip"}, {"cidrs", {"10.0.0.0/8", "10.0.0.1/8"}}}), "groups.g.cidrs.1");
        row("ip cidr /129", withGroup("g", {{"type", "ip"}, {"cidrs", {"2001:db8::/129"}}}), "groups.g.cidrs.0");
        row("ip cidr not string", withGroup("g", {{"type", "ip"}, {"cidrs", {10}}}), "groups.g.cidrs.0");
        row("ip with from", withGroup("g", with(ipGroup(), "from", {"10.0.0.0/8"})), "groups.g.from");
        row("ip with forward", withGroup("g", with(ipGroup(), "forward_credentials", true)), "groups.g.forward_credentials");
        json perms = withGroup("g", ipGroup());
        const auto permissions = [&perms](const json& p) {
            json j = perms;
            j["permissions"] = p;
            return j;
        };
        row("permissions not object", permissions(json::array()), "permissions");
        row("permissions unknown group", permissions({{"ghost", {{"http", true}}}}), "permissions.ghost");
        row("permissions row not object", permissions({{"g", true}}), "permissions.g");
        row("unknown program", permissions({{"g", {{"gopher", true}}}}), "permissions.g.gopher");
        row("dynamic slug is not a program", permissions({{"g", {{"http-8080", true}}}}), "permissions.g.http-8080");
        row("singleton with a number", permissions({{"g", {{"files", 1}}}}), "permissions.g.files");
        row("star with a port", permissions({{"g", {{"*", 80}}}}), "permissions.g.*");
        row("port 0", permissions({{"g", {{"http", 0}}}}), "permissions.g.http");
        row("port 65536", permissions({{"g", {{"http", 65536}}}}), "permissions.g.http");
        row("negative port", permissions({{"g", {{"http", -1}}}}), "permissions.g.http");
        row("port float", permissions({{"g", {{"http", 80.5}}}}), "permissions.g.http");
        row("reversed range", permissions({{"g", {{"http", "9000-8000"}}}}), "permissions.g.http");
        row("open range", permissions({{"g", {{"http", "8000-"}}}}), "permissions.g.http");
        row("range with spaces", permissions({{"g", {{"http", "8000 - 8100"}}}}), "permissions.g.http");
        row("bad list item", permissions({{"g", {{"http", {80, "x"}}}}}), "permissions.g.http.1");
        row("empty list", permissions({{"g", {{"http", json::array()}}}}), "permissions.g.http");
        row("null value", permissions({{"g", {{"http", nullptr}}}}), "permissions.g.http");
        row("index 0", permissions({{"g", {{"terminal", 0}}}}), "permissions.g.terminal");
        row("index 10000", permissions({{"g", {{"terminal", 10000}}}}), "permissions.g.terminal");
        row("index range too far", permissions({{"g", {{"terminal", "1-10000"}}}}), "permissions.g.terminal");
    }
    void invalidDocumentsAreRefusedAtTheField() {
        QFETCH(QByteArray, document);
        QFETCH(QString, field);
        const json j = json::parse(document.toStdString());
        const std::string message = refusal(j, field.toStdString());
        QVERIFY2(message != "accepted", "an invalid document was accepted");
        QVERIFY2(message.rfind("wrong field", 0) != 0, message.c_str());
        QVERIFY(!message.empty());
    }

    void missingAndUnknownFieldsSayWhichKind() {
        try {
            AccessDocument::fromRequestJson(withGroup("g", {{"cidrs", {"10.0.0.0/8"}}}), nullptr);
            QFAIL("accepted");
        } catch (const FieldError& e) {
            QVERIFY(e.kind() == FieldError::Kind::Missing);
        }
        try {
            AccessDocument::fromRequestJson({{"colour", 1}}, nullptr);
            QFAIL("accepted");
        } catch (const FieldError& e) {
            QVERIFY(e.kind() == FieldError::Kind::Unknown);
        }
        // Shape errors are FieldError (the API's 400), bad values plain ValidationError (422).
        json shape = withGroup("g", ipGroup());
        shape["permissions"] = {{"g", {{"http", nullptr}}}};
        try {
            AccessDocument::fromRequestJson(shape, nullptr);
            QFAIL("accepted");
        } catch (const FieldError& e) {
            QVERIFY(e.kind() == FieldError::Kind::Invalid);
        }
        json value = withGroup("g", ipGroup());
        value["permissions"] = {{"g", {{"http", 0}}}};
        try {
            AccessDocument::fromRequestJson(value, nullptr);
            QFAIL("accepted");
        } catch (const FieldError&) {
            QFAIL("a port of 0 is a bad value, not a bad shape");
        } catch (const ValidationError& e) {
            QCOMPARE(e.field(), std::string("permissions.g.http"));
        }
    }

    void accessValues_data() {
        QTest::addColumn<QString>("program");
        QTest::addColumn<QByteArray>("value");
        QTest::addColumn<int>("number"); // 0 = request carries none
        QTest::addColumn<bool>("grants");
        QTest::addColumn<bool>("explicitDeny");
        QTest::newRow("true") << "files" << QByteArray("true") << 0 << true << false;
        QTest::newRow("false") << "files" << QByteArray("false") << 0 << false << true;
        QTest::newRow("star") << "files" << QByteArray("\"*\"") << 0 << true << false;
        QTest::newRow("port") << "http" << QByteArray("8080") << 8080 << true << false;
        QTest::newRow("other port") << "http" << QByteArray("8080") << 8081 << false << false;
        QTest::newRow("no port") << "http" << QByteArray("8080") << 0 << false << false;
        QTest::newRow("port list") << "https" << QByteArray("[443, 8443]") << 8443 << true << false;
        QTest::newRow("range low end") << "http" << QByteArray("\"8000-8100\"") << 8000 << true << false;
        QTest::newRow("range high end") << "http" << QByteArray("\"8000-8100\"") << 8100 << true << false;
        QTest::newRow("below range") << "http" << QByteArray("\"8000-8100\"") << 7999 << false << false;
        QTest::newRow("one-port range") << "http" << QByteArray("\"8080-8080\"") << 8080 << true << false;
        QTest::newRow("mixed list") << "http" << QByteArray("[80, \"8000-8100\"]") << 8050 << true << false;
        QTest::newRow("index") << "terminal" << QByteArray("2") << 2 << true << false;
        QTest::newRow("index list") << "terminal" << QByteArray("[1, \"3-4\"]") << 2 << false << false;
        QTest::newRow("index range") << "terminal" << QByteArray("\"1-9999\"") << 9999 << true << false;
        QTest::newRow("all ports") << "http" << QByteArray("true") << 65535 << true << false;
    }
    void accessValues() {
        QFETCH(QString, program);
        QFETCH(QByteArray, value);
        QFETCH(int, number);
        QFETCH(bool, grants);
        QFETCH(bool, explicitDeny);
        const std::string p = program.toStdString();
        const json written = json::parse(value.toStdString());
        const AccessValue v = AccessValue::parse(written, AccessValue::domainOf(p), "v");
        QCOMPARE(v.grants(number == 0 ? std::nullopt : std::optional<std::uint32_t>(number)), grants);
        QCOMPARE(v.deniesExplicitly(), explicitDeny);
        QCOMPARE(v.written(), written);
    }
};

QTEST_GUILESS_MAIN(AccessDocumentTest)
#include "AccessDocumentTest.moc"
