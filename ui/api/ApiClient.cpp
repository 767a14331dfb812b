// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/api/ApiClient.h"

#include <QNetworkReply>
#include <QNetworkRequest>
#include <QSslError>

#include <spdlog/spdlog.h>

#include "ui/log/QtLogBridge.h"

namespace cowl::ui {

namespace {
constexpr const char* kSeenFingerprint = "cowlSeenFingerprint";
} // namespace

ApiClient::ApiClient(NodeEndpoint endpoint, QByteArray token, QObject* parent)
    : QObject(parent), m_endpoint(std::move(endpoint)), m_token(std::move(token)), m_pin(m_endpoint.fingerprint) {
}

ApiClient::~ApiClient() = default;

void ApiClient::get(const QString& path, QObject* context, ApiCallback callback) {
    send("GET", path, std::nullopt, std::nullopt, context, std::move(callback));
}

void ApiClient::post(const QString& path, const std::optional<nlohmann::json>& body, QObject* context,
                     ApiCallback callback) {
    send("POST", path, body, std::nullopt, context, std::move(callback));
}

void ApiClient::put(const QString& path, const nlohmann::json& body, std::optional<int> version, QObject* context,
                    ApiCallback callback) {
    send("PUT", path, body, version, context, std::move(callback));
}

void ApiClient::patch(const QString& path, const nlohmann::json& body, int version, QObject* context,
                      ApiCallback callback) {
    send("PATCH", path, body, version, context, std::move(callback));
}

void ApiClient::remove(const QString& path, std::optional<int> version, QObject* context, ApiCallback callback) {
    send("DELETE", path, std::nullopt, version, context, std::move(callback));
}

ApiError ApiClient::fingerprintChangedError(const NodeEndpoint& endpoint, const QString& seen) {
    ApiError error;
    error.code = QString::fromLatin1(ApiError::kFingerprintChanged);
    error.message =
        tr("The node at %1 presented a different certificate than the one pinned for it.\n\n"
           "Pinned:    %2\nPresented: %3\n\n"
           "Someone may be intercepting the connection. Cowl did not send your token and will not "
           "connect. If you reinstalled this node on purpose, remove it from the fleet and add it "
           "again with its new connection string.")
            .arg(endpoint.address(), formatFingerprint(endpoint.fingerprint),
                 seen.isEmpty() ? tr("(no certificate)") : formatFingerprint(seen));
    return error;
}

void ApiClient::send(const QByteArray& verb, const QString& path, const std::optional<nlohmann::json>& body,
                     std::optional<int> ifMatch, QObject* context, ApiCallback callback) {
    QNetworkRequest request(m_endpoint.url(path));
    request.setSslConfiguration(CertificatePin::configuration());
    request.setAttribute(QNetworkRequest::Http2AllowedAttribute, false);
    request.setTransferTimeout(m_timeoutMs);
    request.setRawHeader("Authorization", "Bearer " + m_token);
    request.setRawHeader("Accept", "application/json");
    if (ifMatch) {
        request.setRawHeader("If-Match", QByteArray("\"") + QByteArray::number(*ifMatch) + "\"");
    }
    QByteArray payload;
    if (body) {
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
        payload = QByteArray::fromStdString(body->dump());
    }
    QNetworkReply* reply = m_network.sendCustomRequest(request, verb, payload);
    connect(reply, &QNetworkReply::sslErrors, this, [this, reply](const QList<QSslError>&) { checkPin(reply); });
    QPointer<QObject> guard(context);
    const bool needsContext = context != nullptr;
    connect(reply, &QNetworkReply::finished, this, [this, reply, guard, needsContext, callback = std::move(callback)] {
        const ApiResponse response = decode(reply);
        reply->deleteLater();
        if ((guard || !needsContext) && callback) {
            callback(response);
        }
    });
}

// Runs while the handshake waits for our verdict, before any request bytes go out.
void ApiClient::checkPin(QNetworkReply* reply) {
    const QSslCertificate peer = reply->sslConfiguration().peerCertificate();
    if (m_pin.matches(peer)) {
        reply->ignoreSslErrors();
        return;
    }
    const QString seen = CertificatePin::fingerprintOf(peer);
    reply->setProperty(kSeenFingerprint, seen.isEmpty() ? QStringLiteral("-") : seen);
    QtLogBridge::logger()->warn("node {}: certificate fingerprint {} does not match the pinned {}; refusing",
                                m_endpoint.address().toStdString(), seen.toStdString(),
                                m_endpoint.fingerprint.toStdString());
    emit fingerprintMismatch(seen);
}

ApiResponse ApiClient::decode(QNetworkReply* reply) const {
    ApiResponse response;
    const QVariant seen = reply->property(kSeenFingerprint);
    if (seen.isValid()) {
        const QString text = seen.toString();
        response.error = fingerprintChangedError(m_endpoint, text == QStringLiteral("-") ? QString() : text);
        return response;
    }
    response.httpStatus = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QByteArray raw = reply->readAll();
    if (response.httpStatus == 0) {
        ApiError error;
        error.code = QString::fromLatin1(ApiError::kNetwork);
        error.message = tr("Could not reach the node at %1: %2. Check that cowl-node is running there and that "
                           "the address and port are right.")
                            .arg(m_endpoint.address(), reply->errorString());
        response.error = error;
        return response;
    }
    if (!raw.isEmpty()) {
        response.body = nlohmann::json::parse(raw.constBegin(), raw.constEnd(), nullptr, false);
    }
    if (response.httpStatus >= 200 && response.httpStatus < 300) {
        if (response.body.is_discarded()) {
            ApiError error;
            error.httpStatus = response.httpStatus;
            error.code = QString::fromLatin1(ApiError::kInvalidResponse);
            error.message = tr("The node at %1 sent an answer that is not JSON. Check that the address points "
                               "at a cowl-node control port.")
                                .arg(m_endpoint.address());
            response.error = error;
        }
        return response;
    }
    ApiError error;
    error.httpStatus = response.httpStatus;
    const nlohmann::json& body = response.body;
    if (body.is_object() && body.contains("error") && body["error"].is_object()) {
        const nlohmann::json& envelope = body["error"];
        auto text = [&envelope](const char* key) {
            return envelope.contains(key) && envelope[key].is_string()
                       ? QString::fromStdString(envelope[key].get<std::string>())
                       : QString();
        };
        error.code = text("code");
        error.message = text("message");
        error.field = text("field");
    }
    if (error.message.isEmpty()) {
        error.code = error.code.isEmpty() ? QString::fromLatin1(ApiError::kInvalidResponse) : error.code;
        error.message = tr("The node at %1 answered HTTP %2 without an error message.")
                            .arg(m_endpoint.address())
                            .arg(response.httpStatus);
    }
    response.error = error;
    return response;
}

} // namespace cowl::ui
