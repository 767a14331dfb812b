// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "shared/access/AccessDocument.h"
#include "shared/access/CredentialSource.h"
#include "shared/access/PasswordVerdicts.h"
#include "shared/access/PresentedCredentials.h"
#include "shared/access/VerifiedCredentials.h"
#include "shared/net/IpAddress.h"

namespace cowl {

struct AccessRequest {
    std::string_view program;
    std::optional<std::uint16_t> port;   // http/https: the container port (pass the program table's);
                                         // absent = the catalogue default (80, 443)
    std::optional<std::uint32_t> index;  // indexed programs; absent = 1
    IpAddress client;                    // the socket's peer (or a trusted proxy's X-Forwarded-For)
    PresentedCredentials credentials;
    std::optional<std::int64_t> now;     // Unix seconds for JWT exp/nbf; absent = system clock
    // Set: scrypt never runs inside the evaluation; a password check with no
    // verdict here ends it pending (see PasswordVerdicts). Null: verified inline.
    const PasswordVerdicts* passwordVerdicts = nullptr;
};

struct AccessDecision {
    bool allowed = false;
    int status = 403;                 // 200, 401 or 403
    std::optional<std::string> group; // the group that granted (or explicitly denied)
    std::string reason;               // for the access log and the console's preview; never a secret
    std::string challenge;            // WWW-Authenticate value when status is 401
    bool credentialFailed = false;    // a credential was presented and wrong: counts toward 429
    // The credential the granting group consumed: the proxy strips it before
    // forwarding unless forwardCredentials.
    std::optional<CredentialSource> consumed;
    bool forwardCredentials = false;
    // Set: nothing is decided yet (the other fields mean nothing). Verify
    // this, add the verdict to the request's PasswordVerdicts, evaluate again.
    std::optional<PasswordCheck> pendingPassword;
};

// SPEC §3 evaluation, the one implementation the proxy, the explain endpoint
// and the console's "who can reach this?" preview all run:
//   1. a group is satisfied when its credential is presented and valid and
//      the client is inside its `from`, or (ip groups) the client is inside;
//   2. a satisfied group granting the program (port/index) → allow;
//   3. else a satisfied group with an explicit false → deny;
//   4. else the document's default.
// A null document is open. Denials are 401 (with a Basic and/or Bearer
// challenge) when an unsatisfied credential group could grant the request and
// nobody was identified, else 403.
class AccessEvaluator {
public:
    static AccessDecision evaluate(const AccessDocument* document, const AccessRequest& request,
                                   VerifiedCredentials* memory = nullptr);
};

} // namespace cowl
