// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/api/EventStream.h"

#include <QNetworkRequest>
#include <QSslSocket>
#include <QWebSocket>

#include <spdlog/spdlog.h>

#include "ui/log/QtLogBridge.h"

namespace cowl::ui {

namespace {
constexpr int kFirstRetryMs = 1000;
constexpr int kMaxRetryMs = 30000;
} // namespace

EventStream::EventStream(NodeEndpoint endpoint, QByteArray token, QObject* parent)
    : QObject(parent), m_endpoint(std::move(endpoint)), m_token(std::move(token)), m_pin(m_endpoint.fingerprint) {
    m_retryTimer.setSingleShot(true);
    connect(&m_retryTimer, &QTimer::timeout, this, &EventStream::open);
}

EventStream::~EventStream() {
    stop();
}

void EventStream::start() {
    if (m_running || m_blocked) {
        return;
    }
    m_running = true;
    m_retryDelayMs = kFirstRetryMs;
    open();
}

void EventStream::stop() {
    m_running = false;
    m_retryTimer.stop();
    if (m_socket) {
        m_socket->disconnect(this);
        m_socket->abort();
        m_socket.release()->deleteLater();
    }
    m_connected = false;
}

void EventStream::open() {
    if (!m_running) {
        return;
    }
    if (m_socket) {
        m_socket->disconnect(this);
        m_socket.release()->deleteLater();
    }
    // A fresh QWebSocket per attempt: its one QSslSocket child is then the
    // connection being verified in onSslErrors().
    m_socket = std::make_unique<QWebSocket>();
    m_socket->setSslConfiguration(CertificatePin::configuration());
    connect(m_socket.get(), &QWebSocket::sslErrors, this, &EventStream::onSslErrors);
    connect(m_socket.get(), &QWebSocket::textMessageReceived, this, &EventStream::onTextMessage);
    connect(m_socket.get(), &QWebSocket::disconnected, this, &EventStream::onClosed);
    QNetworkRequest request(m_endpoint.url(QStringLiteral("/api/v1/events"), QStringLiteral("wss")));
    request.setRawHeader("Authorization", "Bearer " + m_token);
    m_socket->open(request);
}

// QWebSocket does not expose the peer certificate before the upgrade request
// is sent, but the handshake waits in this slot: read it from the TLS socket.
void EventStream::onSslErrors() {
    auto* tls = m_socket ? m_socket->findChild<QSslSocket*>(QString(), Qt::FindDirectChildrenOnly) : nullptr;
    const QSslCertificate peer = tls ? tls->peerCertificate() : QSslCertificate();
    if (m_pin.matches(peer)) {
        m_socket->ignoreSslErrors();
        return;
    }
    const QString seen = CertificatePin::fingerprintOf(peer);
    QtLogBridge::logger()->warn("node {}: event stream certificate {} does not match the pinned {}; refusing",
                                m_endpoint.address().toStdString(), seen.toStdString(),
                                m_endpoint.fingerprint.toStdString());
    m_blocked = true;
    stop();
    emit fingerprintMismatch(seen);
}

void EventStream::onTextMessage(const QString& text) {
    const QByteArray raw = text.toUtf8();
    nlohmann::json event = nlohmann::json::parse(raw.constBegin(), raw.constEnd(), nullptr, false);
    if (!event.is_object() || !event.contains("kind") || !event["kind"].is_string()) {
        QtLogBridge::logger()->warn("node {}: ignoring an event frame that is not an event object",
                                    m_endpoint.address().toStdString());
        return;
    }
    if (event["kind"].get<std::string>() == "hello") {
        m_connected = true;
        m_retryDelayMs = kFirstRetryMs;
        QString name;
        QString domain;
        if (event.contains("node") && event["node"].is_object()) {
            const nlohmann::json& node = event["node"];
            name = QString::fromStdString(node.value("name", std::string()));
            domain = QString::fromStdString(node.value("domain", std::string()));
        }
        emit connected(name, domain);
        return;
    }
    emit eventReceived(event);
}

void EventStream::onClosed() {
    const QString reason = m_socket ? m_socket->errorString() : QString();
    const bool wasConnected = m_connected;
    m_connected = false;
    if (wasConnected || !reason.isEmpty()) {
        emit disconnected(reason.isEmpty() ? tr("The node closed the event stream.") : reason);
    }
    scheduleReconnect();
}

void EventStream::scheduleReconnect() {
    if (!m_running) {
        return;
    }
    m_retryTimer.start(m_retryDelayMs);
    m_retryDelayMs = std::min(m_retryDelayMs * 2, kMaxRetryMs);
}

} // namespace cowl::ui
