// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace cowl {

// One cell of the permissions matrix (SPEC §3 "Access values"): true/false,
// "*", or for http/https a port, port list or "8000-8100", for other indexed
// programs an index, list or range. The value is kept as written so the
// console gets back exactly what the operator typed.
class AccessValue {
public:
    enum class Kind { Deny, All, Some };
    // What numbers mean for the program the value belongs to.
    enum class Domain { Boolean, Port, Index };

    struct Range {
        std::uint32_t first;
        std::uint32_t last;
    };

    AccessValue() = default;

    // Throws ValidationError at `field` for a value the domain does not allow.
    static AccessValue parse(const nlohmann::json& value, Domain domain, const std::string& field);
    static Domain domainOf(std::string_view program);

    Kind kind() const { return m_kind; }
    // Grants the port (Domain::Port) or index (Domain::Index) `number`;
    // a Some value never grants a request that carries no number.
    bool grants(std::optional<std::uint32_t> number) const;
    bool deniesExplicitly() const { return m_kind == Kind::Deny; }
    const std::vector<Range>& ranges() const { return m_ranges; }
    const nlohmann::json& written() const { return m_written; }

private:
    Kind m_kind = Kind::Deny;
    std::vector<Range> m_ranges;
    nlohmann::json m_written = false;
};

} // namespace cowl
