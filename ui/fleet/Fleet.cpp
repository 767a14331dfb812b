// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/fleet/Fleet.h"

#include <algorithm>

#include <QPointer>

#include "ui/keychain/TokenStore.h"
#include "ui/node/NodeSession.h"

namespace cowl::ui {

Fleet::Fleet(FleetStore store, TokenStore* tokens, QObject* parent)
    : QObject(parent), m_store(std::move(store)), m_tokens(tokens) {}

Fleet::~Fleet() = default;

NodeSession* Fleet::createSession(const FleetEntry& entry) {
    auto* session = new NodeSession(entry, this);
    connect(session, &NodeSession::stateChanged, this, [this, session] { emit sessionChanged(session); });
    connect(session, &NodeSession::factsChanged, this, [this, session] { emit sessionChanged(session); });
    // The node's lockdown shows in the fleet list too.
    connect(session, &NodeSession::snapshotChanged, this, [this, session] { emit sessionChanged(session); });
    connect(session, &NodeSession::nameLearned, this, [this] { save(); });
    emit sessionAboutToBeAdded(static_cast<int>(m_sessions.size()));
    m_sessions << session;
    emit sessionAdded(session);
    return session;
}

void Fleet::restore() {
    for (const FleetEntry& entry : m_store.load()) {
        if (find(entry.endpoint.host, entry.endpoint.port)) {
            continue;
        }
        NodeSession* session = createSession(entry);
        QPointer<NodeSession> guard(session);
        m_tokens->read(entry.endpoint.fingerprint, session, [guard](const TokenResult& result) {
            if (!guard) {
                return;
            }
            if (!result.ok) {
                guard->fail(result.error);
            } else if (!result.found) {
                guard->fail(tr("No token for this node in the keychain. Remove the node and add it again "
                               "with a connection string (cowl-node token create prints one)."));
            } else {
                guard->connectWithToken(result.token);
            }
        });
    }
}

NodeSession* Fleet::find(const QString& host, quint16 port) const {
    for (NodeSession* session : m_sessions) {
        if (session->entry().endpoint.host == host && session->entry().endpoint.port == port) {
            return session;
        }
    }
    return nullptr;
}

void Fleet::add(const ConnectionString& connection, QObject* context, AddCallback callback) {
    FleetEntry entry;
    entry.endpoint.host = QString::fromStdString(connection.host);
    entry.endpoint.port = connection.port;
    entry.endpoint.fingerprint = QString::fromStdString(connection.fingerprint);
    const QString token = QString::fromStdString(connection.token);

    NodeSession* existing = find(entry.endpoint.host, entry.endpoint.port);
    if (existing && existing->entry().endpoint.fingerprint != entry.endpoint.fingerprint) {
        AddResult result;
        result.error =
            tr("The node at %1 is already in your fleet with another certificate fingerprint.\n\n"
               "Pinned: %2\nNew:    %3\n\n"
               "Cowl does not replace a pinned fingerprint on its own. If you reinstalled that node, remove "
               "it from the fleet first, then add it again with this connection string.")
                .arg(entry.endpoint.address(), formatFingerprint(existing->entry().endpoint.fingerprint),
                     formatFingerprint(entry.endpoint.fingerprint));
        callback(result);
        return;
    }

    QPointer<QObject> guard(context);
    m_tokens->write(entry.endpoint.fingerprint, token, this,
                    [this, entry, token, guard, callback = std::move(callback)](const TokenResult& stored) {
                        AddResult result;
                        if (!stored.ok) {
                            result.error = stored.error;
                        } else {
                            NodeSession* session = find(entry.endpoint.host, entry.endpoint.port);
                            if (!session) {
                                session = createSession(entry);
                                save();
                            }
                            session->connectWithToken(token);
                            result.ok = true;
                            result.insecure = stored.location == TokenLocation::InsecureFile;
                            result.session = session;
                        }
                        if (guard && callback) {
                            callback(result);
                        }
                    });
}

void Fleet::remove(NodeSession* session) {
    if (!m_sessions.contains(session)) {
        return;
    }
    emit sessionAboutToBeRemoved(static_cast<int>(m_sessions.indexOf(session)));
    m_sessions.removeOne(session);
    emit sessionRemoved();
    session->disconnectFromNode();
    const QString fingerprint = session->entry().endpoint.fingerprint;
    const bool tokenShared = std::any_of(m_sessions.cbegin(), m_sessions.cend(), [&fingerprint](const NodeSession* other) {
        return other->entry().endpoint.fingerprint == fingerprint;
    });
    if (!tokenShared) {
        m_tokens->remove(fingerprint, this, {});
    }
    save();
    session->deleteLater();
}

void Fleet::save() {
    QList<FleetEntry> entries;
    for (const NodeSession* session : m_sessions) {
        entries << session->entry();
    }
    m_store.save(entries);
}

} // namespace cowl::ui
