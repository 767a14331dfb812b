// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDateTime>

namespace cowl::ui {

// The console's one source of "now", so tests can pin time (e.g. "last event
// 2 min ago") instead of racing the wall clock.
class Clock {
public:
    virtual ~Clock() = default;
    virtual QDateTime now() const;

    static const Clock& instance();
    // Tests install their own clock; nullptr restores the system clock.
    static void setInstance(const Clock* clock);
};

} // namespace cowl::ui
