// SPDX-License-Identifier: GPL-3.0-or-later
#include <QtTest>

#include "shared/api/FieldError.h"
#include "shared/api/SnapshotSchedule.h"

using cowl::EffectiveSchedule;
using cowl::FieldError;
using cowl::SnapshotRetention;
using cowl::SnapshotSchedule;
using cowl::SnapshotSchedulePut;
using nlohmann::json;

namespace {

std::string refusedField(const json& j) {
    try {
        j.get<SnapshotSchedulePut>();
    } catch (const FieldError& e) {
        return e.field().empty() ? std::string("(body)") : e.field();
    }
    return {};
}

} // namespace

// docs/api.md "Snapshot schedules": the PUT body (console → node, read
// strictly), the schedule and the effective schedule (node → console, read
// leniently).
class SnapshotScheduleTest : public QObject {
    Q_OBJECT

private slots:
    void putCarriesNoVersion() {
        const auto effective = json::parse(R"({"source": "project", "schedule": {"enabled": true,
            "retention": {"hourly": 24, "daily": 7, "weekly": 4, "monthly": 6}, "prune_labelled": false, "version": 3},
            "last_run": null, "next_run": "2026-11-29T15:00:00Z"})")
                                   .get<EffectiveSchedule>();
        QCOMPARE(effective.source, std::string("project"));
        QVERIFY(effective.schedule);
        QCOMPARE(effective.schedule->version, std::uint64_t{3});
        QCOMPARE(effective.schedule->retention.weekly, 4);
        QVERIFY(!effective.lastRun);
        const SnapshotSchedulePut edited = *effective.schedule;
        const json body = edited;
        QVERIFY(!body.contains("version"));
        QCOMPARE(body.at("retention").at("monthly").get<int>(), 6);
        const auto none = json::parse(R"({"source": "none", "schedule": null})").get<EffectiveSchedule>();
        QVERIFY(!none.schedule);
    }

    void nodeWritesWhatTheConsoleReads() {
        SnapshotSchedule schedule;
        schedule.enabled = false;
        schedule.retention = SnapshotRetention{0, 3, 0, 1};
        schedule.pruneLabelled = true;
        schedule.version = 2;
        QCOMPARE(json(schedule), json::parse(R"({"enabled": false, "retention": {"hourly": 0, "daily": 3,
            "weekly": 0, "monthly": 1}, "prune_labelled": true, "version": 2})"));
        QCOMPARE(json(schedule).get<SnapshotSchedule>(), schedule);

        EffectiveSchedule effective;
        QCOMPARE(json(effective),
                 json::parse(R"({"source": "none", "schedule": null, "last_run": null, "next_run": null})"));
        effective.source = "container";
        effective.schedule = schedule;
        effective.nextRun = "2026-11-29T15:00:00Z";
        const auto back = json(effective).get<EffectiveSchedule>();
        QCOMPARE(back.source, std::string("container"));
        QCOMPARE(back.schedule, effective.schedule);
        QVERIFY(!back.lastRun);
        QCOMPARE(back.nextRun, effective.nextRun);
    }

    void scheduleReadLeniently() {
        const auto s = json::parse(R"({"retention": {"daily": 2, "weekly": "x", "yearly": 1}, "colour": "red"})")
                           .get<SnapshotSchedule>();
        QVERIFY(s.enabled);
        QCOMPARE(s.retention, (SnapshotRetention{0, 2, 0, 0}));
        QVERIFY(!s.pruneLabelled);
        QCOMPARE(s.version, std::uint64_t{0});
    }

    void putFillsDefaults() {
        const auto put = json::parse(R"({"retention": {"daily": 3}, "version": 9})").get<SnapshotSchedulePut>();
        QCOMPARE(put, (SnapshotSchedulePut{true, SnapshotRetention{0, 3, 0, 0}, false}));
        QCOMPARE(json(put), json::parse(R"({"enabled": true, "retention": {"hourly": 0, "daily": 3, "weekly": 0,
            "monthly": 0}, "prune_labelled": false})"));
    }

    void putIsReadStrictly() {
        QCOMPARE(refusedField(json::parse(R"({"retention": {"hourly": 1}})")), std::string());
        QCOMPARE(refusedField(json::object()), std::string("retention"));
        QCOMPARE(refusedField(json::parse(R"({"retention": 5})")), std::string("retention"));
        QCOMPARE(refusedField(json::parse(R"({"retention": {"yearly": 1}})")), std::string("retention.yearly"));
        QCOMPARE(refusedField(json::parse(R"({"retention": {"hourly": 1.5}})")), std::string("retention.hourly"));
        QCOMPARE(refusedField(json::parse(R"({"enabled": "yes", "retention": {"hourly": 1}})")),
                 std::string("enabled"));
        QCOMPARE(refusedField(json::parse(R"({"retention": {"hourly": 1}, "colour": "red"})")),
                 std::string("colour"));
    }
};

QTEST_GUILESS_MAIN(SnapshotScheduleTest)
#include "SnapshotScheduleTest.moc"
