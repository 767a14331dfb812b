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

class NodeSession;
class NodeTreeModel;
struct ApiResponse;

// One node: its facts, its realms, projects and containers (live), and the
// selected object's details: a container's state and its URLs, each with a
// copy button. Creates and deletes projects.
class NodeView : public QWidget {
    Q_OBJECT
public:
    explicit NodeView(QWidget* parent = nullptr);
    ~NodeView() override;

    void setSession(NodeSession* session);
    NodeSession* session() const { return m_session; }
    NodeTreeModel* model() const { return m_model; }

    // Selects an object in the tree by id (tests and screenshots use it).
    bool select(const std::string& id);
    // The selected project (or the project of the selected container), if any.
    std::string selectedProjectId() const;
    QString selectedRealmId() const;

public slots:
    void createProject();
    void deleteProject();

private:
    void updateHeader();
    void updateDetails();
    void showUrls(const std::string& containerId);
    void clearUrls();
    void restoreSelection();

    std::unique_ptr<Ui::NodeView> m_ui;
    NodeTreeModel* m_model;
    QPointer<NodeSession> m_session;
    std::string m_selectedId;
};

} // namespace cowl::ui
