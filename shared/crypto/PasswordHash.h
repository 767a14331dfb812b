// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace cowl {

// Salted scrypt in a self-describing string,
// "$scrypt$ln=15,r=8,p=1$<16-byte salt hex>$<32-byte hash hex>", so the cost
// can rise later without breaking stored hashes. Default cost takes ~50 ms;
// the proxy remembers verified credentials so it is paid once, not per request.
class PasswordHash {
public:
    struct Cost {
        unsigned log2N = 15;
        unsigned r = 8;
        unsigned p = 1;
    };

    static std::string hash(std::string_view password, Cost cost);
    static std::string hash(std::string_view password) { return hash(password, Cost{}); }
    // Constant-time on the hash; false for a malformed or absurdly costly encoding.
    static bool verify(std::string_view password, std::string_view encoded);
    static bool isWellFormed(std::string_view encoded);
};

} // namespace cowl
