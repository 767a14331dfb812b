// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace cowl {

// Strict Base64 (RFC 4648): standard alphabet with padding for HTTP Basic and
// WireGuard keys, URL-safe alphabet without padding for JWTs. Decoding rejects
// any character outside the alphabet and any leftover bits that are not zero.
class Base64 {
public:
    static std::string encode(std::string_view bytes);
    static std::string encodeUrl(std::string_view bytes);
    static std::optional<std::string> decode(std::string_view text);
    static std::optional<std::string> decodeUrl(std::string_view text);
};

} // namespace cowl
