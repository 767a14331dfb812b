// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/keychain/TokenStore.h"

#include <QSettings>
#include <qt6keychain/keychain.h>

#include <spdlog/spdlog.h>

#include "ui/log/QtLogBridge.h"

namespace cowl::ui {

TokenStore::TokenStore(QSettings* fallbackSettings, bool insecureFallbackAllowed, QObject* parent)
    : QObject(parent), m_settings(fallbackSettings), m_insecureFallbackAllowed(insecureFallbackAllowed) {}

QString TokenStore::keyFor(const QString& fingerprint) {
    return QStringLiteral("node/%1").arg(fingerprint);
}

QString TokenStore::fallbackKey(const QString& fingerprint) {
    return QStringLiteral("insecure-tokens/%1").arg(fingerprint);
}

void TokenStore::write(const QString& fingerprint, const QString& token, QObject* context, TokenCallback callback) {
    run(Operation::Write, fingerprint, token, context, std::move(callback));
}

void TokenStore::read(const QString& fingerprint, QObject* context, TokenCallback callback) {
    run(Operation::Read, fingerprint, {}, context, std::move(callback));
}

void TokenStore::remove(const QString& fingerprint, QObject* context, TokenCallback callback) {
    run(Operation::Remove, fingerprint, {}, context, std::move(callback));
}

void TokenStore::run(Operation operation, const QString& fingerprint, const QString& token, QObject* context,
                     TokenCallback callback) {
    QKeychain::Job* job = nullptr;
    switch (operation) {
    case Operation::Read:
        job = new QKeychain::ReadPasswordJob(QString::fromLatin1(kService), this);
        break;
    case Operation::Write: {
        auto* writeJob = new QKeychain::WritePasswordJob(QString::fromLatin1(kService), this);
        writeJob->setTextData(token);
        job = writeJob;
        break;
    }
    case Operation::Remove:
        job = new QKeychain::DeletePasswordJob(QString::fromLatin1(kService), this);
        break;
    }
    job->setKey(keyFor(fingerprint));
    job->setAutoDelete(true);
    QPointer<QObject> guard(context);
    const bool needsContext = context != nullptr;
    connect(job, &QKeychain::Job::finished, this,
            [this, operation, fingerprint, token, guard, needsContext, callback = std::move(callback)](QKeychain::Job* done) {
                TokenResult result;
                const QKeychain::Error error = done->error();
                if (error == QKeychain::NoError) {
                    result.ok = true;
                    if (operation == Operation::Read) {
                        result.found = true;
                        result.token = static_cast<QKeychain::ReadPasswordJob*>(done)->textData();
                    }
                    // A token written before the keychain came back must not linger in the plain file.
                    if (operation != Operation::Read && m_settings && m_settings->contains(fallbackKey(fingerprint))) {
                        m_settings->remove(fallbackKey(fingerprint));
                        m_settings->sync();
                    }
                } else if (error == QKeychain::EntryNotFound) {
                    if (m_insecureFallbackAllowed && m_settings) {
                        result = runFallback(operation, fingerprint, token);
                    } else {
                        result.ok = true;
                    }
                } else if ((error == QKeychain::NoBackendAvailable || error == QKeychain::OtherError) &&
                           m_insecureFallbackAllowed && m_settings) {
                    QtLogBridge::logger()->warn("keychain unavailable ({}); using the insecure token file as "
                                                "the user allowed",
                                                done->errorString().toStdString());
                    result = runFallback(operation, fingerprint, token);
                } else {
                    result.error = tr("The OS keychain did not answer: %1. Unlock or start your keychain "
                                      "(GNOME Keyring, KWallet) and try again, or start cowl with "
                                      "--insecure-token-storage to keep tokens in a plain file.")
                                       .arg(done->errorString());
                }
                if ((guard || !needsContext) && callback) {
                    callback(result);
                }
            });
    job->start();
}

TokenResult TokenStore::runFallback(Operation operation, const QString& fingerprint, const QString& token) {
    TokenResult result;
    result.ok = true;
    result.location = TokenLocation::InsecureFile;
    const QString key = fallbackKey(fingerprint);
    switch (operation) {
    case Operation::Read:
        result.found = m_settings->contains(key);
        result.token = m_settings->value(key).toString();
        break;
    case Operation::Write:
        m_settings->setValue(key, token);
        break;
    case Operation::Remove:
        m_settings->remove(key);
        break;
    }
    m_settings->sync();
    if (m_settings->status() != QSettings::NoError) {
        result.ok = false;
        result.error = tr("Could not write the token file %1. Check its permissions.").arg(m_settings->fileName());
    }
    return result;
}

} // namespace cowl::ui
