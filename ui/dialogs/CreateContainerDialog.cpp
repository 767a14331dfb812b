// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/dialogs/CreateContainerDialog.h"

#include <QFileDialog>
#include <QPushButton>

#include "shared/ValidationError.h"
#include "shared/api/Container.h"
#include "shared/api/Project.h"
#include "ui/api/ApiError.h"
#include "ui_CreateContainerDialog.h"

namespace cowl::ui {

namespace {
enum TemplateChoice { Busybox, Debian, Tarball };
} // namespace

CreateContainerDialog::CreateContainerDialog(QWidget* parent)
    : QDialog(parent), m_ui(std::make_unique<Ui::CreateContainerDialog>()) {
    m_ui->setupUi(this);
    m_ui->templateCombo->addItem(tr("BusyBox (small, starts in a second)"), QStringLiteral("busybox"));
    m_ui->templateCombo->addItem(tr("Debian (debootstrap; the node needs its mirror)"), QStringLiteral("debian"));
    m_ui->templateCombo->addItem(tr("Local rootfs tarball on the node…"), QString());
    connect(m_ui->nameEdit, &QLineEdit::textChanged, this, &CreateContainerDialog::validate);
    connect(m_ui->templateCombo, &QComboBox::currentIndexChanged, this, &CreateContainerDialog::validate);
    connect(m_ui->tarballEdit, &QLineEdit::textChanged, this, &CreateContainerDialog::validate);
    connect(m_ui->memorySpin, &QSpinBox::valueChanged, this, &CreateContainerDialog::validate);
    connect(m_ui->cpusSpin, &QDoubleSpinBox::valueChanged, this, &CreateContainerDialog::validate);
    connect(m_ui->browseButton, &QPushButton::clicked, this, &CreateContainerDialog::browseTarball);
    connect(m_ui->buttons, &QDialogButtonBox::accepted, this, [this] {
        m_ui->errorLabel->clear();
        emit submitted();
    });
    connect(m_ui->buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    validate();
}

CreateContainerDialog::~CreateContainerDialog() = default;

void CreateContainerDialog::setProjectName(const QString& name) {
    setWindowTitle(tr("New container in %1").arg(name));
}

void CreateContainerDialog::setName(const QString& name) {
    m_ui->nameEdit->setText(name);
}

void CreateContainerDialog::setTemplate(const QString& templateName) {
    const int known = m_ui->templateCombo->findData(templateName);
    if (known >= 0) {
        m_ui->templateCombo->setCurrentIndex(known);
        return;
    }
    m_ui->templateCombo->setCurrentIndex(Tarball);
    m_ui->tarballEdit->setText(templateName);
}

void CreateContainerDialog::setLimits(int memoryMb, double cpus) {
    m_ui->memorySpin->setValue(memoryMb);
    m_ui->cpusSpin->setValue(cpus);
}

void CreateContainerDialog::setAutostart(bool autostart) {
    m_ui->autostartCheck->setChecked(autostart);
}

QString CreateContainerDialog::templateName() const {
    return m_ui->templateCombo->currentIndex() == Tarball ? m_ui->tarballEdit->text().trimmed()
                                                           : m_ui->templateCombo->currentData().toString();
}

nlohmann::json CreateContainerDialog::request() const {
    return {{"name", m_ui->nameEdit->text().toStdString()},
            {"template", templateName().toStdString()},
            {"autostart", m_ui->autostartCheck->isChecked()},
            {"limits", {{"memory_mb", m_ui->memorySpin->value()}, {"cpus", m_ui->cpusSpin->value()}}}};
}

QLabel* CreateContainerDialog::errorLabelFor(const QString& field) const {
    if (field == QLatin1String("name")) {
        return m_ui->nameError;
    }
    if (field == QLatin1String("template")) {
        return m_ui->templateError;
    }
    if (field.startsWith(QLatin1String("limits"))) {
        return m_ui->limitsError;
    }
    return m_ui->errorLabel;
}

void CreateContainerDialog::clearErrors() {
    for (QLabel* label : {m_ui->nameError, m_ui->templateError, m_ui->limitsError, m_ui->errorLabel}) {
        label->clear();
        label->setVisible(false);
    }
}

void CreateContainerDialog::showError(const ApiError& error) {
    QLabel* label = errorLabelFor(error.field);
    label->setText(label == m_ui->errorLabel ? error.displayText() : error.message);
    label->setVisible(true);
    if (label == m_ui->nameError) {
        m_ui->nameEdit->setFocus();
    }
}

void CreateContainerDialog::validate() {
    clearErrors();
    const bool tarball = m_ui->templateCombo->currentIndex() == Tarball;
    m_ui->tarballEdit->setEnabled(tarball);
    m_ui->browseButton->setEnabled(tarball);
    auto check = [](QLabel* label, auto&& rule) {
        try {
            rule();
            return true;
        } catch (const ValidationError& e) {
            label->setText(QString::fromStdString(e.what()));
            label->setVisible(true);
            return false;
        }
    };
    const QString name = m_ui->nameEdit->text();
    // An empty name is not an error yet, only not done.
    const bool nameOk = !name.isEmpty() && check(m_ui->nameError, [&name] { validateResourceName(name.toStdString()); });
    const QString templateText = templateName();
    const bool templateOk = (tarball && templateText.isEmpty()) ? false
                            : check(m_ui->templateError, [&templateText] { validateTemplate(templateText.toStdString()); });
    ContainerLimits limits;
    limits.memoryMb = static_cast<std::uint32_t>(m_ui->memorySpin->value());
    limits.cpus = m_ui->cpusSpin->value();
    const bool limitsOk = check(m_ui->limitsError, [&limits] { validateLimits(limits); });
    m_ui->buttons->button(QDialogButtonBox::Ok)->setEnabled(nameOk && templateOk && limitsOk);
}

void CreateContainerDialog::browseTarball() {
    // The path is the node's, not this computer's: a file dialog helps only
    // when both are the same machine, so it only fills the field.
    const QString path = QFileDialog::getOpenFileName(this, tr("Rootfs tarball"), m_ui->tarballEdit->text(),
                                                      tr("Tarballs (*.tar *.tar.gz *.tar.xz)"));
    if (!path.isEmpty()) {
        m_ui->tarballEdit->setText(path);
    }
}

} // namespace cowl::ui
