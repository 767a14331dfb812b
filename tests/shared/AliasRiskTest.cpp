// SPDX-License-Identifier: GPL-3.0-or-later
#include <set>

#include <QtTest>

#include "shared/access/AccessDocument.h"
#include "shared/ValidationError.h"
#include "shared/alias/AliasRisk.h"
#include "shared/crypto/TokenHash.h"

using cowl::AccessDocument;
using cowl::AliasRisk;
using cowl::AliasRiskAssessment;
using cowl::AliasRiskInput;
using cowl::RiskLevel;
using nlohmann::json;

namespace {

// Documents by name: "none" (no document), "credential" (a token group grants
// everything), "ip" (only an ip group grants), "open-ip" (an ip group with /0),
// "allow" (default allow, nobody granted), "deny-nobody" (default deny, no groups).
const AccessDocument* documentNamed(const QString& name) {
    static const std::map<QString, AccessDocument> docs = [] {
        const json token = {{"type", "token"}, {"value_hash", cowl::TokenHash::sha256Hex("t")}};
        std::map<QString, AccessDocument> m;
        m.emplace("credential", AccessDocument::fromStorageJson(
                                    {{"groups", {{"ci", token}}}, {"permissions", {{"ci", {{"*", true}}}}}}));
        m.emplace("ip", AccessDocument::fromStorageJson({{"groups", {{"office", {{"type", "ip"}, {"cidrs", {"10.0.0.0/8"}}}}}},
                                                         {"permissions", {{"office", {{"*", true}}}}}}));
        m.emplace("open-ip", AccessDocument::fromStorageJson({{"groups", {{"world", {{"type", "ip"}, {"cidrs", {"::/0"}}}}}},
                                                              {"permissions", {{"world", {{"*", true}}}}}}));
        m.emplace("allow", AccessDocument::fromStorageJson({{"default", "allow"}}));
        m.emplace("deny-nobody", AccessDocument::fromStorageJson(json::object()));
        m.emplace("credential-denied", AccessDocument::fromStorageJson(
                                           {{"groups", {{"ci", token}}}, {"permissions", {{"ci", {{"*", false}}}}}}));
        return m;
    }();
    const auto it = docs.find(name);
    return it == docs.end() ? nullptr : &it->second;
}

std::set<std::string> codes(const AliasRiskAssessment& a) {
    std::set<std::string> out;
    for (const auto& r : a.reasons) {
        out.insert(r.code);
    }
    return out;
}

} // namespace

class AliasRiskTest : public QObject {
    Q_OBJECT
private slots:
    void assess_data() {
        QTest::addColumn<QString>("program");
        QTest::addColumn<QString>("document");
        QTest::addColumn<bool>("expiry");
        QTest::addColumn<QString>("alias");
        QTest::addColumn<bool>("customDomain");
        QTest::addColumn<QString>("level");
        QTest::addColumn<QString>("reasons"); // every code, comma-separated
        QTest::newRow("public, open") << "http" << "none" << false << "quiet-meadow-7" << false << "low" << "no_access_document";
        QTest::newRow("public, guarded") << "http" << "credential" << false << "quiet-meadow-7" << false << "low" << "";
        QTest::newRow("public, open, generic name") << "http" << "none" << true << "admin" << false << "medium" << "no_access_document,generic_name";
        QTest::newRow("public, guarded, generic name") << "http" << "credential" << true << "admin" << false << "low" << "generic_name";
        QTest::newRow("public, open, custom domain") << "http" << "none" << true << "quiet-meadow-7" << true << "medium" << "no_access_document,custom_domain";
        QTest::newRow("public, open, generic, custom") << "http" << "none" << true << "dev-api" << true << "high" << "no_access_document,generic_name,custom_domain";
        QTest::newRow("operator, open, no expiry") << "terminal" << "none" << false << "quiet-shell-7" << false << "critical" << "operator_program,no_access_document,no_expiry";
        QTest::newRow("operator, open, expiry") << "terminal" << "none" << true << "quiet-shell-7" << false << "critical" << "operator_program,no_access_document";
        QTest::newRow("operator, default allow") << "files" << "allow" << true << "quiet-shell-7" << false << "critical" << "operator_program,default_allow,no_credential_group";
        QTest::newRow("operator, ip /0") << "files" << "open-ip" << true << "quiet-shell-7" << false << "critical" << "operator_program,open_ip_group,no_credential_group";
        QTest::newRow("operator, ip only, expiry") << "code" << "ip" << true << "quiet-shell-7" << false << "high" << "operator_program,no_credential_group";
        QTest::newRow("operator, ip only, no expiry") << "code" << "ip" << false << "quiet-shell-7" << false << "critical" << "operator_program,no_credential_group,no_expiry";
        QTest::newRow("operator, credential, expiry") << "terminal" << "credential" << true << "quiet-shell-7" << false << "medium" << "operator_program";
        QTest::newRow("operator, credential, no expiry") << "terminal" << "credential" << false << "quiet-shell-7" << false << "high" << "operator_program,no_expiry";
        QTest::newRow("operator, credential, generic name") << "terminal" << "credential" << true << "admin" << false << "medium" << "operator_program,generic_name";
        QTest::newRow("operator, credential explicitly false") << "terminal" << "credential-denied" << true << "quiet-shell-7" << false << "high" << "operator_program,no_credential_group";
        QTest::newRow("operator, nobody granted") << "ssh" << "deny-nobody" << true << "quiet-shell-7" << false << "high" << "operator_program,no_credential_group";
    }
    void assess() {
        QFETCH(QString, program);
        QFETCH(QString, document);
        QFETCH(bool, expiry);
        QFETCH(QString, alias);
        QFETCH(bool, customDomain);
        QFETCH(QString, level);
        QFETCH(QString, reasons);
        const std::string p = program.toStdString();
        const std::string a = alias.toStdString();
        AliasRiskInput input{p, documentNamed(document), expiry, a, customDomain};
        const AliasRiskAssessment result = AliasRisk::assess(input);
        std::set<std::string> expected;
        for (const QString& code : reasons.split(',', Qt::SkipEmptyParts)) {
            expected.insert(code.toStdString());
        }
        QCOMPARE(codes(result), expected);
        QCOMPARE(QString::fromStdString(std::string(cowl::toString(result.level))), level);
        for (const auto& r : result.reasons) {
            QVERIFY(!r.message.empty());
        }
    }

    void genericNames_data() {
        QTest::addColumn<QString>("name");
        QTest::addColumn<bool>("generic");
        for (const char* n : {"api", "app", "prod", "admin", "test", "dev", "www", "staging", "dev-api", "staging-2", "admin-01"}) {
            QTest::newRow(n) << n << true;
        }
        for (const char* n : {"quiet-meadow-7", "docs-site", "a1b2c3", "123", "adminx", "my-admin"}) {
            QTest::newRow(n) << n << false;
        }
    }
    void genericNames() {
        QFETCH(QString, name);
        QFETCH(bool, generic);
        QCOMPARE(AliasRisk::isGenericName(name.toStdString()), generic);
    }

    void programUrls_data() {
        QTest::addColumn<QString>("program");
        QTest::addColumn<QString>("document");
        QTest::addColumn<QString>("level");
        QTest::newRow("public open") << "http" << "none" << "low";
        QTest::newRow("operator open") << "terminal" << "none" << "high";
        QTest::newRow("operator default allow") << "terminal" << "allow" << "high";
        QTest::newRow("operator ip only") << "terminal" << "ip" << "medium";
        QTest::newRow("operator credential") << "terminal" << "credential" << "low";
    }
    void programUrls() {
        QFETCH(QString, program);
        QFETCH(QString, document);
        QFETCH(QString, level);
        const RiskLevel l = AliasRisk::assessProgramUrl(program.toStdString(), documentNamed(document));
        QCOMPARE(QString::fromStdString(std::string(cowl::toString(l))), level);
    }

    void jsonCodec() {
        const AliasRiskAssessment a = AliasRisk::assess({"terminal", nullptr, false, "admin", true});
        const json j = a;
        QCOMPARE(j["level"], json("critical"));
        QVERIFY(j["reasons"].is_array() && !j["reasons"].empty());
        QCOMPARE(j["reasons"][0].size(), std::size_t{2});
        QVERIFY(j["reasons"][0].contains("code") && j["reasons"][0].contains("message"));
        QVERIFY(j.get<AliasRiskAssessment>() == a);
        const json severe = {{"level", "severe"}, {"reasons", json::array()}};
        QVERIFY_THROWS_EXCEPTION(cowl::ValidationError, severe.get<AliasRiskAssessment>());
        for (auto l : {RiskLevel::Low, RiskLevel::Medium, RiskLevel::High, RiskLevel::Critical}) {
            QVERIFY(cowl::riskLevelFromString(cowl::toString(l)) == l);
        }
    }
};

QTEST_GUILESS_MAIN(AliasRiskTest)
#include "AliasRiskTest.moc"
