// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <memory>
#include <vector>

#include <QDialog>

#include "shared/api/Realm.h"

namespace Ui {
class CreateProjectDialog;
}

namespace cowl::ui {

// Name and realm of a new project. The name is checked with the node's own
// rule (shared/) as it is typed; the node still has the last word, so OK
// emits submitted() and the dialog stays open until the caller closes it.
class CreateProjectDialog : public QDialog {
    Q_OBJECT
public:
    explicit CreateProjectDialog(QWidget* parent = nullptr);
    ~CreateProjectDialog() override;

    void setRealms(const std::vector<Realm>& realms, const QString& preferredRealmId);
    void setName(const QString& name);
    QString name() const;
    QString realmId() const;
    // The node refused: its message, the dialog stays open for a fix.
    void showError(const QString& message);

signals:
    void submitted();

private:
    void validate();

    std::unique_ptr<Ui::CreateProjectDialog> m_ui;
};

} // namespace cowl::ui
