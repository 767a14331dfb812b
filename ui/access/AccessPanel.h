// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <memory>
#include <string>

#include <QWidget>

namespace Ui {
class AccessPanel;
}

namespace cowl::ui {

class ContainerAccess;
class NodeSession;

// Read-only: who can reach a container. The access document in force and
// where it comes from (the container's own, the project's, or none — then
// the URL is the only secret), its groups with their type, programs and
// source networks, and the aliases pointing at the container with their risk.
class AccessPanel : public QWidget {
    Q_OBJECT
public:
    explicit AccessPanel(QWidget* parent = nullptr);
    ~AccessPanel() override;

    void setContainer(NodeSession* session, const std::string& containerId);
    ContainerAccess* access() const { return m_access; }

    static QString riskText(const QString& level);

private:
    void refresh();

    std::unique_ptr<Ui::AccessPanel> m_ui;
    ContainerAccess* m_access;
};

} // namespace cowl::ui
