// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QCoreApplication>
#include <QString>

namespace cowl::ui {

// What went wrong with one API call. When the node answered, code, message
// and field are exactly the node's error envelope and the console shows them
// as sent; otherwise the console fills them in (code "network",
// "fingerprint_changed", "invalid_response").
struct ApiError {
    Q_DECLARE_TR_FUNCTIONS(ApiError)
public:
    static constexpr const char* kFingerprintChanged = "fingerprint_changed";
    static constexpr const char* kNetwork = "network";
    static constexpr const char* kInvalidResponse = "invalid_response";

    int httpStatus = 0; // 0 when the node never answered
    QString code;
    QString message;
    QString field;

    bool fromNode() const { return httpStatus != 0; }
    // The message for a dialog or a status line: the node's message, and the
    // field it names, if any.
    QString displayText() const;
};

} // namespace cowl::ui
