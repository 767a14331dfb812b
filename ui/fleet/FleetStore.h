// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QString>

#include "ui/api/NodeEndpoint.h"

class QSettings;

namespace cowl::ui {

// One node of the fleet as remembered between runs: where it is, the pinned
// fingerprint and the name it told us. Never a token (that is TokenStore's).
struct FleetEntry {
    NodeEndpoint endpoint;
    QString name;
};

// The fleet list in QSettings (group "fleet").
class FleetStore {
public:
    explicit FleetStore(QSettings* settings) : m_settings(settings) {}

    QList<FleetEntry> load() const;
    void save(const QList<FleetEntry>& entries);

private:
    QSettings* m_settings;
};

} // namespace cowl::ui
