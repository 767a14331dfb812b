// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "shared/ValidationError.h"

namespace cowl {

// A ValidationError that also says which of the API's 400 codes it is, so the
// node answers `missing_field` / `unknown_field` / `invalid_field` exactly and
// the console can tell them apart. Plain ValidationErrors map to invalid_field.
class FieldError : public ValidationError {
public:
    enum class Kind { Missing, Unknown, Invalid };

    FieldError(Kind kind, std::string field, const std::string& message)
        : ValidationError(std::move(field), message), m_kind(kind) {}

    Kind kind() const { return m_kind; }

private:
    Kind m_kind;
};

} // namespace cowl
