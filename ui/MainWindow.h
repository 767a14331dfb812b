// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <memory>

#include <QMainWindow>
#include <QPointer>

#include "shared/api/ConnectionString.h"
#include "ui/dialogs/AddNodeDialog.h"

namespace Ui {
class MainWindow;
}

class QLabel;

namespace cowl::ui {

class Fleet;
class FleetView;
class NodeSession;
class NodeView;

// The console: the fleet on the left, the selected node on the right.
class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    MainWindow(Fleet* fleet, bool insecureTokenStorage, QWidget* parent = nullptr);
    ~MainWindow() override;

    Fleet* fleet() const { return m_fleet; }
    FleetView* fleetView() const { return m_fleetView; }
    NodeView* nodeView() const { return m_nodeView; }
    // The open "Add node" dialog, if any (tests drive it).
    AddNodeDialog* addNodeDialog() const { return m_addNodeDialog; }

public slots:
    // Opens the paste dialog, pre-filled with `text` when given.
    void addNode(const QString& text = {});
    // `cowl --connect`: no dialog; errors go to a message box.
    void connectTo(const ConnectionString& connection);
    void removeNode(NodeSession* session);
    // Node lockdown on every connected node, after one confirmation.
    void lockDownFleet();

private:
    void watch(NodeSession* session);
    void showSession(NodeSession* session);
    void updateStatus();

    std::unique_ptr<Ui::MainWindow> m_ui;
    Fleet* m_fleet;
    bool m_insecureTokenStorage;
    FleetView* m_fleetView;
    NodeView* m_nodeView;
    QPointer<AddNodeDialog> m_addNodeDialog;
    QLabel* m_fleetStatus = nullptr;
};

} // namespace cowl::ui
