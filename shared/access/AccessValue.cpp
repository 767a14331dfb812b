// SPDX-License-Identifier: GPL-3.0-or-later
#include "shared/access/AccessValue.h"

#include <charconv>

#include "shared/api/FieldError.h"
#include "shared/programs/ProgramCatalogue.h"

namespace cowl {

namespace {

constexpr std::size_t kMaxItems = 256;

std::uint32_t maxOf(AccessValue::Domain domain) {
    return domain == AccessValue::Domain::Port ? 65535 : ProgramCatalogue::kMaxIndex;
}

std::string noun(AccessValue::Domain domain) {
    return domain == AccessValue::Domain::Port ? "port" : "index";
}

std::optional<std::uint32_t> parseDecimal(std::string_view s) {
    if (s.empty() || s.size() > 5 || (s.size() > 1 && s.front() == '0')) {
        return std::nullopt;
    }
    std::uint32_t v = 0;
    const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc() || end != s.data() + s.size()) {
        return std::nullopt;
    }
    return v;
}

AccessValue::Range parseItem(const nlohmann::json& item, AccessValue::Domain domain, const std::string& field) {
    const std::uint32_t max = maxOf(domain);
    const std::string rangeHelp = "a " + noun(domain) + " from 1 to " + std::to_string(max) + " or a range like \"" +
                                  (domain == AccessValue::Domain::Port ? "8000-8100" : "1-4") + "\"";
    if (item.is_number_integer()) {
        const bool negative = item.is_number_integer() && !item.is_number_unsigned() && item.get<std::int64_t>() < 0;
        const std::uint64_t v = negative ? 0 : item.get<std::uint64_t>();
        if (negative || v < 1 || v > max) {
            throw ValidationError(field, "\"" + field + "\" must be " + rangeHelp);
        }
        return {static_cast<std::uint32_t>(v), static_cast<std::uint32_t>(v)};
    }
    if (item.is_string()) {
        const std::string s = item.get<std::string>();
        const auto dash = s.find('-');
        const auto first = parseDecimal(std::string_view(s).substr(0, dash));
        const auto last = dash == std::string::npos ? first : parseDecimal(std::string_view(s).substr(dash + 1));
        if (!first || !last || *first < 1 || *last > max || *first > *last) {
            throw ValidationError(field, "\"" + field + "\" must be " + rangeHelp + "; got \"" + s.substr(0, 40) + "\"");
        }
        return {*first, *last};
    }
    // Not a number or string at all: a shape error (400), not a bad value (422).
    throw FieldError(FieldError::Kind::Invalid, field, "\"" + field + "\" must be " + rangeHelp);
}

} // namespace

AccessValue::Domain AccessValue::domainOf(std::string_view program) {
    if (ProgramCatalogue::isPortAddressed(program)) {
        return Domain::Port;
    }
    const ProgramInfo* info = ProgramCatalogue::find(program);
    return info != nullptr && info->indexed ? Domain::Index : Domain::Boolean;
}

AccessValue AccessValue::parse(const nlohmann::json& value, Domain domain, const std::string& field) {
    AccessValue v;
    v.m_written = value;
    if (value.is_boolean()) {
        v.m_kind = value.get<bool>() ? Kind::All : Kind::Deny;
        return v;
    }
    if (value.is_string() && value.get<std::string>() == "*") {
        v.m_kind = Kind::All;
        return v;
    }
    if (!value.is_number() && !value.is_string() && !value.is_array()) {
        throw FieldError(FieldError::Kind::Invalid, field, "\"" + field + "\" must be true, false, \"*\", a number, a range or a list");
    }
    if (domain == Domain::Boolean) {
        throw ValidationError(field, "\"" + field + "\" must be true, false or \"*\" (this program has no ports or indexes)");
    }
    v.m_kind = Kind::Some;
    if (value.is_array()) {
        if (value.empty() || value.size() > kMaxItems) {
            throw ValidationError(field, "\"" + field + "\" must list 1 to " + std::to_string(kMaxItems) + " " +
                                             noun(domain) + "s or ranges; use false to deny");
        }
        for (std::size_t i = 0; i < value.size(); ++i) {
            v.m_ranges.push_back(parseItem(value[i], domain, field + "." + std::to_string(i)));
        }
        return v;
    }
    v.m_ranges.push_back(parseItem(value, domain, field));
    return v;
}

bool AccessValue::grants(std::optional<std::uint32_t> number) const {
    switch (m_kind) {
    case Kind::Deny:
        return false;
    case Kind::All:
        return true;
    case Kind::Some:
        break;
    }
    if (!number) {
        return false;
    }
    for (const Range& r : m_ranges) {
        if (*number >= r.first && *number <= r.last) {
            return true;
        }
    }
    return false;
}

} // namespace cowl
