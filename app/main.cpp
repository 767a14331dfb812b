// SPDX-License-Identifier: GPL-3.0-or-later
#include <cstdio>

#include <QApplication>
#include <QCommandLineParser>
#include <QLibraryInfo>
#include <QLocale>
#include <QSettings>
#include <QTranslator>
#include <spdlog/spdlog.h>

#include "shared/ValidationError.h"
#include "shared/api/ConnectionString.h"
#include "ui/MainWindow.h"
#include "ui/Resources.h"
#include "ui/ScreenshotRenderer.h"
#include "ui/dialogs/MessageBox.h"
#include "ui/fleet/Fleet.h"
#include "ui/keychain/TokenStore.h"
#include "ui/log/QtLogBridge.h"

namespace {

void installTranslations(QApplication& app) {
    auto* qtTranslator = new QTranslator(&app);
    if (qtTranslator->load(QLocale(), QStringLiteral("qtbase"), QStringLiteral("_"),
                           QLibraryInfo::path(QLibraryInfo::TranslationsPath))) {
        QApplication::installTranslator(qtTranslator);
    }
    auto* cowlTranslator = new QTranslator(&app);
    if (cowlTranslator->load(QLocale(), QStringLiteral("cowl"), QStringLiteral("_"), QStringLiteral(":/i18n"))) {
        QApplication::installTranslator(cowlTranslator);
    }
}

} // namespace

int main(int argc, char** argv) {
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("cowl"));
    QApplication::setApplicationName(QStringLiteral("cowl"));
    QApplication::setApplicationVersion(QStringLiteral("0.1.0"));
    cowl::ui::QtLogBridge::install();
    cowl::ui::initResources();
    installTranslations(app);

    QCommandLineParser parser;
    parser.setApplicationDescription(QApplication::translate("main", "Cowl console: your nodes, their projects and containers."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption connectOption(
        QStringLiteral("connect"),
        QApplication::translate("main", "Add the node of this connection string (pin its certificate, keep its token in the keychain) and show it."),
        QStringLiteral("CONNECTION_STRING"));
    const QCommandLineOption insecureOption(
        QStringLiteral("insecure-token-storage"),
        QApplication::translate("main", "When no OS keychain is available, keep tokens in a plain file instead of failing."));
    const QCommandLineOption renderOption(
        QStringLiteral("render-screenshots"),
        QApplication::translate("main", "Save the main window and dialogs as PNG files into DIR once the nodes have answered, then quit."),
        QStringLiteral("DIR"));
    const QCommandLineOption logLevelOption(QStringLiteral("log-level"),
                                            QApplication::translate("main", "Log level: trace, debug, info, warn, error."),
                                            QStringLiteral("LEVEL"), QStringLiteral("info"));
    parser.addOptions({connectOption, insecureOption, renderOption, logLevelOption});
    parser.process(app);
    spdlog::set_level(spdlog::level::from_str(parser.value(logLevelOption).toStdString()));

    std::optional<cowl::ConnectionString> connection;
    if (parser.isSet(connectOption)) {
        try {
            connection = cowl::ConnectionString::parse(parser.value(connectOption).toStdString());
        } catch (const cowl::ValidationError& e) {
            std::fprintf(stderr, "cowl: %s\n",
                         QApplication::translate("main", "--connect: this is not a valid connection string: %1. "
                                                         "Copy the whole line cowl-node printed.")
                             .arg(QString::fromUtf8(e.what()))
                             .toLocal8Bit()
                             .constData());
            return 2;
        }
    }

    const bool insecure = parser.isSet(insecureOption);
    QSettings settings;
    cowl::ui::TokenStore tokens(&settings, insecure);
    cowl::ui::Fleet fleet(cowl::ui::FleetStore(&settings), &tokens);
    fleet.restore();
    cowl::ui::MainWindow window(&fleet, insecure);
    window.show();
    if (connection) {
        window.connectTo(*connection);
    }

    std::unique_ptr<cowl::ui::ScreenshotRenderer> renderer;
    int renderStatus = 0;
    if (parser.isSet(renderOption)) {
        // Nobody is there to click: a warning must not block the rendering.
        cowl::ui::MessageBox::setNextAnswer(QMessageBox::Ok);
        renderer = std::make_unique<cowl::ui::ScreenshotRenderer>(&window, QDir(parser.value(renderOption)));
        QObject::connect(renderer.get(), &cowl::ui::ScreenshotRenderer::finished, &app,
                         [&renderStatus](bool ok, const QString& message) {
                             std::fprintf(ok ? stdout : stderr, "%s\n", message.toLocal8Bit().constData());
                             renderStatus = ok ? 0 : 1;
                             QApplication::exit(renderStatus);
                         });
        renderer->start();
    }
    return app.exec();
}
