// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <optional>

#include <QMessageBox>
#include <QString>

namespace cowl::ui {

// Every modal question and warning of the console goes through here, so a GUI
// test can answer the next one without a human (setNextAnswer) and check what
// the user would have read (lastText).
class MessageBox {
public:
    static QMessageBox::StandardButton question(QWidget* parent, const QString& title, const QString& text,
                                                QMessageBox::StandardButtons buttons,
                                                QMessageBox::StandardButton defaultButton);
    static void warning(QWidget* parent, const QString& title, const QString& text);
    static void critical(QWidget* parent, const QString& title, const QString& text);

    // The next call returns this answer at once instead of showing a dialog.
    // Sticky until cleared with std::nullopt, so a test can run a whole flow.
    static void setNextAnswer(std::optional<QMessageBox::StandardButton> answer);
    static QString lastTitle();
    static QString lastText();
    static int shownCount();

private:
    static QMessageBox::StandardButton show(QWidget* parent, QMessageBox::Icon icon, const QString& title,
                                            const QString& text, QMessageBox::StandardButtons buttons,
                                            QMessageBox::StandardButton defaultButton);
};

} // namespace cowl::ui
