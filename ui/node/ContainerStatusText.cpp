// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/node/ContainerStatusText.h"

namespace cowl::ui {

QString ContainerStatusText::label(ContainerStatus status) {
    switch (status) {
    case ContainerStatus::Creating:
        return tr("Creating");
    case ContainerStatus::Running:
        return tr("Running");
    case ContainerStatus::Stopped:
        return tr("Stopped");
    case ContainerStatus::Failed:
        return tr("Failed");
    case ContainerStatus::Deleting:
        return tr("Deleting");
    }
    return {};
}

QIcon ContainerStatusText::icon(ContainerStatus status) {
    switch (status) {
    case ContainerStatus::Running:
        return QIcon(QStringLiteral(":/icons/status-running.svg"));
    case ContainerStatus::Failed:
        return QIcon(QStringLiteral(":/icons/status-failed.svg"));
    case ContainerStatus::Creating:
    case ContainerStatus::Deleting:
        return QIcon(QStringLiteral(":/icons/status-busy.svg"));
    case ContainerStatus::Stopped:
        return QIcon(QStringLiteral(":/icons/status-stopped.svg"));
    }
    return {};
}

} // namespace cowl::ui
