// SPDX-License-Identifier: GPL-3.0-or-later
#include "shared/api/StrictObject.h"

namespace cowl {

StrictObject::StrictObject(const nlohmann::json& j, std::string path) : m_json(j), m_path(std::move(path)) {
    if (!m_json.is_object()) {
        const std::string what = m_path.empty() ? "the request body" : "\"" + m_path + "\"";
        throw FieldError(FieldError::Kind::Invalid, m_path, what + " must be a JSON object");
    }
}

std::string StrictObject::fieldPath(std::string_view name) const {
    return m_path.empty() ? std::string(name) : m_path + "." + std::string(name);
}

const nlohmann::json* StrictObject::find(std::string_view name) {
    m_seen.emplace(name);
    auto it = m_json.find(std::string(name));
    return it == m_json.end() ? nullptr : &*it;
}

void StrictObject::finish() const {
    for (const auto& [key, value] : m_json.items()) {
        if (!m_seen.contains(key)) {
            const std::string field = fieldPath(key);
            throw FieldError(FieldError::Kind::Unknown, field,
                             "unknown field \"" + field + "\"; remove it (check its spelling against docs/api.md)");
        }
    }
}

void StrictObject::invalid(const std::string& field, const std::string& expected) {
    throw FieldError(FieldError::Kind::Invalid, field, "the field \"" + field + "\" must be " + expected);
}

} // namespace cowl
