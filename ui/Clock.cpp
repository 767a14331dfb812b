// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/Clock.h"

namespace cowl::ui {

namespace {
const Clock kSystemClock;
const Clock* g_clock = &kSystemClock;
} // namespace

QDateTime Clock::now() const {
    return QDateTime::currentDateTimeUtc();
}

const Clock& Clock::instance() {
    return *g_clock;
}

void Clock::setInstance(const Clock* clock) {
    g_clock = clock ? clock : &kSystemClock;
}

} // namespace cowl::ui
