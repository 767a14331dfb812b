// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <functional>

#include <QList>
#include <QObject>

#include "shared/api/ConnectionString.h"
#include "ui/fleet/FleetStore.h"

namespace cowl::ui {

class NodeSession;
class TokenStore;

// Every node the console knows: the remembered list (FleetStore), each
// node's token (TokenStore) and its live NodeSession.
class Fleet : public QObject {
    Q_OBJECT
public:
    struct AddResult {
        bool ok = false;
        QString error;      // what went wrong and what to do
        bool insecure = false; // the token went to the plain file
        NodeSession* session = nullptr;
    };
    using AddCallback = std::function<void(const AddResult&)>;

    Fleet(FleetStore store, TokenStore* tokens, QObject* parent = nullptr);
    ~Fleet() override;

    // Opens a session for every remembered node, reading each token.
    void restore();
    // Pins the fingerprint, stores the token, connects. A known address with
    // another fingerprint is refused: a changed certificate is never taken silently.
    void add(const ConnectionString& connection, QObject* context, AddCallback callback);
    // Forgets the node and deletes its token.
    void remove(NodeSession* session);

    const QList<NodeSession*>& sessions() const { return m_sessions; }
    NodeSession* find(const QString& host, quint16 port) const;
    TokenStore* tokens() const { return m_tokens; }

signals:
    // Around every change of sessions(), for the item model.
    void sessionAboutToBeAdded(int row);
    void sessionAdded(NodeSession* session);
    void sessionAboutToBeRemoved(int row);
    void sessionRemoved();
    void sessionChanged(NodeSession* session);

private:
    NodeSession* createSession(const FleetEntry& entry);
    void save();

    FleetStore m_store;
    TokenStore* m_tokens;
    QList<NodeSession*> m_sessions;
};

} // namespace cowl::ui
