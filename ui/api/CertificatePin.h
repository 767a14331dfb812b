// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QSslCertificate>
#include <QSslConfiguration>
#include <QString>

namespace cowl::ui {

// Trust on first use, like SSH: a node's control certificate is issued by the
// node's own CA, so ordinary verification always fails. We accept a TLS peer
// only when the SHA-256 of its certificate's DER equals the pinned value.
class CertificatePin {
public:
    explicit CertificatePin(QString fingerprint) : m_fingerprint(std::move(fingerprint)) {}

    static QString fingerprintOf(const QSslCertificate& certificate);
    bool matches(const QSslCertificate& peer) const;
    const QString& fingerprint() const { return m_fingerprint; }

    // A TLS configuration with no trusted CAs at all: every handshake then
    // reports errors, so the pin check in the sslErrors handler always runs
    // before a request (and its bearer token) is sent.
    static QSslConfiguration configuration();

private:
    QString m_fingerprint;
};

} // namespace cowl::ui
