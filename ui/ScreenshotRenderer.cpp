// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/ScreenshotRenderer.h"

#include <algorithm>

#include <QApplication>
#include <QElapsedTimer>
#include <QMessageBox>
#include <QPixmap>

#include "ui/MainWindow.h"
#include "ui/dialogs/AddNodeDialog.h"
#include "ui/dialogs/CreateContainerDialog.h"
#include "ui/dialogs/CreateProjectDialog.h"
#include "ui/fleet/Fleet.h"
#include "ui/fleet/FleetView.h"
#include "ui/node/LockdownPrompt.h"
#include "ui/node/NodeSession.h"
#include "ui/node/NodeView.h"
#include "ui/snapshots/ContainerSnapshots.h"
#include "ui/snapshots/ScheduleDialog.h"
#include "ui/snapshots/SnapshotPanel.h"

namespace cowl::ui {

namespace {
constexpr int kPollMs = 100;
constexpr int kMaxWaitMs = 30000;
constexpr int kStablePolls = 10;
constexpr int kPanelWaitMs = 10000;
} // namespace

ScreenshotRenderer::ScreenshotRenderer(MainWindow* window, QDir directory, QObject* parent)
    : QObject(parent), m_window(window), m_directory(std::move(directory)) {
    connect(&m_poll, &QTimer::timeout, this, &ScreenshotRenderer::poll);
}

void ScreenshotRenderer::start() {
    m_poll.start(kPollMs);
}

namespace {

bool settled(const NodeSession* session) {
    return session->state() == NodeState::Failed || session->state() == NodeState::Blocked ||
           (session->state() == NodeState::Connected && session->eventsLive());
}

// The container with the fewest URLs (but some), so the picture shows them with their copy buttons.
std::string containerWithUrls(const NodeSnapshot& snapshot) {
    const Container* best = nullptr;
    for (const Realm& realm : snapshot.realms()) {
        for (const Project* project : snapshot.projectsIn(realm.id)) {
            for (const Container* container : snapshot.containersIn(project->id)) {
                if (!container->urls.empty() && (!best || container->urls.size() < best->urls.size())) {
                    best = container;
                }
            }
        }
    }
    return best ? best->id : std::string();
}

// The first container that is locked down itself, for the picture of the badge.
std::string lockedContainer(const NodeSnapshot& snapshot) {
    for (const Realm& realm : snapshot.realms()) {
        for (const Project* project : snapshot.projectsIn(realm.id)) {
            for (const Container* container : snapshot.containersIn(project->id)) {
                if (snapshot.lockedDown(container->id)) {
                    return container->id;
                }
            }
        }
    }
    return {};
}

} // namespace

void ScreenshotRenderer::poll() {
    m_waitedMs += kPollMs;
    const QList<NodeSession*>& sessions = m_window->fleet()->sessions();
    const bool allSettled =
        !sessions.isEmpty() && std::all_of(sessions.cbegin(), sessions.cend(), [](const NodeSession* s) { return settled(s); });
    // A node added by --connect appears only after its keychain write: wait
    // until the fleet has been settled and unchanged for a few polls.
    m_stablePolls = (allSettled && sessions.size() == m_lastSessionCount) ? m_stablePolls + 1 : 0;
    m_lastSessionCount = sessions.size();
    if (m_stablePolls < kStablePolls && m_waitedMs < kMaxWaitMs) {
        return;
    }
    m_poll.stop();
    render();
}

bool ScreenshotRenderer::save(QWidget* widget, const QString& name) {
    QApplication::processEvents();
    const QString path = m_directory.filePath(name);
    if (!widget->grab().save(path, "PNG")) {
        emit finished(false, tr("Could not write %1. Check that the directory exists and is writable.").arg(path));
        return false;
    }
    m_written << path;
    return true;
}

void ScreenshotRenderer::render() {
    const QList<NodeSession*> sessions = m_window->fleet()->sessions();
    NodeSession* main = nullptr;
    NodeSession* blocked = nullptr;
    for (NodeSession* session : sessions) {
        if (!main && session->state() == NodeState::Connected) {
            main = session;
        }
        if (!blocked && session->state() == NodeState::Blocked) {
            blocked = session;
        }
    }
    if (!main && !sessions.isEmpty()) {
        main = sessions.first();
    }

    if (blocked) {
        m_window->fleetView()->setCurrentSession(blocked);
        if (!save(m_window, QStringLiteral("node-blocked.png"))) {
            return;
        }
    }
    if (main) {
        m_window->fleetView()->setCurrentSession(main);
        const std::string containerId = containerWithUrls(main->snapshot());
        if (!containerId.empty()) {
            m_window->nodeView()->select(containerId);
        }
    }
    if (!save(m_window, QStringLiteral("main-window.png"))) {
        return;
    }

    auto* addDialog = new AddNodeDialog(false, m_window);
    if (main) {
        ConnectionString example;
        example.host = main->entry().endpoint.host.toStdString();
        example.port = main->entry().endpoint.port;
        example.fingerprint = main->entry().endpoint.fingerprint.toStdString();
        example.token = "cowl_" + std::string(64, '0'); // never a real token in a picture
        addDialog->setConnectionText(QString::fromStdString(example.format()));
    }
    addDialog->show();
    const bool addSaved = save(addDialog, QStringLiteral("add-node.png"));
    addDialog->deleteLater();
    if (!addSaved) {
        return;
    }

    auto* projectDialog = new CreateProjectDialog(m_window);
    if (main) {
        projectDialog->setRealms(main->snapshot().realms(), {});
    }
    projectDialog->setName(QStringLiteral("billing"));
    projectDialog->show();
    const bool projectSaved = save(projectDialog, QStringLiteral("create-project.png"));
    projectDialog->deleteLater();
    if (!projectSaved) {
        return;
    }
    if (main && main->state() == NodeState::Connected && !renderNodeViews(main)) {
        return;
    }
    emit finished(true, m_written.join(QLatin1Char('\n')));
}

void ScreenshotRenderer::waitFor(const std::function<bool()>& ready) {
    QElapsedTimer timer;
    timer.start();
    while (!ready() && timer.elapsed() < kPanelWaitMs) {
        QApplication::processEvents(QEventLoop::AllEvents, 50);
    }
}

bool ScreenshotRenderer::renderNodeViews(NodeSession* main) {
    NodeView* view = m_window->nodeView();
    const std::string containerId = containerWithUrls(main->snapshot());

    auto* containerDialog = new CreateContainerDialog(m_window);
    containerDialog->setProjectName(QStringLiteral("shop"));
    containerDialog->setName(QStringLiteral("api"));
    containerDialog->setLimits(256, 0.5);
    containerDialog->show();
    const bool containerSaved = save(containerDialog, QStringLiteral("create-container.png"));
    containerDialog->deleteLater();
    if (!containerSaved) {
        return false;
    }

    if (!containerId.empty()) {
        view->select(containerId);
        view->showDetailTab(1);
        SnapshotPanel* panel = view->snapshotPanel();
        waitFor([panel] { return !panel->snapshots()->loading(); });
        if (!save(m_window, QStringLiteral("container-snapshots.png"))) {
            return false;
        }
        auto* schedule = new ScheduleDialog(m_window);
        schedule->setContainerName(QString::fromStdString(main->snapshot().container(containerId)->name));
        schedule->setEffective(panel->snapshots()->schedule().value_or(EffectiveSchedule{}));
        schedule->show();
        const bool scheduleSaved = save(schedule, QStringLiteral("schedule-editor.png"));
        schedule->deleteLater();
        if (!scheduleSaved) {
            return false;
        }
        view->showDetailTab(2);
        QApplication::processEvents();
        if (!save(m_window, QStringLiteral("container-access.png"))) {
            return false;
        }

        const LockdownPrompt::Question question = LockdownPrompt::question(main, containerId);
        auto* confirm = new QMessageBox(QMessageBox::Question, question.title, question.text,
                                        QMessageBox::Yes | QMessageBox::Cancel, m_window);
        confirm->show();
        const bool confirmSaved = save(confirm, QStringLiteral("lockdown-confirm.png"));
        confirm->deleteLater();
        if (!confirmSaved) {
            return false;
        }
        view->showDetailTab(0);
    }

    const std::string locked = lockedContainer(main->snapshot());
    if (!locked.empty()) {
        view->select(locked);
        if (!save(m_window, QStringLiteral("container-locked.png"))) {
            return false;
        }
    }

    view->showFacts(true);
    const bool factsSaved = save(m_window, QStringLiteral("server-facts.png"));
    view->showFacts(false);
    if (!containerId.empty()) {
        view->select(containerId);
    }
    return factsSaved;
}

} // namespace cowl::ui
