// SPDX-License-Identifier: GPL-3.0-or-later
#include <set>

#include <QtTest>

#include "shared/Id.h"

using cowl::Id;

class IdTest : public QObject {
    Q_OBJECT
private slots:
    void generatedIdsAreValidAndDistinct() {
        std::set<std::string> seen;
        for (int i = 0; i < 10000; ++i) {
            const Id id = Id::generate();
            QCOMPARE(id.str().size(), Id::kHexLength);
            QVERIFY(Id::isValid(id.str()));
            QVERIFY(seen.insert(id.str()).second);
        }
    }

    void parseAcceptsOnlyTheCanonicalForm_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("valid");
        QTest::newRow("canonical") << "0123456789abcdef01234567" << true;
        QTest::newRow("uppercase") << "0123456789ABCDEF01234567" << false;
        QTest::newRow("short") << "0123456789abcdef0123456" << false;
        QTest::newRow("long") << "0123456789abcdef012345678" << false;
        QTest::newRow("non-hex") << "0123456789abcdef0123456g" << false;
        QTest::newRow("empty") << "" << false;
        QTest::newRow("spaces") << " 123456789abcdef01234567" << false;
    }
    void parseAcceptsOnlyTheCanonicalForm() {
        QFETCH(QString, text);
        QFETCH(bool, valid);
        const std::string s = text.toStdString();
        QCOMPARE(Id::parse(s).has_value(), valid);
        if (valid) {
            QCOMPARE(Id::parse(s)->str(), s);
        }
    }
};

QTEST_GUILESS_MAIN(IdTest)
#include "IdTest.moc"
