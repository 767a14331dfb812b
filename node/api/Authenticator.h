// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <chrono>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

#include "node/api/Principal.h"
#include "node/store/DocumentStore.h"

namespace cowl::node {

// Bearer token → Principal through the SHA-256 of the secret. Missing, malformed,
// unknown and revoked tokens all give nullopt (one identical 401 upstream).
class Authenticator {
public:
    explicit Authenticator(DocumentStore& store) : m_store(store) {}

    std::optional<Principal> authenticate(std::string_view authorizationHeader);

private:
    void noteUse(const std::string& tokenId);

    DocumentStore& m_store;
    std::mutex m_mutex;
    std::map<std::string, std::chrono::steady_clock::time_point> m_lastNoted;
};

} // namespace cowl::node
