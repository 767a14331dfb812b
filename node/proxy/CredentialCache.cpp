// SPDX-License-Identifier: GPL-3.0-or-later
#include "node/proxy/CredentialCache.h"

#include <cstring>
#include <memory>
#include <stdexcept>

#include <openssl/evp.h>
#include <openssl/rand.h>

namespace cowl::node {

namespace {

// One key per process, so cache keys mean nothing outside this process
// (a core dump shows no reusable credential hash).
const std::array<unsigned char, 32>& processKey()
{
    static const std::array<unsigned char, 32> key = [] {
        std::array<unsigned char, 32> k{};
        if (RAND_bytes(k.data(), static_cast<int>(k.size())) != 1)
            std::abort();
        return k;
    }();
    return key;
}

} // namespace

CredentialCache::CredentialCache(std::size_t capacity)
    : m_capacity(capacity)
{
    static EVP_MD* sha256 = EVP_MD_fetch(nullptr, "SHA256", nullptr);
    const auto& key = processKey();
    unsigned char ipad[64];
    unsigned char opad[64];
    for (std::size_t i = 0; i < 64; ++i) {
        unsigned char k = i < key.size() ? key[i] : 0;
        ipad[i] = k ^ 0x36;
        opad[i] = k ^ 0x5c;
    }
    m_inner = EVP_MD_CTX_new();
    m_outer = EVP_MD_CTX_new();
    m_scratch = EVP_MD_CTX_new();
    if (!m_inner || !m_outer || !m_scratch || !sha256 || EVP_DigestInit_ex(m_inner, sha256, nullptr) != 1 ||
        EVP_DigestUpdate(m_inner, ipad, sizeof ipad) != 1 || EVP_DigestInit_ex(m_outer, sha256, nullptr) != 1 ||
        EVP_DigestUpdate(m_outer, opad, sizeof opad) != 1)
        throw std::runtime_error("OpenSSL could not set up SHA-256 for the credential cache");
    OPENSSL_cleanse(ipad, sizeof ipad);
    OPENSSL_cleanse(opad, sizeof opad);
    m_entries.reserve(std::min<std::size_t>(capacity, 1024));
}

CredentialCache::~CredentialCache()
{
    EVP_MD_CTX_free(m_inner);
    EVP_MD_CTX_free(m_outer);
    EVP_MD_CTX_free(m_scratch);
}

std::size_t CredentialCache::KeyHash::operator()(const Key& k) const noexcept
{
    std::size_t h;
    std::memcpy(&h, k.data(), sizeof h);
    return h;
}

CredentialCache::Key CredentialCache::keyFor(std::string_view groupFingerprint, std::string_view presented) const
{
    // Length-prefix the fingerprint so (ab, c) and (a, bc) differ.
    auto n = static_cast<std::uint32_t>(groupFingerprint.size());
    unsigned char innerHash[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    Key out{};
    EVP_MD_CTX_copy_ex(m_scratch, m_inner);
    EVP_DigestUpdate(m_scratch, &n, sizeof n);
    EVP_DigestUpdate(m_scratch, groupFingerprint.data(), groupFingerprint.size());
    EVP_DigestUpdate(m_scratch, presented.data(), presented.size());
    EVP_DigestFinal_ex(m_scratch, innerHash, &length);
    EVP_MD_CTX_copy_ex(m_scratch, m_outer);
    EVP_DigestUpdate(m_scratch, innerHash, length);
    EVP_DigestFinal_ex(m_scratch, out.data(), &length);
    return out;
}

bool CredentialCache::contains(std::string_view groupFingerprint, std::string_view presented, std::int64_t now) const
{
    if (m_entries.empty())
        return false;
    auto it = m_entries.find(keyFor(groupFingerprint, presented));
    if (it == m_entries.end() || it->second < now)
        return false;
    ++m_hits;
    return true;
}

void CredentialCache::add(std::string_view groupFingerprint, std::string_view presented, std::int64_t validUntil)
{
    if (m_entries.size() >= m_capacity) {
        // Bounded: drop an arbitrary entry; a dropped one costs one more verification.
        m_entries.erase(m_entries.begin());
    }
    m_entries[keyFor(groupFingerprint, presented)] = validUntil;
}

} // namespace cowl::node
