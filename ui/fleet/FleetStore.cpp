// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/fleet/FleetStore.h"

#include <QSettings>

#include "shared/api/ConnectionString.h"

namespace cowl::ui {

QList<FleetEntry> FleetStore::load() const {
    QList<FleetEntry> entries;
    const int count = m_settings->beginReadArray(QStringLiteral("fleet"));
    for (int i = 0; i < count; ++i) {
        m_settings->setArrayIndex(i);
        FleetEntry entry;
        entry.endpoint.host = m_settings->value(QStringLiteral("host")).toString();
        const int port = m_settings->value(QStringLiteral("port")).toInt();
        entry.endpoint.fingerprint = m_settings->value(QStringLiteral("fingerprint")).toString();
        entry.name = m_settings->value(QStringLiteral("name")).toString();
        // A hand-edited or damaged entry is skipped rather than connected to without a valid pin.
        if (entry.endpoint.host.isEmpty() || port <= 0 || port > 65535 ||
            !ConnectionString::isValidFingerprint(entry.endpoint.fingerprint.toStdString())) {
            continue;
        }
        entry.endpoint.port = static_cast<quint16>(port);
        entries << entry;
    }
    m_settings->endArray();
    return entries;
}

void FleetStore::save(const QList<FleetEntry>& entries) {
    m_settings->remove(QStringLiteral("fleet"));
    m_settings->beginWriteArray(QStringLiteral("fleet"), static_cast<int>(entries.size()));
    for (int i = 0; i < entries.size(); ++i) {
        m_settings->setArrayIndex(i);
        m_settings->setValue(QStringLiteral("host"), entries[i].endpoint.host);
        m_settings->setValue(QStringLiteral("port"), entries[i].endpoint.port);
        m_settings->setValue(QStringLiteral("fingerprint"), entries[i].endpoint.fingerprint);
        m_settings->setValue(QStringLiteral("name"), entries[i].name);
    }
    m_settings->endArray();
    m_settings->sync();
}

} // namespace cowl::ui
