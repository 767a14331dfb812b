// SPDX-License-Identifier: GPL-3.0-or-later
#include "node/api/ApiFailure.h"

namespace cowl::node {

ApiFailure ApiFailure::badRequest(std::string code, std::string message, std::string field) {
    return ApiFailure(400, {std::move(code), std::move(message), std::move(field), std::nullopt});
}

ApiFailure ApiFailure::unauthorized() {
    return ApiFailure(401, {"unauthorized",
                            "missing, unknown or revoked token; send Authorization: Bearer <token> with a valid token",
                            "", std::nullopt});
}

ApiFailure ApiFailure::forbidden(std::string message) {
    return ApiFailure(403, {"forbidden", std::move(message), "", std::nullopt});
}

ApiFailure ApiFailure::notFound() {
    return ApiFailure(404, {"not_found", "no such object", "", std::nullopt});
}

ApiFailure ApiFailure::methodNotAllowed() {
    return ApiFailure(405, {"method_not_allowed", "this path does not take that method; see docs/api.md", "",
                            std::nullopt});
}

ApiFailure ApiFailure::conflict(std::string message, std::string field) {
    return ApiFailure(409, {"conflict", std::move(message), std::move(field), std::nullopt});
}

ApiFailure ApiFailure::preconditionFailed(std::uint64_t current) {
    return ApiFailure(412, {"precondition_failed",
                            "the document changed since you read it (now version " + std::to_string(current) +
                                "); reload and retry",
                            "", current});
}

ApiFailure ApiFailure::preconditionRequired(std::string message) {
    return ApiFailure(428, {"precondition_required", std::move(message), "", std::nullopt});
}

ApiFailure ApiFailure::payloadTooLarge() {
    return ApiFailure(413, {"payload_too_large", "the request body is over 1 MiB; send a smaller document", "",
                            std::nullopt});
}

ApiFailure ApiFailure::unsupportedMediaType() {
    return ApiFailure(415, {"unsupported_media_type", "send the body as JSON with Content-Type: application/json",
                            "", std::nullopt});
}

ApiFailure ApiFailure::unprocessable(std::string message, std::string field) {
    return ApiFailure(422, {"unprocessable", std::move(message), std::move(field), std::nullopt});
}

ApiFailure ApiFailure::internal() {
    return ApiFailure(500, {"internal", "the node failed to handle this request; see the node's log", "",
                            std::nullopt});
}

} // namespace cowl::node
