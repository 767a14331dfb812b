// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QCoreApplication>
#include <QList>

class QWidget;

namespace cowl::ui {

class NodeSession;

// "Lock down everything" (SPEC §10): node lockdown on every connected node
// at once, after one confirmation that names them and the nodes it cannot
// reach. Failures are reported together once every node has answered.
class FleetLockdown {
    Q_DECLARE_TR_FUNCTIONS(FleetLockdown)
public:
    // Returns false when the user cancelled or no node is connected: nothing was sent.
    static bool lockDownAll(QWidget* parent, const QList<NodeSession*>& sessions);
};

} // namespace cowl::ui
