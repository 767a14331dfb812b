// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cmath>
#include <cstdint>
#include <limits>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <type_traits>

#include <nlohmann/json.hpp>

#include "shared/api/FieldError.h"

namespace cowl {

// Reads one JSON object field by field, strictly: wrong JSON types are
// invalid_field (no silent 1.5 → 1 or "1" → 1), absent required fields are
// missing_field, and finish() rejects any field nobody asked for (unknown_field).
// Field names in errors are prefixed with `path` ("limits.memory_mb").
class StrictObject {
public:
    StrictObject(const nlohmann::json& j, std::string path = {});

    template <typename T>
    T required(std::string_view name) {
        const auto* v = find(name);
        if (v == nullptr) {
            throw FieldError(FieldError::Kind::Missing, fieldPath(name), "the field \"" + fieldPath(name) + "\" is required");
        }
        return convert<T>(*v, fieldPath(name));
    }

    template <typename T>
    std::optional<T> optional(std::string_view name) {
        const auto* v = find(name);
        if (v == nullptr) {
            return std::nullopt;
        }
        return convert<T>(*v, fieldPath(name));
    }

    // Present and null → std::nullopt inside the outer optional; absent → nullopt.
    template <typename T>
    std::optional<std::optional<T>> nullable(std::string_view name) {
        const auto* v = find(name);
        if (v == nullptr) {
            return std::nullopt;
        }
        std::optional<std::optional<T>> out;
        out.emplace();
        if (!v->is_null()) {
            out->emplace(convert<T>(*v, fieldPath(name)));
        }
        return out;
    }

    const nlohmann::json* raw(std::string_view name) { return find(name); }
    bool has(std::string_view name) const { return m_json.contains(std::string(name)); }
    std::string fieldPath(std::string_view name) const;
    void finish() const;

    template <typename T>
    static T convert(const nlohmann::json& v, const std::string& field);

    [[noreturn]] static void invalid(const std::string& field, const std::string& expected);

private:
    const nlohmann::json* find(std::string_view name);

    const nlohmann::json& m_json;
    std::string m_path;
    std::set<std::string, std::less<>> m_seen;
};

template <typename T>
T StrictObject::convert(const nlohmann::json& v, const std::string& field) {
    if constexpr (std::is_same_v<T, bool>) {
        if (!v.is_boolean()) {
            invalid(field, "true or false");
        }
        return v.get<bool>();
    } else if constexpr (std::is_same_v<T, std::string>) {
        if (!v.is_string()) {
            invalid(field, "a string");
        }
        return v.get<std::string>();
    } else if constexpr (std::is_same_v<T, double>) {
        if (!v.is_number()) {
            invalid(field, "a number");
        }
        return v.get<double>();
    } else if constexpr (std::is_integral_v<T>) {
        if (!v.is_number_integer()) {
            invalid(field, "a whole number");
        }
        if (v.is_number_unsigned()) {
            const auto u = v.get<std::uint64_t>();
            if (u > static_cast<std::uint64_t>(std::numeric_limits<T>::max())) {
                invalid(field, "a whole number from " + std::to_string(std::numeric_limits<T>::min()) + " to " +
                                   std::to_string(std::numeric_limits<T>::max()));
            }
            return static_cast<T>(u);
        }
        const auto s = v.get<std::int64_t>();
        if (s < static_cast<std::int64_t>(std::numeric_limits<T>::min()) ||
            (s > 0 && static_cast<std::uint64_t>(s) > static_cast<std::uint64_t>(std::numeric_limits<T>::max()))) {
            invalid(field, "a whole number from " + std::to_string(std::numeric_limits<T>::min()) + " to " +
                               std::to_string(std::numeric_limits<T>::max()));
        }
        return static_cast<T>(s);
    } else if constexpr (std::is_same_v<T, nlohmann::json>) {
        return v;
    } else {
        // Structs: their from_json reads them strictly with a nested path.
        try {
            return v.get<T>();
        } catch (const FieldError& e) {
            throw FieldError(e.kind(), e.field().empty() ? field : field + "." + e.field(), e.what());
        } catch (const ValidationError& e) {
            throw FieldError(FieldError::Kind::Invalid, e.field().empty() ? field : field + "." + e.field(), e.what());
        }
    }
}

} // namespace cowl
