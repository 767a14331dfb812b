// SPDX-License-Identifier: GPL-3.0-or-later
#include <QtTest>

#include "ui/node/NodeSnapshot.h"

using cowl::Container;
using cowl::Project;
using cowl::Realm;
using cowl::ui::NodeSnapshot;

class NodeSnapshotTest : public QObject {
    Q_OBJECT

    static Project project(const std::string& id, const std::string& name, std::uint64_t version,
                           const std::string& realmId = "r1") {
        Project p;
        p.id = id;
        p.name = name;
        p.realmId = realmId;
        p.version = version;
        return p;
    }

private slots:
    // An event and a load answer may arrive in either order: the newer version wins.
    void olderVersionsNeverOverwrite() {
        NodeSnapshot snapshot;
        QVERIFY(snapshot.upsert(project("p1", "shop", 2)));
        QVERIFY(!snapshot.upsert(project("p1", "old-name", 1)));
        QCOMPARE(snapshot.project("p1")->name, std::string("shop"));
        QVERIFY(snapshot.upsert(project("p1", "renamed", 3)));
        QCOMPARE(snapshot.project("p1")->name, std::string("renamed"));
        QVERIFY(!snapshot.upsert(project("p1", "renamed", 3)));
    }

    void removingAProjectRemovesItsContainers() {
        NodeSnapshot snapshot;
        snapshot.upsert(project("p1", "shop", 1));
        snapshot.upsert(project("p2", "blog", 1));
        Container web;
        web.id = "c1";
        web.projectId = "p1";
        web.name = "web";
        web.version = 1;
        Container other = web;
        other.id = "c2";
        other.projectId = "p2";
        snapshot.upsert(web);
        snapshot.upsert(other);
        QVERIFY(snapshot.removeProject("p1"));
        QVERIFY(!snapshot.container("c1"));
        QVERIFY(snapshot.container("c2"));
        QVERIFY(!snapshot.removeProject("p1"));
    }

    void listsAreSortedByName() {
        NodeSnapshot snapshot;
        snapshot.upsert(project("p1", "zeta", 1));
        snapshot.upsert(project("p2", "alpha", 1));
        const auto projects = snapshot.projectsIn("r1");
        QCOMPARE(projects.size(), std::size_t(2));
        QCOMPARE(projects[0]->name, std::string("alpha"));
        QCOMPARE(projects[1]->name, std::string("zeta"));
    }

    // A realm token cannot list realms; its projects' realm still shows.
    void realmsKnownOnlyFromProjectsAreListed() {
        NodeSnapshot snapshot;
        Realm named;
        named.id = "r0";
        named.name = "acme";
        named.version = 1;
        snapshot.upsert(named);
        snapshot.upsert(project("p1", "shop", 1, "r9"));
        const auto realms = snapshot.realms();
        QCOMPARE(realms.size(), std::size_t(2));
        QCOMPARE(realms[0].name, std::string("acme"));
        QCOMPARE(realms[1].id, std::string("r9"));
    }
};

QTEST_GUILESS_MAIN(NodeSnapshotTest)
#include "NodeSnapshotTest.moc"
