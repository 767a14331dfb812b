// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <atomic>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <boost/beast/http/message.hpp>

#include "node/proxy/FailureThrottle.h"
#include "node/proxy/HostRouter.h"
#include "shared/net/IpAddress.h"
#include "node/proxy/ProxyFields.h"
#include "shared/access/PasswordVerdicts.h"

namespace cowl {
class VerifiedCredentials;
}

namespace cowl::node {

struct ProxyOptions;

struct GateDecision {
    int status = 200;              // 200 allow, 401, 403, 429
    std::string challenge;         // WWW-Authenticate for 401
    std::string group;             // the group that granted access
    std::string reason;            // for the access log, never for the client
    bool forwardCredentials = false;
    // What the granting group consumed, removed before forwarding.
    bool stripAuthorization = false;
    std::string stripHeader;
    std::string stripCookie;
    std::string stripQuery;
    // Set: undecided until this password is verified (off the worker; see
    // PasswordVerifier) and the check is made again with its verdict.
    std::optional<PasswordCheck> pendingPassword;

    bool allowed() const { return status == 200; }
};

// The access step of the request chain: brute-force throttle, then the
// shared AccessEvaluator (the same one the console previews with).
class AccessGate {
public:
    explicit AccessGate(const ProxyOptions& options);

    // `verified` is the calling worker's credential cache; `verdicts` the
    // request's password checks made so far.
    GateDecision check(const ProxyContainer& container, const Route& route,
                       const ProxyRequestHeader& request, const IpAddress& client,
                       VerifiedCredentials* verified, const PasswordVerdicts& verdicts);

    // A document in force changed: workers drop their credential caches.
    // (Fingerprints already make changed groups miss; this frees the memory.)
    void documentsChanged() { m_documentsGeneration.fetch_add(1, std::memory_order_release); }
    std::uint64_t documentsGeneration() const { return m_documentsGeneration.load(std::memory_order_acquire); }

    FailureThrottle& throttle() { return m_throttle; }

private:
    FailureThrottle m_throttle;
    std::atomic<std::uint64_t> m_documentsGeneration{0};
};

} // namespace cowl::node
