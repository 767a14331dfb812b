// SPDX-License-Identifier: GPL-3.0-or-later
#include <QtTest>

#include <string>

#include "node/api/RecentRing.h"

using cowl::node::RecentRing;

class ApiRecentRingTest : public QObject {
    Q_OBJECT

private slots:
    void keepsTheNewestInOrder()
    {
        RecentRing<std::string> ring(3);
        ring.push("a");
        ring.push("b");
        QCOMPARE(ring.size(), std::size_t{2});
        QCOMPARE(ring.newest(0), std::string("b"));
        QCOMPARE(ring.newest(1), std::string("a"));
    }

    void overwritesTheOldestOnceFull()
    {
        RecentRing<int> ring(1000);
        for (int i = 0; i < 2500; ++i)
            ring.push(int(i));
        QCOMPARE(ring.size(), std::size_t{1000});
        QCOMPARE(ring.newest(0), 2499);
        QCOMPARE(ring.newest(1), 2498);
        QCOMPARE(ring.newest(999), 1500);
    }
};

QTEST_GUILESS_MAIN(ApiRecentRingTest)
#include "ApiRecentRingTest.moc"
