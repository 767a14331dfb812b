// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/dialogs/MessageBox.h"

namespace cowl::ui {

namespace {
std::optional<QMessageBox::StandardButton> g_nextAnswer;
QString g_lastTitle;
QString g_lastText;
int g_shownCount = 0;
} // namespace

QMessageBox::StandardButton MessageBox::question(QWidget* parent, const QString& title, const QString& text,
                                                 QMessageBox::StandardButtons buttons,
                                                 QMessageBox::StandardButton defaultButton) {
    return show(parent, QMessageBox::Question, title, text, buttons, defaultButton);
}

void MessageBox::warning(QWidget* parent, const QString& title, const QString& text) {
    show(parent, QMessageBox::Warning, title, text, QMessageBox::Ok, QMessageBox::Ok);
}

void MessageBox::critical(QWidget* parent, const QString& title, const QString& text) {
    show(parent, QMessageBox::Critical, title, text, QMessageBox::Ok, QMessageBox::Ok);
}

void MessageBox::setNextAnswer(std::optional<QMessageBox::StandardButton> answer) {
    g_nextAnswer = answer;
}

QString MessageBox::lastTitle() {
    return g_lastTitle;
}

QString MessageBox::lastText() {
    return g_lastText;
}

int MessageBox::shownCount() {
    return g_shownCount;
}

QMessageBox::StandardButton MessageBox::show(QWidget* parent, QMessageBox::Icon icon, const QString& title,
                                             const QString& text, QMessageBox::StandardButtons buttons,
                                             QMessageBox::StandardButton defaultButton) {
    g_lastTitle = title;
    g_lastText = text;
    ++g_shownCount;
    if (g_nextAnswer) {
        return *g_nextAnswer;
    }
    QMessageBox box(icon, title, text, buttons, parent);
    box.setDefaultButton(defaultButton);
    return static_cast<QMessageBox::StandardButton>(box.exec());
}

} // namespace cowl::ui
