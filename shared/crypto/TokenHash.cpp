// SPDX-License-Identifier: GPL-3.0-or-later
#include "shared/crypto/TokenHash.h"

#include <openssl/crypto.h>
#include <openssl/sha.h>

#include "shared/crypto/Random.h"

namespace cowl {

std::string TokenHash::sha256(std::string_view data) {
    std::string digest(SHA256_DIGEST_LENGTH, '\0');
    SHA256(reinterpret_cast<const unsigned char*>(data.data()), data.size(),
           reinterpret_cast<unsigned char*>(digest.data()));
    return digest;
}

std::string TokenHash::sha256Hex(std::string_view data) {
    return toHex(sha256(data));
}

bool TokenHash::matches(std::string_view presented, std::string_view storedHex) {
    return constantTimeEquals(sha256Hex(presented), storedHex);
}

bool TokenHash::constantTimeEquals(std::string_view a, std::string_view b) {
    // Lengths of hashes are public; only the content must not leak through timing.
    if (a.size() != b.size()) {
        return false;
    }
    return CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

} // namespace cowl
