// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QCoreApplication>
#include <QIcon>
#include <QString>

#include "shared/api/Container.h"

namespace cowl::ui {

// How a container's status reads and looks, the same in the tree and the details pane.
class ContainerStatusText {
    Q_DECLARE_TR_FUNCTIONS(ContainerStatusText)
public:
    static QString label(ContainerStatus status);
    static QIcon icon(ContainerStatus status);
};

} // namespace cowl::ui
