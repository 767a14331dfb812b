// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/api/CertificatePin.h"

#include <QCryptographicHash>

namespace cowl::ui {

QString CertificatePin::fingerprintOf(const QSslCertificate& certificate) {
    if (certificate.isNull()) {
        return {};
    }
    return QString::fromLatin1(QCryptographicHash::hash(certificate.toDer(), QCryptographicHash::Sha256).toHex());
}

bool CertificatePin::matches(const QSslCertificate& peer) const {
    const QString seen = fingerprintOf(peer);
    return !seen.isEmpty() && seen == m_fingerprint;
}

QSslConfiguration CertificatePin::configuration() {
    QSslConfiguration config = QSslConfiguration::defaultConfiguration();
    config.setCaCertificates({});
    config.setPeerVerifyMode(QSslSocket::VerifyPeer);
    config.setProtocol(QSsl::TlsV1_2OrLater);
    return config;
}

} // namespace cowl::ui
