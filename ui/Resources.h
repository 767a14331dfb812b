// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

namespace cowl::ui {

// cowl-ui is a static library: its icons (resources/cowl.qrc) must be
// registered explicitly by every program that links it (cowl, the tests).
void initResources();

} // namespace cowl::ui
