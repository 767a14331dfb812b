// SPDX-License-Identifier: GPL-3.0-or-later
#include "node/api/Authenticator.h"

#include "node/api/UtcClock.h"
#include "shared/api/ConnectionString.h"
#include "shared/crypto/TokenHash.h"

namespace cowl::node {

std::optional<Principal> Authenticator::authenticate(std::string_view header) {
    constexpr std::string_view kBearer = "Bearer ";
    if (!header.starts_with(kBearer)) {
        return std::nullopt;
    }
    const std::string_view secret = header.substr(kBearer.size());
    if (!ConnectionString::isValidToken(secret)) {
        return std::nullopt;
    }
    const std::string hash = TokenHash::sha256Hex(secret);
    for (const auto& doc : m_store.list("tokens")) {
        const auto it = doc.body.find("sha256");
        if (it == doc.body.end() || !it->is_string()) {
            continue;
        }
        if (!TokenHash::constantTimeEquals(it->get<std::string>(), hash)) {
            continue;
        }
        const auto role = parseTokenRole(doc.body.value("role", std::string()));
        if (!role) {
            return std::nullopt;
        }
        Principal principal{doc.key, *role, std::nullopt};
        const auto realm = doc.body.find("realm_id");
        if (realm != doc.body.end() && realm->is_string()) {
            principal.realmId = realm->get<std::string>();
        }
        noteUse(doc.key);
        return principal;
    }
    return std::nullopt;
}

// last_used_at is informative: written at most once a minute per token so that
// reads do not each cost an fsync.
void Authenticator::noteUse(const std::string& tokenId) {
    const auto now = std::chrono::steady_clock::now();
    {
        std::lock_guard lock(m_mutex);
        auto& last = m_lastNoted[tokenId];
        if (last.time_since_epoch().count() != 0 && now - last < std::chrono::minutes(1)) {
            return;
        }
        last = now;
    }
    auto doc = m_store.get("tokens", tokenId);
    if (!doc) {
        return;
    }
    doc->body["last_used_at"] = UtcClock::now();
    try {
        m_store.put("tokens", tokenId, doc->body, doc->version);
    } catch (const VersionConflict&) {
        // Changed or revoked meanwhile: the next use notes it.
    }
}

} // namespace cowl::node
