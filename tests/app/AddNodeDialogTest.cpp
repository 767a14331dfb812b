// SPDX-License-Identifier: GPL-3.0-or-later
#include <QDialogButtonBox>
#include <QLabel>
#include <QPushButton>
#include <QtTest>

#include "ui/Resources.h"
#include "ui/dialogs/AddNodeDialog.h"
#include "ui/dialogs/CreateProjectDialog.h"

using cowl::ui::AddNodeDialog;
using cowl::ui::CreateProjectDialog;

namespace {
const QString kFingerprint = QStringLiteral("0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef");
const QString kToken = QStringLiteral("cowl_00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff");

QPushButton* okButton(QWidget* dialog) {
    return dialog->findChild<QDialogButtonBox*>(QStringLiteral("buttons"))->button(QDialogButtonBox::Ok);
}

QString labelText(QWidget* dialog, const char* name) {
    return dialog->findChild<QLabel*>(QString::fromLatin1(name))->text();
}
} // namespace

class AddNodeDialogTest : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { cowl::ui::initResources(); }

    void validStringShowsAddressAndFingerprint() {
        AddNodeDialog dialog(false);
        QVERIFY(!okButton(&dialog)->isEnabled());
        dialog.setConnectionText(QStringLiteral("  cowl://10.0.0.5:7443/?fingerprint=%1&token=%2\n").arg(kFingerprint, kToken));
        QVERIFY(dialog.connection().has_value());
        QVERIFY(okButton(&dialog)->isEnabled());
        QCOMPARE(labelText(&dialog, "addressLabel"), QStringLiteral("10.0.0.5:7443"));
        QCOMPARE(labelText(&dialog, "fingerprintLabel"),
                 QStringLiteral("0123 4567 89ab cdef 0123 4567 89ab cdef 0123 4567 89ab cdef 0123 4567 89ab cdef"));
        QVERIFY(labelText(&dialog, "errorLabel").isEmpty());
        // The token itself is never displayed outside the pasted text.
        QVERIFY(!labelText(&dialog, "addressLabel").contains(kToken));
        QVERIFY(!labelText(&dialog, "fingerprintLabel").contains(kToken));
    }

    void ipv6AddressIsBracketed() {
        AddNodeDialog dialog(false);
        dialog.setConnectionText(QStringLiteral("cowl://[2001:db8::1]:7443/?fingerprint=%1&token=%2").arg(kFingerprint, kToken));
        QVERIFY(dialog.connection().has_value());
        QCOMPARE(labelText(&dialog, "addressLabel"), QStringLiteral("[2001:db8::1]:7443"));
    }

    void invalidStringsAreRefusedWithAReason_data() {
        QTest::addColumn<QString>("text");
        QTest::newRow("not a url") << QStringLiteral("hello");
        QTest::newRow("short fingerprint") << QStringLiteral("cowl://h:1/?fingerprint=abcd&token=%1").arg(kToken);
        QTest::newRow("no token") << QStringLiteral("cowl://h:1/?fingerprint=%1").arg(kFingerprint);
        QTest::newRow("https scheme") << QStringLiteral("https://h:1/?fingerprint=%1&token=%2").arg(kFingerprint, kToken);
    }
    void invalidStringsAreRefusedWithAReason() {
        QFETCH(QString, text);
        AddNodeDialog dialog(false);
        dialog.setConnectionText(text);
        QVERIFY(!dialog.connection().has_value());
        QVERIFY(!okButton(&dialog)->isEnabled());
        QVERIFY(labelText(&dialog, "errorLabel").contains(QStringLiteral("not a valid connection string")));
    }

    void insecureStorageIsSaid() {
        AddNodeDialog secure(false);
        QVERIFY(labelText(&secure, "storageLabel").contains(QStringLiteral("keychain")));
        AddNodeDialog insecure(true);
        QVERIFY(labelText(&insecure, "storageLabel").contains(QStringLiteral("plain file")));
    }

    void projectNamesAreCheckedAsTyped() {
        CreateProjectDialog dialog;
        QVERIFY(!okButton(&dialog)->isEnabled());
        dialog.setName(QStringLiteral("Shop"));
        QVERIFY(!okButton(&dialog)->isEnabled());
        QVERIFY(!labelText(&dialog, "errorLabel").isEmpty());
        dialog.setName(QStringLiteral("shop-2"));
        QVERIFY(okButton(&dialog)->isEnabled());
        QVERIFY(labelText(&dialog, "errorLabel").isEmpty());
    }
};

QTEST_MAIN(AddNodeDialogTest)
#include "AddNodeDialogTest.moc"
