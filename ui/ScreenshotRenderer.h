// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <functional>

#include <QDir>
#include <QObject>
#include <QTimer>

namespace cowl::ui {

class MainWindow;
class NodeSession;

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
    // The create-container dialog, a container's snapshots, its schedule and
    // access, a lockdown confirmation, a locked container, the server facts.
    bool renderNodeViews(NodeSession* main);
    // Lets the event loop run until `ready` (a panel loaded) or 10 s passed.
    static void waitFor(const std::function<bool()>& ready);

    MainWindow* m_window;
    QDir m_directory;
    QTimer m_poll;
    int m_waitedMs = 0;
    int m_stablePolls = 0;
    qsizetype m_lastSessionCount = -1;
    QStringList m_written;
};

} // namespace cowl::ui
