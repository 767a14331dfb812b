// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/log/QtLogBridge.h"

#include <QString>
#include <QtGlobal>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

namespace cowl::ui {

namespace {

void handleQtMessage(QtMsgType type, const QMessageLogContext& context, const QString& message) {
    const auto log = QtLogBridge::logger();
    const std::string text = message.toStdString();
    const char* category = context.category ? context.category : "qt";
    switch (type) {
    case QtDebugMsg:
        log->debug("[{}] {}", category, text);
        break;
    case QtInfoMsg:
        log->info("[{}] {}", category, text);
        break;
    case QtWarningMsg:
        log->warn("[{}] {}", category, text);
        break;
    case QtCriticalMsg:
    case QtFatalMsg:
        log->error("[{}] {}", category, text);
        break;
    }
}

} // namespace

std::shared_ptr<spdlog::logger> QtLogBridge::logger() {
    // Static: Qt's network thread logs too, and creating the logger twice throws.
    static const std::shared_ptr<spdlog::logger> log = [] {
        auto existing = spdlog::get("ui");
        return existing ? existing : spdlog::stderr_color_mt("ui");
    }();
    return log;
}

void QtLogBridge::install() {
    logger();
    qInstallMessageHandler(&handleQtMessage);
}

} // namespace cowl::ui
