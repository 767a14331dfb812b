// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <memory>
#include <string>

#include <QPointer>
#include <QWidget>

namespace Ui {
class NodeView;
}

namespace cowl::ui {

class AccessPanel;
class NodeSession;
class NodeTreeModel;
class ServerFactsView;
class SnapshotPanel;
struct ApiResponse;

// One node: its facts, its realms, projects and containers (live), and the
// selected object's details: a container's state, actions and URLs (each
// with a copy button). Creates and deletes projects and containers; locks
// down and unlocks containers, projects and the node.
class NodeView : public QWidget {
    Q_OBJECT
public:
    explicit NodeView(QWidget* parent = nullptr);
    ~NodeView() override;

    void setSession(NodeSession* session);
    NodeSession* session() const { return m_session; }
    NodeTreeModel* model() const { return m_model; }
    SnapshotPanel* snapshotPanel() const { return m_snapshotPanel; }
    ServerFactsView* factsView() const { return m_factsView; }
    AccessPanel* accessPanel() const { return m_accessPanel; }
    // Shows a tab of the container details: 0 URLs, 1 snapshots, 2 access.
    void showDetailTab(int index);
    // Shows the server facts tab (or the projects and containers tab).
    void showFacts(bool facts);

    // Selects an object in the tree by id (tests and screenshots use it).
    bool select(const std::string& id);
    // The selected project (or the project of the selected container), if any.
    std::string selectedProjectId() const;
    QString selectedRealmId() const;

    // The selected container, if any.
    std::string selectedContainerId() const;

public slots:
    void createProject();
    void deleteProject();
    void createContainer();
    void deleteContainer();
    // start, stop, restart, force-stop (force-stop asks first).
    void containerAction(const QString& action);
    // Lock down or unlock the selected container or project (asks first).
    void toggleSelectedLockdown();
    void toggleNodeLockdown();

private:
    void updateHeader();
    void updateDetails();
    void showUrls(const std::string& containerId);
    void clearUrls();
    void updateActions();
    void showLockBadge(const std::string& id);
    void reportRefusal(const QString& title, const QString& name, const ApiResponse& response);
    void restoreSelection();

    std::unique_ptr<Ui::NodeView> m_ui;
    NodeTreeModel* m_model;
    SnapshotPanel* m_snapshotPanel;
    ServerFactsView* m_factsView;
    AccessPanel* m_accessPanel;
    QPointer<NodeSession> m_session;
    std::string m_selectedId;
};

} // namespace cowl::ui
