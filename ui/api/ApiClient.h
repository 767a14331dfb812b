// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <optional>

#include <QByteArray>
#include <QNetworkAccessManager>
#include <QObject>
#include <QPointer>

#include "ui/api/ApiResponse.h"
#include "ui/api/CertificatePin.h"
#include "ui/api/NodeEndpoint.h"

class QNetworkReply;

namespace cowl::ui {

// The console's HTTPS client for one node's control API (docs/api.md).
// Everything is asynchronous: a call returns at once and its callback runs
// later on the calling (UI) thread, only while `context` is alive (always when it is null). The peer
// must present the pinned certificate; otherwise the call fails with
// ApiError code "fingerprint_changed" before the token is ever sent.
class ApiClient : public QObject {
    Q_OBJECT
public:
    ApiClient(NodeEndpoint endpoint, QByteArray token, QObject* parent = nullptr);
    ~ApiClient() override;

    const NodeEndpoint& endpoint() const { return m_endpoint; }

    void get(const QString& path, QObject* context, ApiCallback callback);
    // No body (std::nullopt) for actions such as POST …/start.
    void post(const QString& path, const std::optional<nlohmann::json>& body, QObject* context, ApiCallback callback);
    // `version` goes into If-Match; none for a document that does not exist yet.
    void put(const QString& path, const nlohmann::json& body, std::optional<int> version, QObject* context,
             ApiCallback callback);
    void patch(const QString& path, const nlohmann::json& body, int version, QObject* context,
               ApiCallback callback);
    // `version` goes into If-Match when the object is versioned.
    void remove(const QString& path, std::optional<int> version, QObject* context, ApiCallback callback);

    // Seconds before an unanswered call fails (tests shorten it).
    void setTimeout(int milliseconds) { m_timeoutMs = milliseconds; }

    static ApiError fingerprintChangedError(const NodeEndpoint& endpoint, const QString& seen);

signals:
    // The node presented another certificate than the pinned one.
    void fingerprintMismatch(const QString& seenFingerprint);

private:
    void send(const QByteArray& verb, const QString& path, const std::optional<nlohmann::json>& body,
              std::optional<int> ifMatch, QObject* context, ApiCallback callback);
    void checkPin(QNetworkReply* reply);
    ApiResponse decode(QNetworkReply* reply) const;

    NodeEndpoint m_endpoint;
    QByteArray m_token;
    CertificatePin m_pin;
    QNetworkAccessManager m_network;
    int m_timeoutMs = 20000;
};

} // namespace cowl::ui
