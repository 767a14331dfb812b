// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <memory>
#include <optional>

#include <QSettings>
#include <QTemporaryDir>
#include <QtTest>

#include "NodeProcess.h"
#include "ui/MainWindow.h"
#include "ui/api/ApiClient.h"
#include "ui/fleet/Fleet.h"
#include "ui/keychain/TokenStore.h"
#include "ui/node/NodeSession.h"

// The console as `cowl` wires it (settings, keychain store, fleet, main
// window) on a private settings file, plus blocking helpers for tests.
struct ConsoleUnderTest {
    QTemporaryDir dir;
    std::unique_ptr<QSettings> settings;
    std::unique_ptr<cowl::ui::TokenStore> tokens;
    std::unique_ptr<cowl::ui::Fleet> fleet;
    std::unique_ptr<cowl::ui::MainWindow> window;

    explicit ConsoleUnderTest(bool insecure = false, const QString& settingsPath = {}) {
        settings = std::make_unique<QSettings>(
            settingsPath.isEmpty() ? dir.filePath(QStringLiteral("cowl.conf")) : settingsPath, QSettings::IniFormat);
        tokens = std::make_unique<cowl::ui::TokenStore>(settings.get(), insecure);
        fleet = std::make_unique<cowl::ui::Fleet>(cowl::ui::FleetStore(settings.get()), tokens.get());
    }

    ~ConsoleUnderTest() {
        window.reset();
        // Leave no test token behind in the user's keychain.
        if (fleet) {
            for (cowl::ui::NodeSession* session : fleet->sessions()) {
                bool done = false;
                tokens->remove(session->entry().endpoint.fingerprint, nullptr,
                               [&done](const cowl::ui::TokenResult&) { done = true; });
                if (!QTest::qWaitFor([&done] { return done; }, 5000)) {
                    qWarning("keychain did not answer while removing a test token");
                }
            }
        }
    }

    cowl::ui::MainWindow* show() {
        window = std::make_unique<cowl::ui::MainWindow>(fleet.get(), tokens->insecureFallbackAllowed());
        window->show();
        return window.get();
    }

    std::optional<cowl::ui::Fleet::AddResult> add(const cowl::ConnectionString& connection) {
        std::optional<cowl::ui::Fleet::AddResult> result;
        fleet->add(connection, fleet.get(), [&result](const cowl::ui::Fleet::AddResult& r) { result = r; });
        // An empty optional tells the caller it timed out.
        (void)QTest::qWaitFor([&result] { return result.has_value(); }, 20000);
        return result;
    }

    // Shows the window, adds the node and waits until its session is live
    // (connected, events flowing, tree loaded): the start of every test that
    // drives the console against a real node. Null, with the reason in
    // `failure`, when any step does not happen.
    cowl::ui::NodeSession* showConnected(const cowl::ConnectionString& connection, QString& failure) {
        show();
        const auto added = add(connection);
        if (!added || !added->ok) {
            failure = added ? QStringLiteral("the fleet refused the node") : QStringLiteral("adding the node timed out");
            return nullptr;
        }
        if (!waitConnected(added->session)) {
            failure = added->session->stateReason();
            return nullptr;
        }
        return added->session;
    }

    static bool waitConnected(cowl::ui::NodeSession* session, int timeoutMs = 20000) {
        return QTest::qWaitFor(
            [session] {
                return session->state() == cowl::ui::NodeState::Connected && session->eventsLive() &&
                       !session->loading();
            },
            timeoutMs);
    }
};

// One blocking API call, as another console would make it.
inline cowl::ui::ApiResponse apiCall(cowl::ui::ApiClient& client, const QByteArray& verb, const QString& path,
                                     const nlohmann::json& body = nullptr, std::optional<int> version = std::nullopt) {
    std::optional<cowl::ui::ApiResponse> result;
    QObject context;
    auto done = [&result](const cowl::ui::ApiResponse& r) { result = r; };
    if (verb == "GET") {
        client.get(path, &context, done);
    } else if (verb == "POST") {
        client.post(path, body.is_null() ? std::nullopt : std::optional<nlohmann::json>(body), &context, done);
    } else if (verb == "PUT") {
        client.put(path, body, version, &context, done);
    } else if (verb == "PATCH") {
        client.patch(path, body, version.value_or(1), &context, done);
    } else if (verb == "DELETE") {
        client.remove(path, version, &context, done);
    }
    if (!QTest::qWaitFor([&result] { return result.has_value(); }, 30000)) {
        cowl::ui::ApiResponse timeout;
        timeout.error = cowl::ui::ApiError{0, QStringLiteral("timeout"), QStringLiteral("no answer in 30 s"), {}};
        return timeout;
    }
    return *result;
}

inline cowl::ui::NodeEndpoint endpointOf(const cowl::ConnectionString& connection) {
    return cowl::ui::NodeEndpoint{QString::fromStdString(connection.host), connection.port,
                                  QString::fromStdString(connection.fingerprint)};
}

inline QString describe(const cowl::ui::ApiResponse& response) {
    return response.error ? QStringLiteral("%1 %2: %3").arg(response.error->httpStatus).arg(response.error->code, response.error->message)
                          : QStringLiteral("ok");
}

// A second client of the node, as another console would be.
inline std::unique_ptr<cowl::ui::ApiClient> clientFor(const cowl::ConnectionString& connection) {
    return std::make_unique<cowl::ui::ApiClient>(endpointOf(connection), QByteArray::fromStdString(connection.token));
}

// POSTs `body` and returns the new object's id; empty, with the node's answer
// in `failure`, when it was refused.
inline QString createdId(cowl::ui::ApiClient& client, const QString& path, const nlohmann::json& body,
                         QString& failure) {
    const cowl::ui::ApiResponse response = apiCall(client, "POST", path, body);
    if (!response.ok()) {
        failure = describe(response);
        return {};
    }
    return QString::fromStdString(response.body.at("id").get<std::string>());
}

// Project "shop" holding busybox container "web", made through the API as another client
// would; false, with `failure` saying why, when the node refused either.
inline bool createdShopWithWeb(cowl::ui::ApiClient& client, QString& projectId, QString& containerId,
                               QString& failure) {
    projectId = createdId(client, QStringLiteral("/api/v1/projects"), {{"name", "shop"}}, failure);
    if (projectId.isEmpty()) {
        return false;
    }
    containerId = createdId(client, QStringLiteral("/api/v1/projects/%1/containers").arg(projectId),
                            {{"name", "web"}, {"template", "busybox"}}, failure);
    return !containerId.isEmpty();
}
