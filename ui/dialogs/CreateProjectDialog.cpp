// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/dialogs/CreateProjectDialog.h"

#include <QPushButton>

#include "shared/ValidationError.h"
#include "shared/api/Project.h"
#include "ui_CreateProjectDialog.h"

namespace cowl::ui {

CreateProjectDialog::CreateProjectDialog(QWidget* parent)
    : QDialog(parent), m_ui(std::make_unique<Ui::CreateProjectDialog>()) {
    m_ui->setupUi(this);
    connect(m_ui->nameEdit, &QLineEdit::textChanged, this, &CreateProjectDialog::validate);
    connect(m_ui->buttons, &QDialogButtonBox::accepted, this, [this] {
        m_ui->errorLabel->clear();
        emit submitted();
    });
    connect(m_ui->buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    validate();
}

CreateProjectDialog::~CreateProjectDialog() = default;

void CreateProjectDialog::setRealms(const std::vector<Realm>& realms, const QString& preferredRealmId) {
    m_ui->realmCombo->clear();
    for (const Realm& realm : realms) {
        m_ui->realmCombo->addItem(QString::fromStdString(realm.name), QString::fromStdString(realm.id));
    }
    const int preferred = m_ui->realmCombo->findData(preferredRealmId);
    if (preferred >= 0) {
        m_ui->realmCombo->setCurrentIndex(preferred);
    }
    // One realm (or a realm token): nothing to choose.
    m_ui->realmCombo->setEnabled(realms.size() > 1);
}

void CreateProjectDialog::setName(const QString& name) {
    m_ui->nameEdit->setText(name);
}

QString CreateProjectDialog::name() const {
    return m_ui->nameEdit->text();
}

QString CreateProjectDialog::realmId() const {
    return m_ui->realmCombo->currentData().toString();
}

void CreateProjectDialog::showError(const QString& message) {
    m_ui->errorLabel->setText(message);
}

void CreateProjectDialog::validate() {
    const QString name = m_ui->nameEdit->text();
    QString error;
    bool valid = false;
    if (!name.isEmpty()) {
        try {
            validateResourceName(name.toStdString());
            valid = true;
        } catch (const ValidationError& e) {
            error = QString::fromStdString(e.what());
        }
    }
    m_ui->errorLabel->setText(error);
    m_ui->buttons->button(QDialogButtonBox::Ok)->setEnabled(valid);
}

} // namespace cowl::ui
