// SPDX-License-Identifier: GPL-3.0-or-later
#include "node/api/RequestContext.h"

#include <charconv>

namespace cowl::node {

nlohmann::json RequestContext::json() const {
    if (request.body.empty()) {
        throw ApiFailure::badRequest("invalid_json", "this request needs a JSON body; see docs/api.md");
    }
    try {
        return nlohmann::json::parse(request.body);
    } catch (const nlohmann::json::parse_error& e) {
        throw ApiFailure::badRequest("invalid_json", std::string("the body is not valid JSON (") + e.what() +
                                                         "); fix it and retry");
    }
}

std::uint64_t RequestContext::ifMatch() const {
    if (!request.ifMatch || request.ifMatch->empty()) {
        throw ApiFailure::preconditionRequired(
            "this write needs If-Match: \"N\" with the version you read (GET it first)");
    }
    std::string_view v = *request.ifMatch;
    if (v == "*") {
        throw ApiFailure::preconditionRequired(
            "If-Match: * is not accepted; send If-Match: \"N\" with the version you read");
    }
    if (v.starts_with("W/")) {
        v.remove_prefix(2);
    }
    if (v.size() >= 2 && v.front() == '"' && v.back() == '"') {
        v = v.substr(1, v.size() - 2);
    }
    std::uint64_t version = 0;
    const auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), version);
    if (ec != std::errc() || end != v.data() + v.size() || v.empty()) {
        throw ApiFailure::badRequest("bad_request", "If-Match must be a version in quotes, like \"3\"");
    }
    return version;
}

ApiFailure RequestContext::failureFor(const FieldError& e) {
    switch (e.kind()) {
    case FieldError::Kind::Missing: return ApiFailure::badRequest("missing_field", e.what(), e.field());
    case FieldError::Kind::Unknown: return ApiFailure::badRequest("unknown_field", e.what(), e.field());
    case FieldError::Kind::Invalid: break;
    }
    return ApiFailure::badRequest("invalid_field", e.what(), e.field());
}

} // namespace cowl::node
