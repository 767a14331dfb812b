// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <compare>
#include <optional>
#include <string>
#include <string_view>

namespace cowl {

// A 96-bit random identifier written as 24 lowercase hex characters. Ids are
// the secret half of every container URL, so they come from the OS CSPRNG and
// parsing accepts exactly one spelling (no case folding, no padding).
class Id {
public:
    static constexpr std::size_t kHexLength = 24;

    static Id generate();
    static std::optional<Id> parse(std::string_view text);
    static bool isValid(std::string_view text);

    const std::string& str() const { return m_hex; }

    auto operator<=>(const Id&) const = default;

private:
    explicit Id(std::string hex) : m_hex(std::move(hex)) {}
    std::string m_hex;
};

} // namespace cowl
