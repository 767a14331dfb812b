// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <memory>
#include <optional>

#include <QPointer>
#include <QWidget>

namespace Ui {
class ServerFactsView;
}

namespace cowl {
struct ServerFacts;
}

namespace cowl::ui {

class NodeSession;

// A node's server facts (GET /api/v1/node): host, kernel, CPU, memory, disks
// with their LUKS state, swap, storage backend and free space, versions,
// container counts. Unencrypted disks and swap are flagged in red; a fact the
// node does not report says so instead of being guessed.
class ServerFactsView : public QWidget {
    Q_OBJECT
public:
    explicit ServerFactsView(QWidget* parent = nullptr);
    ~ServerFactsView() override;

    void setSession(NodeSession* session);

    static QString bytes(std::optional<std::uint64_t> value);

private:
    void refresh();
    void showDisks(const ServerFacts& facts);

    std::unique_ptr<Ui::ServerFactsView> m_ui;
    QPointer<NodeSession> m_session;
};

} // namespace cowl::ui
