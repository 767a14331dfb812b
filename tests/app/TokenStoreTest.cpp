// SPDX-License-Identifier: GPL-3.0-or-later
#include <QSettings>
#include <QTemporaryDir>
#include <QtTest>

#include "shared/Id.h"
#include "ui/keychain/TokenStore.h"

using cowl::ui::TokenLocation;
using cowl::ui::TokenResult;
using cowl::ui::TokenStore;

// Runs against the real Secret Service of the session (tests/run.sh starts
// gnome-keyring under dbus-run-session): nothing here is faked.
class TokenStoreTest : public QObject {
    Q_OBJECT

    static TokenResult wait(const std::function<void(cowl::ui::TokenCallback)>& operation) {
        std::optional<TokenResult> result;
        operation([&result](const TokenResult& r) { result = r; });
        if (!QTest::qWaitFor([&result] { return result.has_value(); }, 20000)) {
            TokenResult timeout;
            timeout.error = QStringLiteral("timed out");
            return timeout;
        }
        return *result;
    }

    static QString randomFingerprint() {
        return QString::fromStdString(cowl::Id::generate().str() + cowl::Id::generate().str() + "0123456789abcdef");
    }

    static QString randomToken() {
        return QStringLiteral("cowl_") + QString::fromStdString(cowl::Id::generate().str() + cowl::Id::generate().str() +
                                                                "0123456789abcdef");
    }

private slots:
    void keychainRoundTrip() {
        QTemporaryDir dir;
        QSettings settings(dir.filePath(QStringLiteral("cowl.conf")), QSettings::IniFormat);
        TokenStore store(&settings, false);
        const QString fingerprint = randomFingerprint();
        const QString token = randomToken();

        const TokenResult missing = wait([&](auto cb) { store.read(fingerprint, this, cb); });
        QVERIFY2(missing.ok, qPrintable(missing.error));
        QVERIFY(!missing.found);

        const TokenResult written = wait([&](auto cb) { store.write(fingerprint, token, this, cb); });
        QVERIFY2(written.ok, qPrintable(written.error));
        QCOMPARE(written.location, TokenLocation::Keychain);

        const TokenResult read = wait([&](auto cb) { store.read(fingerprint, this, cb); });
        QVERIFY2(read.ok, qPrintable(read.error));
        QVERIFY(read.found);
        QCOMPARE(read.token, token);
        QCOMPARE(read.location, TokenLocation::Keychain);

        // The token never touches the settings file.
        settings.sync();
        QFile file(settings.fileName());
        if (file.open(QIODevice::ReadOnly)) {
            QVERIFY(!file.readAll().contains(token.toUtf8()));
        }

        const TokenResult removed = wait([&](auto cb) { store.remove(fingerprint, this, cb); });
        QVERIFY2(removed.ok, qPrintable(removed.error));
        const TokenResult gone = wait([&](auto cb) { store.read(fingerprint, this, cb); });
        QVERIFY2(gone.ok, qPrintable(gone.error));
        QVERIFY(!gone.found);
    }

    void keysAreNamespacedByFingerprint() {
        QTemporaryDir dir;
        QSettings settings(dir.filePath(QStringLiteral("cowl.conf")), QSettings::IniFormat);
        TokenStore store(&settings, false);
        const QString first = randomFingerprint();
        const QString second = randomFingerprint();
        QCOMPARE(TokenStore::keyFor(first), QStringLiteral("node/") + first);
        const QString tokenA = randomToken();
        const QString tokenB = randomToken();
        QVERIFY(wait([&](auto cb) { store.write(first, tokenA, this, cb); }).ok);
        QVERIFY(wait([&](auto cb) { store.write(second, tokenB, this, cb); }).ok);
        QCOMPARE(wait([&](auto cb) { store.read(first, this, cb); }).token, tokenA);
        QCOMPARE(wait([&](auto cb) { store.read(second, this, cb); }).token, tokenB);
        QVERIFY(wait([&](auto cb) { store.remove(first, this, cb); }).ok);
        QVERIFY(!wait([&](auto cb) { store.read(first, this, cb); }).found);
        QCOMPARE(wait([&](auto cb) { store.read(second, this, cb); }).token, tokenB);
        QVERIFY(wait([&](auto cb) { store.remove(second, this, cb); }).ok);
    }

    // Opting in to the insecure fallback does not bypass a working keychain.
    void optInStillPrefersTheKeychain() {
        QTemporaryDir dir;
        QSettings settings(dir.filePath(QStringLiteral("cowl.conf")), QSettings::IniFormat);
        TokenStore store(&settings, true);
        const QString fingerprint = randomFingerprint();
        const QString token = randomToken();
        const TokenResult written = wait([&](auto cb) { store.write(fingerprint, token, this, cb); });
        QVERIFY2(written.ok, qPrintable(written.error));
        QCOMPARE(written.location, TokenLocation::Keychain);
        settings.sync();
        QVERIFY(settings.allKeys().filter(fingerprint).isEmpty());
        QVERIFY(wait([&](auto cb) { store.remove(fingerprint, this, cb); }).ok);
    }

    // A token left in the plain file from a time without keychain is still found,
    // and moved out of the file when the keychain takes it.
    void fallbackFileIsReadAndCleanedUp() {
        QTemporaryDir dir;
        QSettings settings(dir.filePath(QStringLiteral("cowl.conf")), QSettings::IniFormat);
        const QString fingerprint = randomFingerprint();
        const QString token = randomToken();
        settings.setValue(QStringLiteral("insecure-tokens/") + fingerprint, token);
        settings.sync();

        TokenStore strict(&settings, false);
        QVERIFY(!wait([&](auto cb) { strict.read(fingerprint, this, cb); }).found);

        TokenStore optedIn(&settings, true);
        const TokenResult read = wait([&](auto cb) { optedIn.read(fingerprint, this, cb); });
        QVERIFY2(read.ok, qPrintable(read.error));
        QVERIFY(read.found);
        QCOMPARE(read.token, token);
        QCOMPARE(read.location, TokenLocation::InsecureFile);

        QVERIFY(wait([&](auto cb) { optedIn.write(fingerprint, token, this, cb); }).ok);
        QVERIFY(!settings.contains(QStringLiteral("insecure-tokens/") + fingerprint));
        QVERIFY(wait([&](auto cb) { optedIn.remove(fingerprint, this, cb); }).ok);
    }
};

QTEST_MAIN(TokenStoreTest)
#include "TokenStoreTest.moc"
