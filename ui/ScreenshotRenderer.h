// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDir>
#include <QObject>
#include <QTimer>

namespace cowl::ui {

class MainWindow;

// `cowl --render-screenshots DIR`: waits until the nodes have answered, then
// saves the main window and the dialogs as PNGs (QWidget::grab, works under
// QT_QPA_PLATFORM=offscreen) so anyone can see the console without a display.
class ScreenshotRenderer : public QObject {
    Q_OBJECT
public:
    ScreenshotRenderer(MainWindow* window, QDir directory, QObject* parent = nullptr);

    void start();

signals:
    // All files written (ok) or something failed (the message says what).
    void finished(bool ok, const QString& message);

private:
    void poll();
    void render();
    bool save(QWidget* widget, const QString& name);

    MainWindow* m_window;
    QDir m_directory;
    QTimer m_poll;
    int m_waitedMs = 0;
    int m_stablePolls = 0;
    qsizetype m_lastSessionCount = -1;
    QStringList m_written;
};

} // namespace cowl::ui
