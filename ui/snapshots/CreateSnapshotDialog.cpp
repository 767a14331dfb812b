// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/snapshots/CreateSnapshotDialog.h"

#include <algorithm>

#include <QPushButton>

#include "ui_CreateSnapshotDialog.h"

namespace cowl::ui {

CreateSnapshotDialog::CreateSnapshotDialog(QWidget* parent)
    : QDialog(parent), m_ui(std::make_unique<Ui::CreateSnapshotDialog>()) {
    m_ui->setupUi(this);
    connect(m_ui->labelEdit, &QLineEdit::textChanged, this, &CreateSnapshotDialog::validate);
    connect(m_ui->expiryCheck, &QCheckBox::toggled, this, &CreateSnapshotDialog::validate);
    connect(m_ui->buttons, &QDialogButtonBox::accepted, this, [this] {
        m_ui->errorLabel->clear();
        emit submitted();
    });
    connect(m_ui->buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    validate();
}

CreateSnapshotDialog::~CreateSnapshotDialog() = default;

void CreateSnapshotDialog::setContainerName(const QString& name) {
    setWindowTitle(tr("Snapshot of %1").arg(name));
}

void CreateSnapshotDialog::setLabel(const QString& label) {
    m_ui->labelEdit->setText(label);
}

void CreateSnapshotDialog::setExpiryDays(std::optional<int> days) {
    m_ui->expiryCheck->setChecked(days.has_value());
    if (days) {
        m_ui->expirySpin->setValue(*days);
    }
}

SnapshotCreate CreateSnapshotDialog::request() const {
    SnapshotCreate request;
    const QString label = m_ui->labelEdit->text().trimmed();
    if (!label.isEmpty()) {
        request.label = label.toStdString();
    }
    if (m_ui->expiryCheck->isChecked()) {
        request.expiresInDays = m_ui->expirySpin->value();
    }
    return request;
}

void CreateSnapshotDialog::showError(const QString& message) {
    m_ui->errorLabel->setText(message);
}

void CreateSnapshotDialog::validate() {
    m_ui->expirySpin->setEnabled(m_ui->expiryCheck->isChecked());
    const QString label = m_ui->labelEdit->text();
    // The node takes up to 64 printable characters.
    const bool printable = std::all_of(label.cbegin(), label.cend(), [](QChar c) { return c.isPrint(); });
    m_ui->errorLabel->setText(printable ? QString() : tr("The label may hold printable characters only."));
    m_ui->buttons->button(QDialogButtonBox::Ok)->setEnabled(printable);
}

} // namespace cowl::ui
