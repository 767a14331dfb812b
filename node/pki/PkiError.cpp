// SPDX-License-Identifier: GPL-3.0-or-later
#include "node/pki/PkiError.h"

#include <openssl/err.h>

namespace cowl::node {

std::string openSslFailure(const std::string& what) {
    std::string reason;
    while (const unsigned long code = ERR_get_error()) {
        char buffer[256];
        ERR_error_string_n(code, buffer, sizeof buffer);
        if (reason.empty())
            reason = buffer;
    }
    return reason.empty() ? what : what + ": " + reason;
}

} // namespace cowl::node
