// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/fleet/FleetLockdown.h"

#include <memory>

#include <QPointer>
#include <QStringList>
#include <QWidget>

#include "ui/api/ApiResponse.h"
#include "ui/dialogs/MessageBox.h"
#include "ui/node/NodeSession.h"

namespace cowl::ui {

bool FleetLockdown::lockDownAll(QWidget* parent, const QList<NodeSession*>& sessions) {
    QList<NodeSession*> reachable;
    QStringList reachableNames;
    QStringList unreachableNames;
    for (NodeSession* session : sessions) {
        if (session->state() == NodeState::Connected) {
            reachable << session;
            reachableNames << session->displayName();
        } else {
            unreachableNames << session->displayName();
        }
    }
    if (reachable.isEmpty()) {
        MessageBox::warning(parent, tr("Nothing locked down"),
                            tr("No node is connected, so none can be locked down from here. On a node you can "
                               "reach by SSH, run: cowl-node lockdown --all"));
        return false;
    }
    QString text = tr("Lock down every connected node: %1?\n\nEvery URL of every container on them (aliases too) "
                      "answers 503 at once and open connections are cut. The containers keep running. Unlock each "
                      "node on its own when the danger is over.")
                       .arg(reachableNames.join(QStringLiteral(", ")));
    if (!unreachableNames.isEmpty()) {
        text += QStringLiteral("\n\n") +
                tr("Not connected, so not locked down: %1. Lock them down on the host with: cowl-node lockdown --all")
                    .arg(unreachableNames.join(QStringLiteral(", ")));
    }
    const auto answer = MessageBox::question(parent, tr("Lock down everything"), text,
                                             QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Yes);
    if (answer != QMessageBox::Yes) {
        return false;
    }
    struct Progress {
        int pending = 0;
        QStringList failures;
    };
    auto progress = std::make_shared<Progress>();
    progress->pending = static_cast<int>(reachable.size());
    QPointer<QWidget> guard(parent);
    for (NodeSession* session : reachable) {
        const QString name = session->displayName();
        session->setProxyEnabled(NodeSnapshot::kNodeOwner, false, session,
                                 [progress, guard, name](const ApiResponse& response) {
                                     if (!response.ok()) {
                                         progress->failures << tr("%1: %2").arg(name, response.error->displayText());
                                     }
                                     if (--progress->pending == 0 && !progress->failures.isEmpty() && guard) {
                                         MessageBox::critical(guard, tr("Not every node is locked down"),
                                                              tr("These nodes refused:\n%1")
                                                                  .arg(progress->failures.join(QLatin1Char('\n'))));
                                     }
                                 });
    }
    return true;
}

} // namespace cowl::ui
