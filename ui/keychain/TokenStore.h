// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <functional>

#include <QObject>
#include <QPointer>
#include <QString>

class QSettings;

namespace cowl::ui {

// Where a token ended up, so the UI can say so when it is not the keychain.
enum class TokenLocation { Keychain, InsecureFile };

struct TokenResult {
    bool ok = false;    // the operation worked ("not found" is ok)
    bool found = false; // read: there was a token
    QString token;
    TokenLocation location = TokenLocation::Keychain;
    QString error; // when !ok: what went wrong and what to do
};

using TokenCallback = std::function<void(const TokenResult&)>;

// Node tokens in the OS keychain through QtKeychain: service "cowl", key
// "node/<fingerprint>". Only when the user opted in (--insecure-token-storage)
// and no keychain answers does a token go into a plain QSettings file, and the
// result says so. Asynchronous: the keychain may prompt or talk D-Bus.
class TokenStore : public QObject {
    Q_OBJECT
public:
    static constexpr const char* kService = "cowl";

    TokenStore(QSettings* fallbackSettings, bool insecureFallbackAllowed, QObject* parent = nullptr);

    bool insecureFallbackAllowed() const { return m_insecureFallbackAllowed; }
    static QString keyFor(const QString& fingerprint);

    void write(const QString& fingerprint, const QString& token, QObject* context, TokenCallback callback);
    void read(const QString& fingerprint, QObject* context, TokenCallback callback);
    void remove(const QString& fingerprint, QObject* context, TokenCallback callback);

private:
    enum class Operation { Read, Write, Remove };
    void run(Operation operation, const QString& fingerprint, const QString& token, QObject* context,
             TokenCallback callback);
    TokenResult runFallback(Operation operation, const QString& fingerprint, const QString& token);
    static QString fallbackKey(const QString& fingerprint);

    QSettings* m_settings;
    bool m_insecureFallbackAllowed;
};

} // namespace cowl::ui
