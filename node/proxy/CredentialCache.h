// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <array>
#include <cstdint>
#include <unordered_map>

#include "shared/access/VerifiedCredentials.h"

struct evp_md_ctx_st;

namespace cowl::node {

// Credentials that already verified, one cache per worker thread (no
// locks). Entries are keyed by HMAC-SHA256(per-process key, group
// fingerprint, credential): the plaintext is never kept, and a group whose
// secret or rules change gets a new fingerprint, so its old entries can no
// longer be found. Bounded; expired entries (JWT exp) never match.
class CredentialCache final : public VerifiedCredentials {
public:
    explicit CredentialCache(std::size_t capacity = 10'000);
    ~CredentialCache() override;
    CredentialCache(const CredentialCache&) = delete;
    CredentialCache& operator=(const CredentialCache&) = delete;

    bool contains(std::string_view groupFingerprint, std::string_view presented, std::int64_t now) const override;
    void add(std::string_view groupFingerprint, std::string_view presented, std::int64_t validUntil) override;
    void clear() { m_entries.clear(); }
    std::size_t size() const { return m_entries.size(); }
    std::uint64_t hits() const { return m_hits; }

private:
    using Key = std::array<unsigned char, 32>;
    struct KeyHash {
        std::size_t operator()(const Key& k) const noexcept;
    };
    Key keyFor(std::string_view groupFingerprint, std::string_view presented) const;

    // HMAC-SHA256 with the key's inner and outer pads hashed once, so a
    // lookup is two context copies and two short hashes (no provider fetch).
    evp_md_ctx_st* m_inner = nullptr;
    evp_md_ctx_st* m_outer = nullptr;
    evp_md_ctx_st* m_scratch = nullptr;
    std::size_t m_capacity;
    std::unordered_map<Key, std::int64_t, KeyHash> m_entries; // -> valid until (Unix seconds)
    mutable std::uint64_t m_hits = 0;
};

} // namespace cowl::node
