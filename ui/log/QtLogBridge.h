// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <memory>

namespace spdlog {
class logger;
}

namespace cowl::ui {

// Routes Qt's own messages (qDebug, qWarning, TLS and network warnings) into
// the console's spdlog logger "ui", so there is one log with one format.
class QtLogBridge {
public:
    // Creates logger "ui" if it does not exist yet and installs the handler.
    static void install();
    static std::shared_ptr<spdlog::logger> logger();
};

} // namespace cowl::ui
