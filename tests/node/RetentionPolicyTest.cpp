// SPDX-License-Identifier: GPL-3.0-or-later
#include <QtTest>

#include <chrono>

#include "node/containers/RetentionPolicy.h"
#include "node/containers/RuntimeError.h"

using namespace cowl::node;
using namespace std::chrono;

namespace {

// 2026-11-29 (a Sunday) 12:00:00 UTC.
const system_clock::time_point kNow = sys_days{year{2026} / 11 / 29} + hours(12);

SnapshotInfo at(system_clock::time_point t, std::string label = {}) {
    return SnapshotInfo{.name = "s" + std::to_string(duration_cast<seconds>(t.time_since_epoch()).count()),
                        .createdAt = t, .label = std::move(label), .expiresAt = std::nullopt, .sizeBytes = std::nullopt};
}

std::set<std::string> namesOf(const std::vector<SnapshotInfo>& snapshots) {
    std::set<std::string> names;
    for (const auto& s : snapshots) {
        names.insert(s.name);
    }
    return names;
}

std::set<std::string> kept(const RetentionPolicy& policy, const std::vector<SnapshotInfo>& snapshots,
                           bool pruneLabelled = false) {
    std::set<std::string> result = namesOf(snapshots);
    for (const auto& name : policy.toDelete(snapshots, kNow, pruneLabelled)) {
        result.erase(name);
    }
    return result;
}

} // namespace

class RetentionPolicyTest : public QObject {
    Q_OBJECT
private slots:
    void hourlyKeepsNewestOfEachOfTheLastHours() {
        // Every 20 minutes for 6 hours: 18 snapshots, three per hour.
        std::vector<SnapshotInfo> snapshots;
        for (int i = 0; i < 18; ++i) {
            snapshots.push_back(at(kNow - minutes(20 * i)));
        }
        const auto result = kept(RetentionPolicy{.hourly = 4}, snapshots);
        // 12:00, then the newest of 11:xx (11:40), 10:xx (10:40), 09:xx (09:40).
        const std::set<std::string> expected = namesOf({at(kNow), at(kNow - minutes(20)), at(kNow - minutes(80)),
                                                        at(kNow - minutes(140))});
        QCOMPARE(result, expected);
    }

    void tiersCombine() {
        // One snapshot a day at 03:00 for 100 days, newest yesterday.
        std::vector<SnapshotInfo> snapshots;
        const auto day0 = sys_days{year{2026} / 11 / 28} + hours(3);
        for (int i = 0; i < 100; ++i) {
            snapshots.push_back(at(day0 - days(i)));
        }
        const auto result = kept(RetentionPolicy{.daily = 7, .weekly = 4, .monthly = 3}, snapshots);
        std::set<std::string> expected;
        for (int i = 0; i < 7; ++i) {
            expected.insert(at(day0 - days(i)).name); // Nov 28 … Nov 22
        }
        // Weeks (Mon–Sun): Nov 23–29 → Nov 28; Nov 16–22 → Nov 22; Nov 9–15 → Nov 15; Nov 2–8 → Nov 8.
        for (int d : {28, 22, 15, 8}) {
            expected.insert(at(sys_days{year{2026} / 11 / d} + hours(3)).name);
        }
        // Months: Nov → Nov 28, Oct → Oct 31, Sep → Sep 30.
        expected.insert(at(sys_days{year{2026} / 10 / 31} + hours(3)).name);
        expected.insert(at(sys_days{year{2026} / 9 / 30} + hours(3)).name);
        QCOMPARE(result, expected);
        QCOMPARE(int(result.size()), 7 + 2 + 2);
    }

    void labelledSnapshotsSurviveUnlessAsked() {
        std::vector<SnapshotInfo> snapshots = {at(kNow), at(kNow - hours(1)), at(kNow - hours(30), "before-upgrade"),
                                               at(kNow - hours(50))};
        const RetentionPolicy policy{.hourly = 1};
        QCOMPARE(kept(policy, snapshots), (std::set<std::string>{at(kNow).name, at(kNow - hours(30)).name}));
        QCOMPARE(kept(policy, snapshots, true), std::set<std::string>{at(kNow).name});
    }

    void expiredSnapshotsGoEvenIfLabelled() {
        auto expired = at(kNow - hours(2), "keep-me");
        expired.expiresAt = kNow - seconds(1);
        auto notYet = at(kNow - hours(3));
        notYet.expiresAt = kNow + hours(1);
        const RetentionPolicy policy{.daily = 5};
        const auto deleted = policy.toDelete({at(kNow), expired, notYet}, kNow, false);
        QCOMPARE(deleted, (std::set<std::string>{expired.name, notYet.name}));
        // notYet is deleted by the policy (one per day), not by expiry: with room for it, it stays.
        const RetentionPolicy roomy{.hourly = 5};
        QCOMPARE(roomy.toDelete({at(kNow), expired, notYet}, kNow, false), std::set<std::string>{expired.name});
    }

    void exactCountWithSparseHistory() {
        // Fewer snapshots than slots: nothing is deleted.
        std::vector<SnapshotInfo> snapshots = {at(kNow - days(1)), at(kNow - days(9))};
        QCOMPARE(kept(RetentionPolicy{.hourly = 24, .daily = 7}, snapshots), namesOf(snapshots));
    }

    void intervalIsTheFinestTier() {
        QVERIFY((RetentionPolicy{.hourly = 1, .daily = 7}.interval() == seconds(hours(1))));
        QVERIFY((RetentionPolicy{.daily = 7, .monthly = 2}.interval() == seconds(days(1))));
        QVERIFY(RetentionPolicy{.weekly = 2}.interval() == seconds(weeks(1)));
        QVERIFY(RetentionPolicy{.monthly = 2}.interval() == seconds(days(30)));
    }

    void validationNamesTheField() {
        const std::pair<RetentionPolicy, std::string> cases[] = {
            {RetentionPolicy{}, "retention"},
            {RetentionPolicy{.hourly = -1, .daily = 2}, "retention.hourly"},
            {RetentionPolicy{.weekly = 1001}, "retention.weekly"},
        };
        for (const auto& [policy, field] : cases) {
            try {
                policy.validate();
                QFAIL("accepted a bad policy");
            } catch (const RuntimeError& e) {
                QVERIFY(e.kind() == RuntimeError::Kind::InvalidInput);
                QCOMPARE(QString::fromStdString(e.field()), QString::fromStdString(field));
            }
        }
        RetentionPolicy{.monthly = 12}.validate();
    }
};

QTEST_GUILESS_MAIN(RetentionPolicyTest)
#include "RetentionPolicyTest.moc"
