// SPDX-License-Identifier: GPL-3.0-or-later
#include <set>

#include <QtTest>

#include "shared/programs/ProgramCatalogue.h"

using cowl::ProgramCatalogue;
using cowl::RiskClass;

class ProgramCatalogueTest : public QObject {
    Q_OBJECT
private slots:
    void holdsExactlyTheSpecPrograms() {
        const std::set<std::string_view> publicSet = {"http", "https", "exec", "pipe", "tunnel"};
        const std::set<std::string_view> operatorSet = {"terminal", "files", "sqlite", "display", "code",
                                                        "browser", "agent", "cron", "daemon", "curl",
                                                        "ssh", "logs", "notes", "watch", "workspaces"};
        std::set<std::string_view> seen;
        for (const auto& p : ProgramCatalogue::all()) {
            QVERIFY2(seen.insert(p.slug).second, "duplicate slug");
            if (p.risk == RiskClass::Public) {
                QVERIFY2(publicSet.contains(p.slug), std::string(p.slug).c_str());
            } else {
                QVERIFY2(operatorSet.contains(p.slug), std::string(p.slug).c_str());
            }
        }
        QCOMPARE(seen.size(), publicSet.size() + operatorSet.size());
    }

    void everyProgramIsUsable() {
        for (const auto& p : ProgramCatalogue::all()) {
            QVERIFY(!p.reason.empty());
            QVERIFY(p.defaultPort != 0);
            // Host labels split at '-': a slug must not contain one.
            QVERIFY(p.slug.find('-') == std::string_view::npos);
            QVERIFY(p.slug.find_first_not_of("abcdefghijklmnopqrstuvwxyz") == std::string_view::npos);
            QCOMPARE(ProgramCatalogue::find(p.slug), &p);
        }
    }

    // {24 hex}-{24 hex}-{slug}[-{9999 | 65535}] must stay a valid DNS label.
    void everyHostLabelFitsDns() {
        for (const auto& p : ProgramCatalogue::all()) {
            std::size_t suffix = 0;
            if (ProgramCatalogue::isPortAddressed(p.slug)) {
                suffix = std::string("-65535").size();
            } else if (p.indexed) {
                suffix = std::string("-9999").size();
            }
            const std::size_t label = 24 + 1 + 24 + 1 + p.slug.size() + suffix;
            QVERIFY2(label <= 63, std::string(p.slug).c_str());
        }
    }

    void defaultPorts_data() {
        QTest::addColumn<QString>("slug");
        QTest::addColumn<int>("port");
        QTest::addColumn<bool>("indexed");
        QTest::newRow("http") << "http" << 80 << false;
        QTest::newRow("https") << "https" << 443 << false;
        QTest::newRow("terminal") << "terminal" << 7681 << true;
        QTest::newRow("files") << "files" << 8081 << false;
        QTest::newRow("code") << "code" << 8443 << true;
        QTest::newRow("ssh") << "ssh" << 22 << false;
    }
    void defaultPorts() {
        QFETCH(QString, slug);
        QFETCH(int, port);
        QFETCH(bool, indexed);
        const auto* p = ProgramCatalogue::find(slug.toStdString());
        QVERIFY(p != nullptr);
        QCOMPARE(int(p->defaultPort), port);
        QCOMPARE(p->indexed, indexed);
    }

    void unknownSlugs() {
        QVERIFY(ProgramCatalogue::find("gopher") == nullptr);
        QVERIFY(ProgramCatalogue::find("HTTP") == nullptr);
        QVERIFY(ProgramCatalogue::find("") == nullptr);
        QVERIFY(ProgramCatalogue::find("http-8080") == nullptr);
        QVERIFY(ProgramCatalogue::isPortAddressed("http") && ProgramCatalogue::isPortAddressed("https"));
        QVERIFY(!ProgramCatalogue::isPortAddressed("terminal"));
    }
};

QTEST_GUILESS_MAIN(ProgramCatalogueTest)
#include "ProgramCatalogueTest.moc"
