// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/Resources.h"

#include <QtGlobal>

// Q_INIT_RESOURCE must be used outside any namespace.
static void initCowlResources() {
    Q_INIT_RESOURCE(cowl);
}

namespace cowl::ui {

void initResources() {
    initCowlResources();
}

} // namespace cowl::ui
