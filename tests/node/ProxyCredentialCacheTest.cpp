// SPDX-License-Identifier: GPL-3.0-or-later
#include <QtTest>

#include "node/proxy/CredentialCache.h"
#include "node/proxy/FailureThrottle.h"

using namespace cowl;
using namespace cowl::node;

class ProxyCredentialCacheTest : public QObject {
    Q_OBJECT

private slots:
    void remembersOnlyWhatWasAdded()
    {
        CredentialCache cache;
        QVERIFY(!cache.contains("fp1", "alice:pw", 100));
        cache.add("fp1", "alice:pw", 1000);
        QVERIFY(cache.contains("fp1", "alice:pw", 100));
        QVERIFY(!cache.contains("fp1", "alice:pW", 100));
        QVERIFY(!cache.contains("fp2", "alice:pw", 100)); // changed group: new fingerprint
        QVERIFY(!cache.contains("fp1a", "lice:pw", 100));  // parts do not run together
        QCOMPARE(cache.hits(), std::uint64_t{1});
    }

    void expiredEntriesNeverMatch()
    {
        CredentialCache cache;
        cache.add("fp", "jwt", 50);
        QVERIFY(cache.contains("fp", "jwt", 50));
        QVERIFY(!cache.contains("fp", "jwt", 51));
    }

    void isBounded()
    {
        CredentialCache cache(100);
        for (int i = 0; i < 1000; ++i)
            cache.add("fp", std::to_string(i), 10);
        QVERIFY(cache.size() <= 100);
        cache.clear();
        QCOMPARE(cache.size(), std::size_t{0});
    }

    void twoCachesAgreeOnKeys()
    {
        // Same process key in every worker: a credential verified by one
        // worker's evaluator hashes the same in another.
        CredentialCache a, b;
        a.add("fp", "token", 10);
        b.add("fp", "token", 10);
        QVERIFY(a.contains("fp", "token", 1) && b.contains("fp", "token", 1));
    }

    void throttleBlocksAfterLimitWithinWindow()
    {
        FailureThrottle throttle(3, std::chrono::seconds(60));
        auto t0 = FailureThrottle::Clock::now();
        auto client = *IpAddress::parse("2001:db8::7");
        auto other = *IpAddress::parse("192.0.2.1");
        QVERIFY(!throttle.blocked(client, t0));
        for (int i = 0; i < 3; ++i)
            throttle.recordFailure(client, t0);
        QVERIFY(throttle.blocked(client, t0 + std::chrono::seconds(59)));
        QVERIFY(!throttle.blocked(other, t0));
        QVERIFY(!throttle.blocked(client, t0 + std::chrono::seconds(61)));
    }
};

QTEST_GUILESS_MAIN(ProxyCredentialCacheTest)
#include "ProxyCredentialCacheTest.moc"
