// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/access/ContainerAccess.h"

#include "ui/api/ApiClient.h"

namespace cowl::ui {

namespace {

QString text(const nlohmann::json& j, const char* key) {
    return j.is_object() && j.contains(key) && j[key].is_string() ? QString::fromStdString(j[key].get<std::string>())
                                                                  : QString();
}

QStringList strings(const nlohmann::json& j, const char* key) {
    QStringList out;
    if (j.is_object() && j.contains(key) && j[key].is_array()) {
        for (const auto& item : j[key]) {
            if (item.is_string()) {
                out << QString::fromStdString(item.get<std::string>());
            }
        }
    }
    return out;
}

} // namespace

ContainerAccess::ContainerAccess(QObject* parent) : QObject(parent) {}

ContainerAccess::~ContainerAccess() = default;

void ContainerAccess::setContainer(NodeSession* session, const std::string& containerId) {
    if (m_session == session && m_containerId == containerId) {
        return;
    }
    if (m_session) {
        m_session->disconnect(this);
    }
    m_session = session;
    m_containerId = containerId;
    if (session) {
        connect(session, &NodeSession::resourceChanged, this, &ContainerAccess::onResourceChanged);
    }
    reload();
}

void ContainerAccess::onResourceChanged(const QString& resource, const std::string& id, const nlohmann::json& data) {
    if (m_containerId.empty() || !m_session) {
        return;
    }
    const Container* container = m_session->snapshot().container(m_containerId);
    const bool mine = id == m_containerId || (container && id == container->projectId);
    if ((resource == QLatin1String("permissions") || resource == QLatin1String("settings")) && mine) {
        reload();
    }
    // A deleted alias carries no data: it may have been ours.
    if (resource == QLatin1String("alias") &&
        (data.is_null() || (data.is_object() && data.value("container_id", std::string()) == m_containerId))) {
        reload();
    }
}

std::vector<AccessGroupRow> ContainerAccess::groupsOf(const nlohmann::json& document) {
    std::vector<AccessGroupRow> rows;
    if (!document.is_object() || !document.contains("groups") || !document["groups"].is_object()) {
        return rows;
    }
    const nlohmann::json permissions =
        document.contains("permissions") && document["permissions"].is_object() ? document["permissions"] : nlohmann::json::object();
    for (const auto& [name, group] : document["groups"].items()) {
        AccessGroupRow row;
        row.name = QString::fromStdString(name);
        row.type = text(group, "type");
        row.from = strings(group, "from");
        if (row.type == QLatin1String("ip")) {
            row.from = strings(group, "cidrs") + row.from;
        }
        if (permissions.contains(name) && permissions[name].is_object()) {
            for (const auto& [program, value] : permissions[name].items()) {
                if (value.is_boolean()) {
                    if (value.get<bool>()) {
                        row.programs << QString::fromStdString(program);
                    }
                } else {
                    row.programs << QStringLiteral("%1: %2").arg(QString::fromStdString(program),
                                                                 QString::fromStdString(value.is_string() ? value.get<std::string>()
                                                                                                          : value.dump()));
                }
            }
        }
        rows.push_back(std::move(row));
    }
    return rows;
}

std::vector<AliasRow> ContainerAccess::aliasesOf(const nlohmann::json& list, const std::string& containerId) {
    std::vector<AliasRow> rows;
    if (!list.is_array()) {
        throw std::runtime_error("expected a list of aliases");
    }
    for (const auto& alias : list) {
        if (!alias.is_object() || alias.value("container_id", std::string()) != containerId) {
            continue;
        }
        AliasRow row;
        row.alias = text(alias, "alias");
        row.program = text(alias, "program");
        row.url = text(alias, "url");
        row.enabled = alias.value("enabled", true);
        row.expiresAt = text(alias, "expires_at");
        if (alias.contains("risk") && alias["risk"].is_object()) {
            row.level = text(alias["risk"], "level");
            if (alias["risk"].contains("reasons") && alias["risk"]["reasons"].is_array()) {
                for (const auto& reason : alias["risk"]["reasons"]) {
                    row.reasons << text(reason, "message");
                }
            }
        }
        rows.push_back(std::move(row));
    }
    return rows;
}

void ContainerAccess::reload() {
    const int generation = ++m_generation;
    m_source.clear();
    m_default.clear();
    m_groups.clear();
    m_aliases.clear();
    m_accessError.clear();
    m_aliasError.clear();
    if (!m_session || !m_session->api() || m_containerId.empty()) {
        m_pending = 0;
        emit changed();
        return;
    }
    m_pending = 2;
    auto finish = [this, generation] {
        if (generation == m_generation && --m_pending == 0) {
            emit changed();
        }
    };
    const QString id = QString::fromStdString(m_containerId);
    m_session->api()->get(QStringLiteral("/api/v1/containers/%1/proxy/permissions/effective").arg(id), this,
                          [this, generation, finish](const ApiResponse& response) {
                              if (generation != m_generation) {
                                  return;
                              }
                              if (!response.ok()) {
                                  m_accessError = response.error->displayText();
                              } else {
                                  m_source = text(response.body, "source");
                                  const nlohmann::json document =
                                      response.body.is_object() ? response.body.value("document", nlohmann::json())
                                                                : nlohmann::json();
                                  m_default = text(document, "default");
                                  if (document.is_object() && m_default.isEmpty()) {
                                      m_default = QStringLiteral("deny"); // SPEC §3: deny when omitted
                                  }
                                  m_groups = groupsOf(document);
                              }
                              finish();
                          });
    m_session->api()->get(QStringLiteral("/api/v1/aliases"), this, [this, generation, finish](const ApiResponse& response) {
        if (generation != m_generation) {
            return;
        }
        if (!response.ok()) {
            m_aliasError = response.error->displayText();
        } else {
            try {
                m_aliases = aliasesOf(response.body, m_containerId);
            } catch (const std::exception& e) {
                m_aliasError = tr("The node's alias list was not understood (%1).").arg(QString::fromUtf8(e.what()));
            }
        }
        finish();
    });
}

} // namespace cowl::ui
