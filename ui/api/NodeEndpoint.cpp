// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/api/NodeEndpoint.h"

namespace cowl::ui {

QString NodeEndpoint::address() const {
    const QString shownHost = host.contains(QLatin1Char(':')) ? QStringLiteral("[%1]").arg(host) : host;
    return QStringLiteral("%1:%2").arg(shownHost).arg(port);
}

QUrl NodeEndpoint::url(const QString& path, const QString& scheme) const {
    QUrl url;
    url.setScheme(scheme);
    url.setHost(host);
    url.setPort(port);
    url.setPath(path.section(QLatin1Char('?'), 0, 0));
    if (path.contains(QLatin1Char('?'))) {
        url.setQuery(path.section(QLatin1Char('?'), 1));
    }
    return url;
}

QString formatFingerprint(const QString& fingerprint) {
    QStringList groups;
    for (qsizetype i = 0; i < fingerprint.size(); i += 4) {
        groups << fingerprint.mid(i, 4);
    }
    return groups.join(QLatin1Char(' '));
}

} // namespace cowl::ui
