// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <memory>
#include <optional>

#include <QDialog>

#include "shared/api/ConnectionString.h"

namespace Ui {
class AddNodeDialog;
}

namespace cowl::ui {

// Paste a connection string; the dialog shows the address and the
// fingerprint that will be pinned, and says where the token will be kept.
class AddNodeDialog : public QDialog {
    Q_OBJECT
public:
    explicit AddNodeDialog(bool insecureTokenStorage, QWidget* parent = nullptr);
    ~AddNodeDialog() override;

    void setConnectionText(const QString& text);
    // Set once the text parses.
    const std::optional<ConnectionString>& connection() const { return m_connection; }
    // An error from adding (keychain, pin clash): shown, the dialog stays open.
    void showError(const QString& message);

signals:
    // OK with a valid string: the caller adds the node and closes the dialog.
    void submitted();

private:
    void validate();

    std::unique_ptr<Ui::AddNodeDialog> m_ui;
    std::optional<ConnectionString> m_connection;
};

} // namespace cowl::ui
