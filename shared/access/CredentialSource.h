// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace cowl {

// Where a credential travels in a request: written "bearer", "header:Name",
// "cookie:Name" or "query:Name" in access documents. Basic is implied by
// password groups and never written.
struct CredentialSource {
    enum class Kind { Basic, Bearer, Header, Cookie, Query };

    Kind kind = Kind::Bearer;
    std::string name; // header, cookie or query parameter name; empty for Basic and Bearer

    static std::optional<CredentialSource> parse(std::string_view text);
    std::string toString() const;

    bool operator==(const CredentialSource&) const = default;
};

} // namespace cowl
