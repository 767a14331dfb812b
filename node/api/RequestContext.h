// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "node/api/ApiFailure.h"
#include "node/api/ApiRequest.h"
#include "node/api/Principal.h"
#include "shared/api/FieldError.h"

namespace cowl::node {

// What a handler gets: the request, who sent it, the {id} parts of the path and
// the query. body<T>() parses strictly and turns codec errors into 400/422.
class RequestContext {
public:
    RequestContext(const ApiRequest& request, const Principal& principal, std::vector<std::string> params,
                   std::map<std::string, std::string> query)
        : request(request), principal(principal), params(std::move(params)), query(std::move(query)) {}

    const ApiRequest& request;
    const Principal& principal;
    std::vector<std::string> params;
    std::map<std::string, std::string> query;

    const std::string& param(std::size_t i) const { return params.at(i); }

    nlohmann::json json() const;

    template <typename T>
    T body() const {
        const nlohmann::json j = json();
        try {
            return j.get<T>();
        } catch (const FieldError& e) {
            throw failureFor(e);
        } catch (const ValidationError& e) {
            throw ApiFailure::unprocessable(e.what(), e.field());
        } catch (const nlohmann::json::exception& e) {
            throw ApiFailure::badRequest("invalid_field", "a field has the wrong type; see docs/api.md");
        }
    }

    // The version in If-Match ("N"); 428 when missing or "*", 400 when unreadable.
    std::uint64_t ifMatch() const;

    static ApiFailure failureFor(const FieldError& e);
};

} // namespace cowl::node
