// SPDX-License-Identifier: GPL-3.0-or-later
#include <QtTest>

#include "shared/api/Alias.h"
#include "shared/api/ApiError.h"
#include "shared/api/Container.h"
#include "shared/api/Event.h"
#include "shared/api/FieldError.h"
#include "shared/api/ProgramTable.h"
#include "shared/api/Project.h"
#include "shared/api/ProxySettings.h"
#include "shared/api/Realm.h"
#include "shared/api/Token.h"

using nlohmann::json;
using cowl::FieldError;

class ApiCodecsTest : public QObject {
    Q_OBJECT

private:
    template <typename T>
    static void expectError(const char* text, FieldError::Kind kind, const std::string& field) {
        try {
            (void)json::parse(text).get<T>();
            QFAIL(qPrintable(QString("accepted: ") + text));
        } catch (const FieldError& e) {
            QCOMPARE(static_cast<int>(e.kind()), static_cast<int>(kind));
            QCOMPARE(e.field(), field);
        }
    }

private slots:
    void roundTrips() {
        cowl::Container c;
        c.id = "aaaaaaaaaaaaaaaaaaaaaaaa";
        c.projectId = "bbbbbbbbbbbbbbbbbbbbbbbb";
        c.realmId = "cccccccccccccccccccccccc";
        c.name = "web";
        c.templateName = "busybox";
        c.urls.push_back({"http", "https://x.example", "low"});
        c.createdAt = c.updatedAt = "2026-11-29T11:12:22Z";
        c.version = 3;
        QCOMPARE(json(c).get<cowl::Container>(), c);

        cowl::Token t{"aaaaaaaaaaaaaaaaaaaaaaaa", "laptop", std::nullopt, cowl::TokenRole::Lockdown, "t", std::nullopt};
        const json tj = t;
        QVERIFY(tj.at("realm_id").is_null());
        QCOMPARE(tj.at("role").get<std::string>(), std::string("lockdown"));
        QCOMPARE(tj.get<cowl::Token>(), t);

        cowl::ApiError e{"precondition_failed", "stale", "", 4};
        QCOMPARE(json(e).at("error").at("current_version").get<int>(), 4);
        QCOMPARE(json(e).get<cowl::ApiError>(), e);

        cowl::Alias a;
        a.id = "x";
        a.port = 8080;
        a.risk = {"high", {{"operator_program", "terminal is a shell"}}};
        QCOMPARE(json(a).get<cowl::Alias>(), a);
    }

    void strictness() {
        expectError<cowl::ProjectCreate>(R"({"name":"a","colour":"red"})", FieldError::Kind::Unknown, "colour");
        expectError<cowl::ProjectCreate>(R"({"name":5})", FieldError::Kind::Invalid, "name");
        expectError<cowl::ProjectCreate>(R"({})", FieldError::Kind::Missing, "name");
        expectError<cowl::ProjectCreate>(R"([])", FieldError::Kind::Invalid, "");
        expectError<cowl::ContainerCreate>(R"({"name":"a","template":"busybox","limits":{"memory_mb":1.5}})",
                                           FieldError::Kind::Invalid, "limits.memory_mb");
        expectError<cowl::ContainerCreate>(R"({"name":"a","template":"busybox","limits":{"disk":1}})",
                                           FieldError::Kind::Unknown, "limits.disk");
        expectError<cowl::ContainerCreate>(R"({"name":"a","template":"busybox","autostart":"yes"})",
                                           FieldError::Kind::Invalid, "autostart");
        expectError<cowl::TokenCreate>(R"({"name":"a","role":"root"})", FieldError::Kind::Invalid, "role");
        expectError<cowl::ProxySettingsPatch>(R"({"default":"maybe"})", FieldError::Kind::Invalid, "default");
        expectError<cowl::ProgramTable>(R"({"programs":{"http":"80"}})", FieldError::Kind::Invalid, "programs.http");
        expectError<cowl::AliasCreate>(R"({"container_id":"x","program":"http","port":70000})",
                                       FieldError::Kind::Invalid, "port");
        expectError<cowl::RealmCreate>(R"({"name":"a","id":"b"})", FieldError::Kind::Unknown, "id");
    }

    void semanticChecks() {
        QVERIFY_THROWS_EXCEPTION(cowl::ValidationError, cowl::validateResourceName("Shop"));
        QVERIFY_THROWS_EXCEPTION(cowl::ValidationError, cowl::validateResourceName(std::string(64, 'a')));
        cowl::validateResourceName(std::string(63, 'a'));
        QVERIFY_THROWS_EXCEPTION(cowl::ValidationError, cowl::validateRealmName("a/b"));
        cowl::validateRealmName("Acme Corp.");
        QVERIFY_THROWS_EXCEPTION(cowl::ValidationError, json::parse(R"({"programs":{"http":0}})").get<cowl::ProgramTable>());
        QVERIFY_THROWS_EXCEPTION(cowl::ValidationError, cowl::validateTemplate("../etc/passwd"));
        QVERIFY_THROWS_EXCEPTION(cowl::ValidationError, cowl::validateLimits({4, 1.0}));
        QVERIFY(cowl::roleCovers(cowl::TokenRole::Admin, cowl::TokenRole::Operator));
        QVERIFY(!cowl::roleCovers(cowl::TokenRole::Operator, cowl::TokenRole::Admin));
    }
};

QTEST_GUILESS_MAIN(ApiCodecsTest)
#include "ApiCodecsTest.moc"
