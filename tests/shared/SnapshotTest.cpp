// SPDX-License-Identifier: GPL-3.0-or-later
#include <QtTest>

#include "shared/api/FieldError.h"
#include "shared/api/Snapshot.h"

using cowl::FieldError;
using cowl::Snapshot;
using cowl::SnapshotCreate;
using nlohmann::json;

namespace {

// The field a strict read refuses, "" when it reads.
std::string refusedField(const json& j) {
    try {
        j.get<SnapshotCreate>();
    } catch (const FieldError& e) {
        return e.field().empty() ? std::string("(body)") : e.field();
    }
    return {};
}

} // namespace

// docs/api.md "Snapshots": what the node writes, the console reads back the
// same; the create request the console sends, the node reads strictly.
class SnapshotTest : public QObject {
    Q_OBJECT

private slots:
    void nullsStayUnset() {
        const auto s = json::parse(R"({"name": "snap-20261129-141000", "label": null,
            "created_at": "2026-11-29T14:10:00Z", "expires_at": null, "size_bytes": null})")
                           .get<Snapshot>();
        QCOMPARE(s.name, std::string("snap-20261129-141000"));
        QVERIFY(!s.label && !s.expiresAt && !s.sizeBytes);
        const auto labelled = json::parse(R"({"name": "snap-1", "label": "before upgrade",
            "created_at": "x", "expires_at": "2026-12-06T14:10:00Z", "size_bytes": 1048576})")
                                  .get<Snapshot>();
        QCOMPARE(labelled.label, std::optional<std::string>("before upgrade"));
        QCOMPARE(labelled.sizeBytes, std::optional<std::uint64_t>(1048576));
    }

    void fieldsANewerNodeAddsAreIgnored() {
        const auto s = json::parse(R"({"name": "snap-1", "created_at": "x", "checksum": "ab", "size_bytes": "big"})")
                           .get<Snapshot>();
        QCOMPARE(s.name, std::string("snap-1"));
        QVERIFY(!s.sizeBytes);
        QVERIFY_THROWS_EXCEPTION(json::exception, json::parse(R"({"label": "no name"})").get<Snapshot>());
    }

    void writesEveryFieldNullWhenUnset() {
        Snapshot s{"snap-20261129-141000", std::nullopt, "2026-11-29T14:10:00Z", std::nullopt, std::nullopt};
        QCOMPARE(json(s), json::parse(R"({"name": "snap-20261129-141000", "label": null,
            "created_at": "2026-11-29T14:10:00Z", "expires_at": null, "size_bytes": null})"));
        s.label = "before upgrade";
        s.expiresAt = "2026-12-06T14:10:00Z";
        s.sizeBytes = 1048576;
        QCOMPARE(json(s).at("size_bytes").get<std::uint64_t>(), std::uint64_t{1048576});
        QCOMPARE(json(s).get<Snapshot>(), s);
    }

    void createSendsOnlyWhatWasGiven() {
        QCOMPARE(json(SnapshotCreate{}), json::object());
        SnapshotCreate full;
        full.label = "x";
        full.expiresInDays = 7;
        QCOMPARE(json(full), json::parse(R"({"label": "x", "expires_in_days": 7})"));
        const auto back = json(full).get<SnapshotCreate>();
        QCOMPARE(back.label, full.label);
        QCOMPARE(back.expiresInDays, full.expiresInDays);
    }

    void createIsReadStrictly() {
        const auto nulls = json::parse(R"({"label": null, "expires_in_days": null})").get<SnapshotCreate>();
        QVERIFY(!nulls.label && !nulls.expiresInDays);
        QCOMPARE(refusedField(json::object()), std::string());
        QCOMPARE(refusedField(json::parse(R"({"tag": "x"})")), std::string("tag"));
        QCOMPARE(refusedField(json::parse(R"({"label": 5})")), std::string("label"));
        QCOMPARE(refusedField(json::parse(R"({"expires_in_days": 1.5})")), std::string("expires_in_days"));
        QCOMPARE(refusedField(json::parse(R"({"expires_in_days": "7"})")), std::string("expires_in_days"));
        QCOMPARE(refusedField(json::array()), std::string("(body)"));
    }
};

QTEST_GUILESS_MAIN(SnapshotTest)
#include "SnapshotTest.moc"
