// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>

#include "shared/api/ApiError.h"

namespace cowl::node {

// An answer other than 2xx, thrown by handlers and turned into the one error
// envelope in one place (ControlApi).
class ApiFailure : public std::runtime_error {
public:
    ApiFailure(unsigned status, ApiError error) : std::runtime_error(error.message), status(status), error(std::move(error)) {}

    static ApiFailure badRequest(std::string code, std::string message, std::string field = {});
    static ApiFailure unauthorized();
    static ApiFailure forbidden(std::string message);
    static ApiFailure notFound();
    static ApiFailure methodNotAllowed();
    static ApiFailure conflict(std::string message, std::string field = {});
    static ApiFailure preconditionFailed(std::uint64_t current);
    static ApiFailure preconditionRequired(std::string message);
    static ApiFailure payloadTooLarge();
    static ApiFailure unsupportedMediaType();
    static ApiFailure unprocessable(std::string message, std::string field = {});
    static ApiFailure internal();

    unsigned status;
    ApiError error;
};

} // namespace cowl::node
