// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <string>
#include <vector>

#include <QObject>
#include <QPointer>
#include <QString>
#include <QStringList>
#include <nlohmann/json.hpp>

#include "ui/node/NodeSession.h"

namespace cowl::ui {

// One group of the access document in force, as the console shows it.
struct AccessGroupRow {
    QString name;
    QString type; // password, token, jwt, ip
    QStringList programs; // "http", "terminal: [1,2]" (programs it may reach)
    QStringList from; // CIDRs the request must come from as well
};

// One alias that points at the container, with its risk (SPEC §5).
struct AliasRow {
    QString alias;
    QString program;
    QString url;
    QString level; // low, medium, high, critical
    QStringList reasons;
    bool enabled = true;
    QString expiresAt;
};

// What decides who reaches one container: the access document in force
// (GET …/proxy/permissions/effective: the container's own, its project's,
// or none) and the aliases that point at it with their risk. Read-only,
// reloaded when the node's events say a document, setting or alias changed.
class ContainerAccess : public QObject {
    Q_OBJECT
public:
    explicit ContainerAccess(QObject* parent = nullptr);
    ~ContainerAccess() override;

    void setContainer(NodeSession* session, const std::string& containerId);
    const std::string& containerId() const { return m_containerId; }

    // container, project, none; empty until loaded.
    const QString& source() const { return m_source; }
    // allow or deny; empty when no document is in force.
    const QString& defaultDecision() const { return m_default; }
    const std::vector<AccessGroupRow>& groups() const { return m_groups; }
    const std::vector<AliasRow>& aliases() const { return m_aliases; }
    const QString& accessError() const { return m_accessError; }
    const QString& aliasError() const { return m_aliasError; }
    bool loading() const { return m_pending > 0; }

    void reload();

    // Parsers for the node's answers (public for tests).
    static std::vector<AccessGroupRow> groupsOf(const nlohmann::json& document);
    static std::vector<AliasRow> aliasesOf(const nlohmann::json& list, const std::string& containerId);

signals:
    void changed();

private:
    void onResourceChanged(const QString& resource, const std::string& id, const nlohmann::json& data);

    QPointer<NodeSession> m_session;
    std::string m_containerId;
    QString m_source;
    QString m_default;
    std::vector<AccessGroupRow> m_groups;
    std::vector<AliasRow> m_aliases;
    QString m_accessError;
    QString m_aliasError;
    int m_generation = 0;
    int m_pending = 0;
};

} // namespace cowl::ui
