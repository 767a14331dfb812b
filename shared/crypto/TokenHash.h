// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <string>
#include <string_view>

namespace cowl {

// Tokens are long random secrets, so a fast unsalted SHA-256 is enough to keep
// them out of storage; compare hashes in constant time.
class TokenHash {
public:
    static std::string sha256Hex(std::string_view data); // 64 lowercase hex characters
    static std::string sha256(std::string_view data);    // 32 raw bytes
    static bool matches(std::string_view presented, std::string_view storedHex);
    static bool constantTimeEquals(std::string_view a, std::string_view b);
};

} // namespace cowl
