// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <memory>

#include <QDialog>

#include "shared/api/Snapshot.h"

namespace Ui {
class CreateSnapshotDialog;
}

namespace cowl::ui {

// A new snapshot: an optional label (labelled snapshots survive schedule
// pruning) and an optional expiry in days. OK emits submitted(); the dialog
// stays open until the caller closes it, so the node's refusal can be read.
class CreateSnapshotDialog : public QDialog {
    Q_OBJECT
public:
    explicit CreateSnapshotDialog(QWidget* parent = nullptr);
    ~CreateSnapshotDialog() override;

    void setContainerName(const QString& name);
    void setLabel(const QString& label);
    void setExpiryDays(std::optional<int> days);
    SnapshotCreate request() const;
    void showError(const QString& message);

signals:
    void submitted();

private:
    void validate();

    std::unique_ptr<Ui::CreateSnapshotDialog> m_ui;
};

} // namespace cowl::ui
