// SPDX-License-Identifier: GPL-3.0-or-later
#include <QtTest>

#include "Fixtures.h"
#include "shared/access/AccessEvaluator.h"
#include "shared/crypto/PasswordHash.h"
#include "shared/crypto/TokenHash.h"

using cowl::AccessDecision;
using cowl::AccessDocument;
using cowl::AccessEvaluator;
using cowl::AccessRequest;
using cowl::CredentialSource;
using cowl::IpAddress;
using nlohmann::json;

namespace {

constexpr std::int64_t kNow = 1800000000;
const cowl::PasswordHash::Cost kFast{10, 8, 1};
const std::string kCiToken = "ci-token-0123456789abcdef";

json passwordGroup(const std::string& user, const std::string& password) {
    return {{"type", "password"}, {"username", user}, {"password_hash", cowl::PasswordHash::hash(password, kFast)}};
}

// Built in storage form so passwords can use a cheap scrypt cost.
const AccessDocument& document() {
    static const AccessDocument doc = [] {
        json staging = passwordGroup("carol", "carol-password");
        staging["from"] = {"2001:db8:9::/48"};
        json ciGroup = {{"type", "token"},
                        {"value_hash", cowl::TokenHash::sha256Hex(kCiToken)},
                        {"sources", {"bearer", "header:X-Token", "cookie:ci", "query:ci"}}};
        json j = {
            {"groups",
             {{"ops", passwordGroup("alice", "alice-password")},
              {"viewer", passwordGroup("bob", "bob-password")},
              {"staging", staging},
              {"ci", ciGroup},
              {"sso", {{"type", "jwt"}, {"algorithm", "HS256"}, {"secret", readFixture("jwt/hs256_secret.txt")},
                       {"claims", {{"team", "web"}}}}},
              {"rsa", {{"type", "jwt"}, {"algorithm", "RS256"}, {"public_key", readFixture("jwt/rs256_public.pem")},
                       {"sources", {"header:X-Id-Token"}}}},
              {"office", {{"type", "ip"}, {"cidrs", {"203.0.113.0/24", "2001:db8:1::/48"}}}},
              {"blocked", {{"type", "ip"}, {"cidrs", {"198.51.100.0/24"}}}}}},
            {"permissions",
             {{"ops", {{"*", true}, {"ssh", false}, {"sqlite", false}}},
              {"viewer", {{"http", true}, {"terminal", false}}},
              {"staging", {{"notes", true}}},
              {"ci", {{"http", {80, "8000-8100"}}, {"terminal", {1, "3-4"}}}},
              {"sso", {{"code", true}}},
              {"rsa", {{"sqlite", true}}},
              {"office", {{"files", true}, {"display", false}}},
              {"blocked", {{"*", false}}}}},
            {"default", "deny"}};
        return AccessDocument::fromStorageJson(j);
    }();
    return doc;
}

// One request described in a row: "basic:user:pass", "bearer:TOKEN", "header:Name=VALUE",
// "cookie:Name=VALUE", "query:Name=VALUE"; "@file" values are JWT fixtures.
struct RequestSpec {
    std::map<std::string, std::string, std::less<>> headers, cookies, query;
    std::string user, pass, bearer;
    bool basic = false, hasBearer = false;

    static std::string value(const std::string& v) {
        return !v.empty() && v.front() == '@' ? readFixture("jwt/" + v.substr(1) + ".jwt") : v;
    }

    explicit RequestSpec(const QString& spec) {
        for (const QString& part : spec.split(';', Qt::SkipEmptyParts)) {
            const std::string p = part.toStdString();
            const auto colon = p.find(':');
            const std::string kind = p.substr(0, colon);
            const std::string rest = p.substr(colon + 1);
            const auto eq = rest.find('=');
            if (kind == "basic") {
                basic = true;
                user = rest.substr(0, rest.find(':'));
                pass = rest.substr(rest.find(':') + 1);
            } else if (kind == "bearer") {
                hasBearer = true;
                bearer = value(rest);
            } else if (kind == "header") {
                headers[rest.substr(0, eq)] = value(rest.substr(eq + 1));
            } else if (kind == "cookie") {
                cookies[rest.substr(0, eq)] = value(rest.substr(eq + 1));
            } else if (kind == "query") {
                query[rest.substr(0, eq)] = value(rest.substr(eq + 1));
            }
        }
    }

    AccessRequest request(std::string_view program, int port, int index, const QString& client) const {
        AccessRequest r;
        r.program = program;
        if (port != 0) {
            r.port = static_cast<std::uint16_t>(port);
        }
        if (index != 0) {
            r.index = static_cast<std::uint32_t>(index);
        }
        r.client = *IpAddress::parse(client.toStdString());
        if (basic) {
            r.credentials.basic = cowl::BasicCredentials{user, pass};
        }
        if (hasBearer) {
            r.credentials.bearer = bearer;
        }
        r.credentials.header = cowl::NamedLookup::overIgnoringCase(headers);
        r.credentials.cookie = cowl::NamedLookup::over(cookies);
        r.credentials.query = cowl::NamedLookup::over(query);
        r.now = kNow;
        return r;
    }
};

// Our own seam's contract, recorded: the proxy's real cache lives in node/proxy.
class RecordingMemory : public cowl::VerifiedCredentials {
public:
    bool contains(std::string_view fingerprint, std::string_view presented, std::int64_t now) const override {
        ++lookups;
        const auto it = entries.find(std::string(fingerprint) + "|" + std::string(presented));
        return it != entries.end() && it->second >= now;
    }
    void add(std::string_view fingerprint, std::string_view presented, std::int64_t validUntil) override {
        ++adds;
        entries[std::string(fingerprint) + "|" + std::string(presented)] = validUntil;
    }
    std::map<std::string, std::int64_t> entries;
    mutable int lookups = 0;
    int adds = 0;
};

} // namespace

class AccessEvaluatorTest : public QObject {
    Q_OBJECT
private slots:
    void evaluation_data() {
        QTest::addColumn<QString>("program");
        QTest::addColumn<int>("port");
        QTest::addColumn<int>("index");
        QTest::addColumn<QString>("client");
        QTest::addColumn<QString>("credentials");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("group");     // "" = none
        QTest::addColumn<QString>("challenge"); // words the WWW-Authenticate value must hold, "-" = empty
        QTest::addColumn<bool>("failed");
        QTest::addColumn<QString>("reason");
        const QString out = "2001:db8:ff::1";
        // §3 rule 1 + 2: a satisfied group that grants allows.
        QTest::newRow("password grants") << "http" << 0 << 0 << out << "basic:alice:alice-password" << 200 << "ops" << "-" << false << "group 'ops' (password) grants http port 80";
        QTest::newRow("second password group") << "http" << 0 << 0 << out << "basic:bob:bob-password" << 200 << "viewer" << "-" << false << "grants";
        QTest::newRow("star grants any program") << "tunnel" << 0 << 0 << out << "basic:alice:alice-password" << 200 << "ops" << "-" << false << "grants tunnel";
        // Nobody identified: 401 with the challenges of the groups that could grant.
        QTest::newRow("no credentials: Basic and Bearer") << "http" << 0 << 0 << out << "" << 401 << "" << "Basic,Bearer" << false << "default deny";
        QTest::newRow("nothing could grant: 403") << "ssh" << 0 << 0 << out << "" << 403 << "" << "-" << false << "default deny";
        QTest::newRow("only password could grant: Basic") << "notes" << 0 << 0 << out << "" << 401 << "" << "Basic" << false << "default deny";
        QTest::newRow("only jwt could grant: Bearer") << "sqlite" << 0 << 0 << out << "" << 401 << "" << "Bearer" << false << "default deny";
        QTest::newRow("password or jwt could grant code") << "code" << 0 << 0 << out << "" << 401 << "" << "Basic,Bearer" << false << "";
        QTest::newRow("wrong password") << "http" << 0 << 0 << out << "basic:alice:wrong" << 401 << "" << "Basic,Bearer" << true << "default deny";
        QTest::newRow("unknown user") << "http" << 0 << 0 << out << "basic:mallory:alice-password" << 401 << "" << "Basic,Bearer" << true << "";
        QTest::newRow("username is case-sensitive") << "http" << 0 << 0 << out << "basic:Alice:alice-password" << 401 << "" << "Basic,Bearer" << true << "";
        // §3 rule 3: an explicit false of a satisfied group denies; identified → 403.
        QTest::newRow("explicit deny, identified") << "ssh" << 0 << 0 << out << "basic:alice:alice-password" << 403 << "ops" << "-" << false << "group 'ops' (password) denies ssh";
        QTest::newRow("viewer denied terminal") << "terminal" << 0 << 0 << out << "basic:bob:bob-password" << 403 << "viewer" << "-" << false << "denies terminal";
        QTest::newRow("identified, not granted: 403") << "files" << 0 << 0 << out << "basic:bob:bob-password" << 403 << "" << "-" << false << "default deny";
        // Grant beats deny: rule 2 before rule 3.
        QTest::newRow("blocked net, no credential") << "http" << 0 << 0 << "198.51.100.7" << "" << 401 << "blocked" << "Basic,Bearer" << false << "group 'blocked' (ip) denies http";
        QTest::newRow("blocked net, granted by password") << "http" << 0 << 0 << "198.51.100.7" << "basic:alice:alice-password" << 200 << "ops" << "-" << false << "grants";
        // Tokens from every source, ports and indexes.
        QTest::newRow("bearer token, port 80 default") << "http" << 0 << 0 << out << "bearer:" + QString::fromStdString(kCiToken) << 200 << "ci" << "-" << false << "port 80";
        QTest::newRow("bearer token, port in range") << "http" << 8050 << 0 << out << "bearer:" + QString::fromStdString(kCiToken) << 200 << "ci" << "-" << false << "port 8050";
        QTest::newRow("range end inclusive") << "http" << 8100 << 0 << out << "bearer:" + QString::fromStdString(kCiToken) << 200 << "ci" << "-" << false << "";
        QTest::newRow("port outside list, identified") << "http" << 8101 << 0 << out << "bearer:" + QString::fromStdString(kCiToken) << 403 << "" << "-" << false << "default deny";
        QTest::newRow("token in header, Bearer prefix") << "http" << 0 << 0 << out << "header:x-token=Bearer " + QString::fromStdString(kCiToken) << 200 << "ci" << "-" << false << "";
        QTest::newRow("token in header") << "http" << 0 << 0 << out << "header:X-Token=" + QString::fromStdString(kCiToken) << 200 << "ci" << "-" << false << "";
        QTest::newRow("token in cookie") << "http" << 0 << 0 << out << "cookie:ci=" + QString::fromStdString(kCiToken) << 200 << "ci" << "-" << false << "";
        QTest::newRow("token in query") << "http" << 0 << 0 << out << "query:ci=" + QString::fromStdString(kCiToken) << 200 << "ci" << "-" << false << "";
        QTest::newRow("token in an unconfigured cookie") << "http" << 0 << 0 << out << "cookie:other=" + QString::fromStdString(kCiToken) << 401 << "" << "Basic,Bearer" << false << "";
        QTest::newRow("wrong token") << "http" << 0 << 0 << out << "bearer:ci-token-0123456789abcdeX" << 401 << "" << "Basic,Bearer" << true << "";
        QTest::newRow("index 1 default") << "terminal" << 0 << 0 << out << "bearer:" + QString::fromStdString(kCiToken) << 200 << "ci" << "-" << false << "terminal #1";
        QTest::newRow("index in range") << "terminal" << 0 << 4 << out << "bearer:" + QString::fromStdString(kCiToken) << 200 << "ci" << "-" << false << "terminal #4";
        QTest::newRow("index not listed") << "terminal" << 0 << 2 << out << "bearer:" + QString::fromStdString(kCiToken) << 403 << "" << "-" << false << "terminal #2";
        // JWTs minted by python3-jwt.
        QTest::newRow("jwt HS256") << "code" << 0 << 0 << out << "bearer:@hs256_valid" << 200 << "sso" << "-" << false << "group 'sso' (jwt) grants code";
        QTest::newRow("jwt wrong claim") << "code" << 0 << 0 << out << "bearer:@hs256_wrong_claim" << 401 << "" << "Basic,Bearer" << true << "";
        QTest::newRow("jwt expired") << "code" << 0 << 0 << out << "bearer:@hs256_expired" << 401 << "" << "Basic,Bearer" << true << "";
        QTest::newRow("jwt alg none") << "code" << 0 << 0 << out << "bearer:@alg_none" << 401 << "" << "Basic,Bearer" << true << "";
        QTest::newRow("jwt RS256 in its header") << "sqlite" << 0 << 0 << out << "header:X-Id-Token=@rs256_valid" << 200 << "rsa" << "-" << false << "";
        QTest::newRow("jwt RS256 tampered") << "sqlite" << 0 << 0 << out << "header:X-Id-Token=@rs256_tampered" << 401 << "" << "Bearer" << true << "";
        QTest::newRow("jwt HS/RS confusion") << "sqlite" << 0 << 0 << out << "header:X-Id-Token=@hs256_confused_with_rs256_public_key" << 401 << "" << "Bearer" << true << "";
        QTest::newRow("jwt RS256 in the wrong source") << "sqlite" << 0 << 0 << out << "bearer:@rs256_valid" << 401 << "" << "Bearer" << true << "";
        // ip groups, v4, v6 and v4-mapped.
        QTest::newRow("ip v4") << "files" << 0 << 0 << "203.0.113.5" << "" << 200 << "office" << "-" << false << "group 'office' (ip) grants files";
        QTest::newRow("ip v4-mapped") << "files" << 0 << 0 << "::ffff:203.0.113.5" << "" << 200 << "office" << "-" << false << "";
        QTest::newRow("ip v6") << "files" << 0 << 0 << "2001:db8:1:2::9" << "" << 200 << "office" << "-" << false << "";
        QTest::newRow("ip outside") << "files" << 0 << 0 << "203.0.114.5" << "" << 401 << "" << "Basic" << false << "";
        QTest::newRow("ip explicit deny, password could grant") << "display" << 0 << 0 << "203.0.113.5" << "" << 401 << "office" << "Basic" << false << "denies display";
        // `from`: credential AND network.
        QTest::newRow("from inside") << "notes" << 0 << 0 << "2001:db8:9::1" << "basic:carol:carol-password" << 200 << "staging" << "-" << false << "";
        QTest::newRow("from outside") << "notes" << 0 << 0 << out << "basic:carol:carol-password" << 401 << "" << "Basic" << true << "";
    }
    void evaluation() {
        QFETCH(QString, program);
        QFETCH(int, port);
        QFETCH(int, index);
        QFETCH(QString, client);
        QFETCH(QString, credentials);
        QFETCH(int, status);
        QFETCH(QString, group);
        QFETCH(QString, challenge);
        QFETCH(bool, failed);
        QFETCH(QString, reason);
        const RequestSpec spec(credentials);
        const std::string programName = program.toStdString();
        const AccessDecision d = AccessEvaluator::evaluate(&document(), spec.request(programName, port, index, client));
        QCOMPARE(d.status, status);
        QCOMPARE(d.allowed, status == 200);
        QCOMPARE(QString::fromStdString(d.group.value_or("")), group);
        QVERIFY2(QString::fromStdString(d.reason).contains(reason), d.reason.c_str());
        QCOMPARE(d.credentialFailed, failed);
        const QString c = QString::fromStdString(d.challenge);
        if (challenge == "-") {
            QVERIFY2(c.isEmpty(), d.challenge.c_str());
        } else {
            for (const QString& scheme : {QString("Basic"), QString("Bearer")}) {
                QCOMPARE(c.contains(scheme + " realm="), challenge.split(',').contains(scheme));
            }
        }
    }

    void noDocumentIsOpen() {
        AccessRequest r;
        r.program = "terminal";
        const AccessDecision d = AccessEvaluator::evaluate(nullptr, r);
        QVERIFY(d.allowed);
        QCOMPARE(d.status, 200);
        QVERIFY(!d.group);
        QVERIFY(QString::fromStdString(d.reason).contains("open"));
    }

    void defaultAllowAndOmittedDefault() {
        json j = {{"groups", {{"office", {{"type", "ip"}, {"cidrs", {"10.0.0.0/8"}}}}}},
                  {"permissions", {{"office", {{"terminal", false}}}}}};
        AccessRequest r;
        r.program = "http";
        r.client = *IpAddress::parse("192.0.2.1");
        const AccessDocument denyByOmission = AccessDocument::fromStorageJson(j);
        const AccessDecision denied = AccessEvaluator::evaluate(&denyByOmission, r);
        QVERIFY(!denied.allowed);
        // Only an ip group and nothing could grant: no challenge helps, 403.
        QCOMPARE(denied.status, 403);
        QVERIFY(denied.challenge.empty());
        j["default"] = "allow";
        const AccessDocument allow = AccessDocument::fromStorageJson(j);
        const AccessDecision allowed = AccessEvaluator::evaluate(&allow, r);
        QVERIFY(allowed.allowed);
        QVERIFY(QString::fromStdString(allowed.reason).contains("default allow"));
        // A satisfied group's explicit false still beats default allow.
        r.program = "terminal";
        r.client = *IpAddress::parse("10.1.1.1");
        const AccessDecision explicitDeny = AccessEvaluator::evaluate(&allow, r);
        QVERIFY(!explicitDeny.allowed);
        QCOMPARE(explicitDeny.group.value_or(""), std::string("office"));
    }

    void portListDoesNotDenyOtherPortsExplicitly() {
        json j = {{"groups", {{"office", {{"type", "ip"}, {"cidrs", {"10.0.0.0/8"}}}}}},
                  {"permissions", {{"office", {{"http", {8080}}}}}},
                  {"default", "allow"}};
        const AccessDocument doc = AccessDocument::fromStorageJson(j);
        AccessRequest r;
        r.program = "http";
        r.port = 9090;
        r.client = *IpAddress::parse("10.0.0.1");
        const AccessDecision d = AccessEvaluator::evaluate(&doc, r);
        QVERIFY(d.allowed);
        QVERIFY(!d.group);
    }

    void groupsAreVisitedInNameOrder() {
        json j = {{"groups", {{"b-net", {{"type", "ip"}, {"cidrs", {"10.0.0.0/8"}}}},
                              {"a-net", {{"type", "ip"}, {"cidrs", {"10.1.0.0/16"}}}}}},
                  {"permissions", {{"a-net", {{"ssh", true}}}, {"b-net", {{"ssh", true}}}}}};
        const AccessDocument doc = AccessDocument::fromStorageJson(j);
        AccessRequest r;
        r.program = "ssh";
        r.client = *IpAddress::parse("10.1.2.3");
        QCOMPARE(AccessEvaluator::evaluate(&doc, r).group.value_or(""), std::string("a-net"));
        r.client = *IpAddress::parse("10.2.2.3");
        QCOMPARE(AccessEvaluator::evaluate(&doc, r).group.value_or(""), std::string("b-net"));
    }

    void consumedCredentialIsReported() {
        const RequestSpec cookie("cookie:ci=" + QString::fromStdString(kCiToken));
        const AccessDecision viaCookie = AccessEvaluator::evaluate(&document(), cookie.request("http", 0, 0, "::1"));
        QVERIFY(viaCookie.consumed == (CredentialSource{CredentialSource::Kind::Cookie, "ci"}));
        QVERIFY(!viaCookie.forwardCredentials);
        const RequestSpec basic("basic:alice:alice-password");
        const AccessDecision viaBasic = AccessEvaluator::evaluate(&document(), basic.request("http", 0, 0, "::1"));
        QVERIFY(viaBasic.consumed && viaBasic.consumed->kind == CredentialSource::Kind::Basic);
        const AccessDecision ip = AccessEvaluator::evaluate(&document(), RequestSpec("").request("files", 0, 0, "203.0.113.1"));
        QVERIFY(!ip.consumed);

        json j = {{"groups", {{"ci", {{"type", "token"}, {"value_hash", cowl::TokenHash::sha256Hex(kCiToken)},
                                      {"forward_credentials", true}}}}},
                  {"permissions", {{"ci", {{"http", true}}}}}};
        const AccessDocument forwarding = AccessDocument::fromStorageJson(j);
        const AccessDecision forwarded =
            AccessEvaluator::evaluate(&forwarding, RequestSpec("bearer:" + QString::fromStdString(kCiToken)).request("http", 0, 0, "::1"));
        QVERIFY(forwarded.allowed && forwarded.forwardCredentials);
    }

    void jwtUsesTheRequestClock() {
        const RequestSpec spec("bearer:@hs256_valid");
        AccessRequest r = spec.request("code", 0, 0, "::1");
        r.now = 4102444800 + 30;
        QVERIFY(AccessEvaluator::evaluate(&document(), r).allowed);
        r.now = 4102444800 + 31;
        QVERIFY(!AccessEvaluator::evaluate(&document(), r).allowed);
    }

    void groupWithoutSecretNeverSatisfies() {
        json j = {{"groups", {{"ops", {{"type", "password"}, {"username", "alice"}, {"password_hash", ""}}},
                              {"ci", {{"type", "token"}, {"value_hash", ""}}}}},
                  {"permissions", {{"ops", {{"*", true}}}, {"ci", {{"*", true}}}}}};
        const AccessDocument doc = AccessDocument::fromStorageJson(j);
        QVERIFY(!AccessEvaluator::evaluate(&doc, RequestSpec("basic:alice:").request("http", 0, 0, "::1")).allowed);
        QVERIFY(!AccessEvaluator::evaluate(&doc, RequestSpec("bearer:").request("http", 0, 0, "::1")).allowed);
    }

    void verifiedCredentialsAreRememberedOnlyOnSuccess() {
        RecordingMemory memory;
        const RequestSpec good("basic:alice:alice-password");
        const RequestSpec bad("basic:alice:nope");
        QVERIFY(AccessEvaluator::evaluate(&document(), good.request("http", 0, 0, "::1"), &memory).allowed);
        QCOMPARE(memory.adds, 1);
        QVERIFY(AccessEvaluator::evaluate(&document(), good.request("http", 0, 0, "::1"), &memory).allowed);
        QCOMPARE(memory.adds, 1); // the second time was a lookup, not scrypt
        for (int i = 0; i < 3; ++i) {
            QVERIFY(!AccessEvaluator::evaluate(&document(), bad.request("http", 0, 0, "::1"), &memory).allowed);
        }
        QCOMPARE(memory.adds, 1);
        QCOMPARE(memory.entries.size(), std::size_t{1});
        QVERIFY(memory.entries.begin()->first.find(document().groups.at("ops").fingerprint) == 0);

        // JWTs are remembered until they expire (plus leeway), no longer.
        const RequestSpec jwt("bearer:@hs256_valid");
        AccessRequest r = jwt.request("code", 0, 0, "::1");
        QVERIFY(AccessEvaluator::evaluate(&document(), r, &memory).allowed);
        QCOMPARE(memory.adds, 2);
        bool sawJwt = false;
        for (const auto& [key, until] : memory.entries) {
            if (key.find(document().groups.at("sso").fingerprint) == 0) {
                sawJwt = true;
                QCOMPARE(until, std::int64_t{4102444800 + 30});
            }
        }
        QVERIFY(sawJwt);
    }

    // The proxy's mode: no scrypt inside the evaluation. A check without a
    // verdict ends it pending and names the check; with the verdict added,
    // the same request decides exactly as the inline evaluation does.
    void passwordChecksCanBeMadeElsewhere() {
        const RequestSpec good("basic:alice:alice-password");
        const RequestSpec bad("basic:alice:nope");
        const std::string& opsHash = std::get<cowl::PasswordCredential>(document().groups.at("ops").credential).passwordHash;
        for (const auto& [spec, valid] : {std::pair{&good, true}, std::pair{&bad, false}}) {
            cowl::PasswordVerdicts verdicts;
            AccessRequest r = spec->request("http", 0, 0, "::1");
            r.passwordVerdicts = &verdicts;
            QElapsedTimer timer;
            timer.start();
            AccessDecision d = AccessEvaluator::evaluate(&document(), r);
            QVERIFY2(timer.nsecsElapsed() < 5'000'000, "a pending evaluation ran scrypt");
            QVERIFY(d.pendingPassword.has_value());
            QVERIFY(!d.allowed);
            QVERIFY(!d.credentialFailed); // nothing is known yet: no throttle count
            QCOMPARE(d.pendingPassword->password, spec->pass);
            QCOMPARE(d.pendingPassword->hash, opsHash);

            verdicts.add(*d.pendingPassword, cowl::PasswordHash::verify(d.pendingPassword->password, d.pendingPassword->hash));
            QCOMPARE(verdicts.find(spec->pass, opsHash), std::optional<bool>(valid));
            d = AccessEvaluator::evaluate(&document(), r);
            const AccessDecision inline_ = AccessEvaluator::evaluate(&document(), spec->request("http", 0, 0, "::1"));
            QVERIFY(!d.pendingPassword);
            QCOMPARE(d.allowed, valid);
            QCOMPARE(d.status, inline_.status);
            QCOMPARE(d.group, inline_.group);
            QCOMPARE(d.credentialFailed, inline_.credentialFailed);
            QCOMPARE(d.challenge, inline_.challenge);
        }

        // A remembered credential needs no check at all.
        RecordingMemory memory;
        QVERIFY(AccessEvaluator::evaluate(&document(), good.request("http", 0, 0, "::1"), &memory).allowed);
        cowl::PasswordVerdicts none;
        AccessRequest r = good.request("http", 0, 0, "::1");
        r.passwordVerdicts = &none;
        const AccessDecision d = AccessEvaluator::evaluate(&document(), r, &memory);
        QVERIFY(!d.pendingPassword);
        QVERIFY(d.allowed);
    }

    // The timing check of a wrong username is a password check too: pending
    // first, then a plain 401 whatever its verdict.
    void aWrongUsernamesTimingCheckIsMadeElsewhereToo() {
        cowl::PasswordVerdicts verdicts;
        AccessRequest r = RequestSpec("basic:mallory:nope").request("http", 0, 0, "::1");
        r.passwordVerdicts = &verdicts;
        AccessDecision d = AccessEvaluator::evaluate(&document(), r);
        QVERIFY(d.pendingPassword.has_value());
        QCOMPARE(d.pendingPassword->password, std::string("nope"));
        verdicts.add(*d.pendingPassword, false);
        d = AccessEvaluator::evaluate(&document(), r);
        QVERIFY(!d.pendingPassword);
        QCOMPARE(d.status, 401);
        QVERIFY(d.credentialFailed);
    }

    void unknownProgramsAreDenied() {
        const AccessDecision d = AccessEvaluator::evaluate(&document(), RequestSpec("basic:alice:alice-password").request("gopher", 0, 0, "::1"));
        QVERIFY(!d.allowed);
        QCOMPARE(d.status, 403);
        QVERIFY(QString::fromStdString(d.reason).contains("not a program"));
    }

    // Without the equalising check a wrong username answers in microseconds and
    // a wrong password in milliseconds: a username oracle.
    void aWrongUsernameCostsAsMuchAsAWrongPassword() {
        const json j = {{"groups", {{"ops", {{"type", "password"}, {"username", "alice"},
                                             {"password_hash", cowl::PasswordHash::hash("pw", {13, 8, 1})}}}}},
                        {"permissions", {{"ops", {{"http", true}}}}}};
        const AccessDocument doc = AccessDocument::fromStorageJson(j);
        bool anyAllowed = false;
        const auto fastest = [&doc, &anyAllowed](const char* spec) -> std::int64_t {
            const RequestSpec r(spec);
            std::int64_t best = INT64_MAX;
            for (int i = 0; i < 3; ++i) {
                QElapsedTimer timer;
                timer.start();
                anyAllowed = anyAllowed || AccessEvaluator::evaluate(&doc, r.request("http", 0, 0, "::1")).allowed;
                best = std::min<std::int64_t>(best, timer.nsecsElapsed());
            }
            return best;
        };
        const std::int64_t wrongPassword = fastest("basic:alice:nope");
        const std::int64_t wrongUser = fastest("basic:mallory:nope");
        qInfo("wrong password %lld us, wrong username %lld us", static_cast<long long>(wrongPassword / 1000),
              static_cast<long long>(wrongUser / 1000));
        QVERIFY(!anyAllowed);
        QVERIFY(wrongUser * 3 > wrongPassword);
    }
};

QTEST_GUILESS_MAIN(AccessEvaluatorTest)
#include "AccessEvaluatorTest.moc"
