// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/node/LockdownPrompt.h"

#include <QPointer>
#include <QWidget>

#include "ui/api/ApiResponse.h"
#include "ui/dialogs/MessageBox.h"
#include "ui/node/NodeSession.h"

namespace cowl::ui {

namespace {

enum class Owner { Node, Project, Container };

Owner ownerKind(const NodeSession* session, const std::string& ownerId) {
    if (ownerId == NodeSnapshot::kNodeOwner) {
        return Owner::Node;
    }
    return session->snapshot().project(ownerId) ? Owner::Project : Owner::Container;
}

QString ownerName(const NodeSession* session, const std::string& ownerId) {
    const NodeSnapshot& snapshot = session->snapshot();
    if (const Project* project = snapshot.project(ownerId)) {
        return QString::fromStdString(project->name);
    }
    if (const Container* container = snapshot.container(ownerId)) {
        return QString::fromStdString(container->name);
    }
    return session->displayName();
}

} // namespace

QString LockdownPrompt::buttonText(const NodeSession* session, const std::string& ownerId) {
    const bool locked = session && session->snapshot().lockedDown(ownerId);
    switch (session ? ownerKind(session, ownerId) : Owner::Container) {
    case Owner::Node:
        return locked ? tr("Unlock node…") : tr("Lock down node…");
    case Owner::Project:
        return locked ? tr("Unlock project…") : tr("Lock down project…");
    case Owner::Container:
        return locked ? tr("Unlock container…") : tr("Lock down container…");
    }
    return {};
}

LockdownPrompt::Question LockdownPrompt::question(const NodeSession* session, const std::string& ownerId) {
    const bool lock = !session->snapshot().lockedDown(ownerId);
    const QString name = ownerName(session, ownerId);
    const QString node = session->displayName();
    QString title;
    QString text;
    switch (ownerKind(session, ownerId)) {
    case Owner::Node:
        title = lock ? tr("Lock down node") : tr("Unlock node");
        text = lock ? tr("Lock down the node %1?\n\nEvery URL of every container on it (aliases too) answers 503 at "
                         "once and open connections are cut. The containers keep running. Unlock the node here when "
                         "the danger is over.")
                          .arg(node)
                    : tr("Unlock the node %1?\n\nIts containers' URLs answer again, each with its own access rules "
                         "(projects and containers that are locked down themselves stay locked).")
                          .arg(node);
        break;
    case Owner::Project:
        title = lock ? tr("Lock down project") : tr("Unlock project");
        text = lock ? tr("Lock down the project “%1” on %2?\n\nEvery URL of its containers (aliases too) answers 503 "
                         "at once and open connections are cut. The containers keep running.")
                          .arg(name, node)
                    : tr("Unlock the project “%1” on %2?\n\nIts containers' URLs answer again, each with its own "
                         "access rules.")
                          .arg(name, node);
        break;
    case Owner::Container:
        title = lock ? tr("Lock down container") : tr("Unlock container");
        text = lock ? tr("Lock down the container “%1” on %2?\n\nEvery URL of it (aliases too) answers 503 at once "
                         "and open connections are cut. The container keeps running.")
                          .arg(name, node)
                    : tr("Unlock the container “%1” on %2?\n\nIts URLs answer again, with its access rules in force.")
                          .arg(name, node);
        break;
    }
    return {lock, title, text};
}

bool LockdownPrompt::toggle(QWidget* parent, NodeSession* session, const std::string& ownerId) {
    if (!session) {
        return false;
    }
    const Question asked = question(session, ownerId);
    const bool lock = asked.lock;
    const QString name = ownerName(session, ownerId);
    const auto answer = MessageBox::question(parent, asked.title, asked.text, QMessageBox::Yes | QMessageBox::Cancel,
                                             lock ? QMessageBox::Yes : QMessageBox::Cancel);
    if (answer != QMessageBox::Yes) {
        return false;
    }
    QPointer<QWidget> guard(parent);
    session->setProxyEnabled(ownerId, !lock, parent, [guard, lock, name](const ApiResponse& response) {
        if (!response.ok() && guard) {
            MessageBox::critical(guard, lock ? tr("Not locked down") : tr("Not unlocked"),
                                 (lock ? tr("The node did not lock down “%1”: %2")
                                       : tr("The node did not unlock “%1”: %2"))
                                     .arg(name, response.error->displayText()));
        }
    });
    return true;
}

} // namespace cowl::ui
