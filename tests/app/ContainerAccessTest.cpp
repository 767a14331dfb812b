// SPDX-License-Identifier: GPL-3.0-or-later
#include <QtTest>

#include "ui/access/ContainerAccess.h"
#include "ui/snapshots/Snapshot.h"

using namespace cowl::ui;

// The console's reading of snapshots, schedules and the access document in
// force, as docs/api.md shows them; and what it sends.
class SnapshotCodecTest : public QObject {
    Q_OBJECT

private slots:
    void snapshotNullsStayUnset() {
        const auto s = nlohmann::json::parse(R"({"name": "snap-20261129-141000", "label": null,
            "created_at": "2026-11-29T14:10:00Z", "expires_at": null, "size_bytes": null})")
                           .get<Snapshot>();
        QCOMPARE(s.name, std::string("snap-20261129-141000"));
        QVERIFY(!s.label && !s.expiresAt && !s.sizeBytes);
        const auto labelled = nlohmann::json::parse(R"({"name": "snap-1", "label": "before upgrade",
            "created_at": "x", "expires_at": "2026-12-06T14:10:00Z", "size_bytes": 1048576})")
                                  .get<Snapshot>();
        QCOMPARE(labelled.label, std::optional<std::string>("before upgrade"));
        QCOMPARE(labelled.sizeBytes, std::optional<std::uint64_t>(1048576));
    }

    void createSendsOnlyWhatWasGiven() {
        QCOMPARE(nlohmann::json(SnapshotCreate{}), nlohmann::json::object());
        SnapshotCreate full;
        full.label = "x";
        full.expiresInDays = 7;
        QCOMPARE(nlohmann::json(full), nlohmann::json::parse(R"({"label": "x", "expires_in_days": 7})"));
    }

    void schedulePutCarriesNoVersion() {
        const auto effective = nlohmann::json::parse(R"({"source": "project", "schedule": {"enabled": true,
            "retention": {"hourly": 24, "daily": 7, "weekly": 4, "monthly": 6}, "prune_labelled": false, "version": 3},
            "last_run": null, "next_run": "2026-11-29T15:00:00Z"})")
                                   .get<EffectiveSchedule>();
        QCOMPARE(effective.source, std::string("project"));
        QVERIFY(effective.schedule);
        QCOMPARE(effective.schedule->version, std::uint64_t{3});
        QCOMPARE(effective.schedule->retention.weekly, 4);
        QVERIFY(!effective.lastRun);
        const nlohmann::json body = *effective.schedule;
        QVERIFY(!body.contains("version"));
        QCOMPARE(body.at("retention").at("monthly").get<int>(), 6);
        const auto none = nlohmann::json::parse(R"({"source": "none", "schedule": null})").get<EffectiveSchedule>();
        QVERIFY(!none.schedule);
    }

    void groupsOfTheDocumentInForce() {
        const auto groups = ContainerAccess::groupsOf(nlohmann::json::parse(R"({
            "groups": {"ops": {"type": "password", "username": "ops", "password_set": true, "from": ["2001:db8::/32"]},
                       "lan": {"type": "ip", "cidrs": ["10.0.0.0/8"]},
                       "ci": {"type": "token", "value_set": true}},
            "permissions": {"ops": {"*": true}, "lan": {"http": [8080, 8081], "terminal": false}, "ci": {"http": "8000-8100"}},
            "default": "deny"})"));
        QCOMPARE(groups.size(), std::size_t{3});
        QCOMPARE(groups[0].name, QStringLiteral("ci"));
        QCOMPARE(groups[0].programs, QStringList{QStringLiteral("http: 8000-8100")});
        QCOMPARE(groups[1].name, QStringLiteral("lan"));
        QCOMPARE(groups[1].programs, QStringList{QStringLiteral("http: [8080,8081]")}); // false: no access, not listed
        QCOMPARE(groups[1].from, QStringList{QStringLiteral("10.0.0.0/8")});
        QCOMPARE(groups[2].programs, QStringList{QStringLiteral("*")});
        QVERIFY(ContainerAccess::groupsOf(nullptr).empty());
    }
};

QTEST_GUILESS_MAIN(SnapshotCodecTest)
#include "SnapshotCodecTest.moc"
