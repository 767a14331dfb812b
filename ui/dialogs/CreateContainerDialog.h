// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <memory>

#include <QDialog>
#include <nlohmann/json.hpp>

namespace Ui {
class CreateContainerDialog;
}

class QLabel;

namespace cowl::ui {

struct ApiError;

// A new container: name, template (busybox, debian or a local rootfs
// tarball), memory and CPU limits, autostart. Name, template and limits are
// checked as typed with the node's own rules (shared/); the node has the last
// word, and its refusal is shown on the field it names. OK emits submitted();
// the dialog stays open until the caller closes it.
class CreateContainerDialog : public QDialog {
    Q_OBJECT
public:
    explicit CreateContainerDialog(QWidget* parent = nullptr);
    ~CreateContainerDialog() override;

    void setProjectName(const QString& name);
    void setName(const QString& name);
    // "busybox", "debian" or an absolute tarball path.
    void setTemplate(const QString& templateName);
    void setLimits(int memoryMb, double cpus);
    void setAutostart(bool autostart);

    // The POST body (docs/api.md "Containers").
    nlohmann::json request() const;
    // The node refused: its message next to the field it names, or below the form.
    void showError(const ApiError& error);

signals:
    void submitted();

private:
    QString templateName() const;
    void validate();
    void browseTarball();
    void clearErrors();
    QLabel* errorLabelFor(const QString& field) const;

    std::unique_ptr<Ui::CreateContainerDialog> m_ui;
};

} // namespace cowl::ui
