// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QUrl>

namespace cowl::ui {

// Where a node's control API is and which certificate it must present.
// Holds no token: tokens live only in the keychain and in ApiClient.
struct NodeEndpoint {
    QString host; // IPv6 literals without brackets
    quint16 port = 0;
    QString fingerprint; // SHA-256 of the control certificate's DER, lowercase hex

    // "host:port", "[v6]:port"
    QString address() const;
    // https://host:port + path (path starts with "/api/v1/...")
    QUrl url(const QString& path, const QString& scheme = QStringLiteral("https")) const;

    bool operator==(const NodeEndpoint&) const = default;
};

// "ab12 cd34 …" in groups of four: easier to compare by eye than 64 hex digits.
QString formatFingerprint(const QString& fingerprint);

} // namespace cowl::ui
