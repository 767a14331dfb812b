// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <memory>

#include <QByteArray>
#include <QObject>
#include <QTimer>
#include <nlohmann/json.hpp>

#include "ui/api/CertificatePin.h"
#include "ui/api/NodeEndpoint.h"

class QWebSocket;

namespace cowl::ui {

// The node's event stream (/api/v1/events) over a WebSocket with the same
// certificate pinning as ApiClient. Reconnects with exponential backoff
// (1 s doubling to 30 s) until stopped; a pin mismatch stops it for good.
class EventStream : public QObject {
    Q_OBJECT
public:
    EventStream(NodeEndpoint endpoint, QByteArray token, QObject* parent = nullptr);
    ~EventStream() override;

    void start();
    void stop();
    bool isConnected() const { return m_connected; }
    int nextRetryDelayMs() const { return m_retryDelayMs; }

signals:
    // The node's hello frame: the stream is live.
    void connected(const QString& nodeName, const QString& domain);
    // One event frame as the node sent it (docs/api.md "Events").
    void eventReceived(const nlohmann::json& event);
    void disconnected(const QString& reason);
    void fingerprintMismatch(const QString& seenFingerprint);

private:
    void open();
    void onSslErrors();
    void onTextMessage(const QString& text);
    void onClosed();
    void scheduleReconnect();

    NodeEndpoint m_endpoint;
    QByteArray m_token;
    CertificatePin m_pin;
    std::unique_ptr<QWebSocket> m_socket;
    QTimer m_retryTimer;
    int m_retryDelayMs = 1000;
    bool m_running = false;
    bool m_connected = false;
    bool m_blocked = false;
};

} // namespace cowl::ui
