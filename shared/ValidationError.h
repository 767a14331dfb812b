// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <stdexcept>
#include <string>

namespace cowl {

// Thrown by every from_json and validate() in shared/ when input is wrong.
// `field` is a JSON-pointer-like path to the offending value ("groups.ops.password")
// so the API can put it in the error envelope and the console can point at it.
class ValidationError : public std::runtime_error {
public:
    ValidationError(std::string field, const std::string& message)
        : std::runtime_error(message), m_field(std::move(field)) {}

    const std::string& field() const { return m_field; }

private:
    std::string m_field;
};

} // namespace cowl
