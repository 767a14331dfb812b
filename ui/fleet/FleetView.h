// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <memory>

#include <QWidget>

namespace Ui {
class FleetView;
}

namespace cowl::ui {

class Fleet;
class FleetModel;
class NodeSession;

// The list of nodes with their state; below it, why the selected node is
// not connected, in the words of the node or the OS.
class FleetView : public QWidget {
    Q_OBJECT
public:
    explicit FleetView(Fleet* fleet, QWidget* parent = nullptr);
    ~FleetView() override;

    NodeSession* currentSession() const;
    void setCurrentSession(NodeSession* session);
    FleetModel* model() const { return m_model; }

signals:
    void currentSessionChanged(NodeSession* session);
    void addRequested();
    void removeRequested(NodeSession* session);
    void lockdownAllRequested();

private:
    void updateDetails();

    std::unique_ptr<Ui::FleetView> m_ui;
    FleetModel* m_model;
};

} // namespace cowl::ui
