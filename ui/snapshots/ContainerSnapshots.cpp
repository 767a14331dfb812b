// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/snapshots/ContainerSnapshots.h"

#include "ui/api/ApiClient.h"
#include "ui/node/NodeSession.h"

namespace cowl::ui {

ContainerSnapshots::ContainerSnapshots(QObject* parent) : QObject(parent) {}

ContainerSnapshots::~ContainerSnapshots() = default;

void ContainerSnapshots::setContainer(NodeSession* session, const std::string& containerId) {
    if (m_session == session && m_containerId == containerId) {
        return;
    }
    if (m_session) {
        m_session->disconnect(this);
    }
    m_session = session;
    m_containerId = containerId;
    m_snapshots.clear();
    m_schedule.reset();
    m_listError.clear();
    m_scheduleError.clear();
    if (session) {
        connect(session, &NodeSession::resourceChanged, this,
                [this](const QString& resource, const std::string& id, const nlohmann::json&) {
                    onResourceChanged(resource, id);
                });
    }
    reload();
}

QString ContainerSnapshots::path(const QString& suffix) const {
    return QStringLiteral("/api/v1/containers/%1/snapshots%2").arg(QString::fromStdString(m_containerId), suffix);
}

void ContainerSnapshots::onResourceChanged(const QString& resource, const std::string& id) {
    if (m_containerId.empty() || !m_session) {
        return;
    }
    const Container* container = m_session->snapshot().container(m_containerId);
    const bool mine = id == m_containerId || (container && id == container->projectId);
    if (mine && (resource == QLatin1String("snapshot") || resource == QLatin1String("schedule"))) {
        reload();
    }
}

void ContainerSnapshots::reload() {
    const int generation = ++m_generation;
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
    m_session->api()->get(path(), this, [this, generation, finish](const ApiResponse& response) {
        if (generation != m_generation) {
            return;
        }
        m_snapshots.clear();
        m_listError.clear();
        if (!response.ok()) {
            m_listError = response.error->displayText();
        } else {
            try {
                if (!response.body.is_array()) {
                    throw std::runtime_error("expected a list of snapshots");
                }
                for (const auto& item : response.body) {
                    m_snapshots.push_back(item.get<Snapshot>());
                }
            } catch (const std::exception& e) {
                m_listError = tr("The node's snapshot list was not understood (%1). Update cowl and cowl-node to the "
                                 "same version.")
                                  .arg(QString::fromUtf8(e.what()));
            }
        }
        finish();
    });
    m_session->api()->get(path(QStringLiteral("/schedule/effective")), this,
                          [this, generation, finish](const ApiResponse& response) {
                              if (generation != m_generation) {
                                  return;
                              }
                              m_schedule.reset();
                              m_scheduleError.clear();
                              if (!response.ok()) {
                                  m_scheduleError = response.error->displayText();
                              } else {
                                  try {
                                      m_schedule = response.body.get<EffectiveSchedule>();
                                  } catch (const std::exception& e) {
                                      m_scheduleError = tr("The node's schedule was not understood (%1).")
                                                            .arg(QString::fromUtf8(e.what()));
                                  }
                              }
                              finish();
                          });
}

ApiCallback ContainerSnapshots::thenReload(QObject* context, ApiCallback callback) {
    QPointer<QObject> guard(context);
    return [this, guard, callback = std::move(callback)](const ApiResponse& response) {
        if (guard && callback) {
            callback(response);
        }
        reload();
    };
}

void ContainerSnapshots::create(const SnapshotCreate& request, QObject* context, ApiCallback callback) {
    if (m_session && m_session->api()) {
        m_session->api()->post(path(), nlohmann::json(request), this, thenReload(context, std::move(callback)));
    }
}

void ContainerSnapshots::restore(const std::string& name, QObject* context, ApiCallback callback) {
    if (m_session && m_session->api()) {
        m_session->api()->post(path(QStringLiteral("/%1/restore").arg(QString::fromStdString(name))), std::nullopt,
                               this, thenReload(context, std::move(callback)));
    }
}

void ContainerSnapshots::remove(const std::string& name, QObject* context, ApiCallback callback) {
    if (m_session && m_session->api()) {
        m_session->api()->remove(path(QStringLiteral("/%1").arg(QString::fromStdString(name))), std::nullopt, this,
                                 thenReload(context, std::move(callback)));
    }
}

std::optional<int> ContainerSnapshots::ownScheduleVersion() const {
    if (m_schedule && m_schedule->source == "container" && m_schedule->schedule) {
        return static_cast<int>(m_schedule->schedule->version);
    }
    return std::nullopt;
}

void ContainerSnapshots::saveSchedule(const SnapshotSchedulePut& schedule, QObject* context, ApiCallback callback) {
    if (m_session && m_session->api()) {
        m_session->api()->put(path(QStringLiteral("/schedule")), nlohmann::json(schedule), ownScheduleVersion(), this,
                              thenReload(context, std::move(callback)));
    }
}

void ContainerSnapshots::removeSchedule(QObject* context, ApiCallback callback) {
    if (m_session && m_session->api()) {
        m_session->api()->remove(path(QStringLiteral("/schedule")), ownScheduleVersion(), this,
                                 thenReload(context, std::move(callback)));
    }
}

} // namespace cowl::ui
