// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <stdexcept>
#include <string>

namespace cowl::node {

// The one error type of the container runtime, snapshots and storage. The
// API maps `kind` to a status: InvalidInput 422 (with `field`), NotFound 404,
// Conflict 409 (wrong state, name taken), Busy 409 (another snapshot
// operation on the same container is running), Failed 500 with the message
// (it names the container and the operation, never a secret).
class RuntimeError : public std::runtime_error {
public:
    enum class Kind { InvalidInput, NotFound, Conflict, Busy, Failed };

    RuntimeError(Kind kind, std::string field, const std::string& message)
        : std::runtime_error(message), m_kind(kind), m_field(std::move(field)) {}

    Kind kind() const { return m_kind; }
    const std::string& field() const { return m_field; }

private:
    Kind m_kind;
    std::string m_field;
};

} // namespace cowl::node
