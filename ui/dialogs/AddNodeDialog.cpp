// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/dialogs/AddNodeDialog.h"

#include <QFontDatabase>
#include <QPushButton>

#include "shared/ValidationError.h"
#include "ui/api/NodeEndpoint.h"
#include "ui_AddNodeDialog.h"

namespace cowl::ui {

AddNodeDialog::AddNodeDialog(bool insecureTokenStorage, QWidget* parent)
    : QDialog(parent), m_ui(std::make_unique<Ui::AddNodeDialog>()) {
    m_ui->setupUi(this);
    m_ui->fingerprintLabel->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_ui->storageLabel->setText(
        insecureTokenStorage
            ? tr("<b>Insecure token storage is on:</b> if the OS keychain is not available, the token is written "
                 "to a plain file that anyone with access to your account can read.")
            : tr("The token goes to your OS keychain, never to a plain file."));
    connect(m_ui->connectionEdit, &QPlainTextEdit::textChanged, this, &AddNodeDialog::validate);
    connect(m_ui->buttons, &QDialogButtonBox::accepted, this, [this] {
        m_ui->errorLabel->clear();
        emit submitted();
    });
    connect(m_ui->buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    validate();
}

AddNodeDialog::~AddNodeDialog() = default;

void AddNodeDialog::setConnectionText(const QString& text) {
    m_ui->connectionEdit->setPlainText(text);
}

void AddNodeDialog::showError(const QString& message) {
    m_ui->errorLabel->setText(message);
}

void AddNodeDialog::validate() {
    m_connection.reset();
    const QString text = m_ui->connectionEdit->toPlainText().trimmed();
    QString error;
    if (!text.isEmpty()) {
        try {
            m_connection = ConnectionString::parse(text.toStdString());
        } catch (const ValidationError& e) {
            error = tr("This is not a valid connection string: %1. Copy the whole line the node printed.")
                        .arg(QString::fromStdString(e.what()));
        }
    }
    if (m_connection) {
        NodeEndpoint endpoint{QString::fromStdString(m_connection->host), m_connection->port,
                              QString::fromStdString(m_connection->fingerprint)};
        m_ui->addressLabel->setText(endpoint.address());
        m_ui->fingerprintLabel->setText(formatFingerprint(endpoint.fingerprint));
    } else {
        m_ui->addressLabel->setText(QStringLiteral("—"));
        m_ui->fingerprintLabel->setText(QStringLiteral("—"));
    }
    m_ui->errorLabel->setText(error);
    m_ui->buttons->button(QDialogButtonBox::Ok)->setEnabled(m_connection.has_value());
}

} // namespace cowl::ui
