// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "node/api/ApiRequest.h"
#include "node/api/RequestContext.h"

namespace cowl::node {

// Method + path pattern → handler. Patterns are literal segments and
// placeholders (`{id}`, `{name}`: "/api/v1/projects/{id}/containers"); a
// placeholder matches any one segment and handlers turn a malformed id into the
// same 404 as an unknown one. The first route that matches wins, so literal
// routes go before placeholder routes of the same shape.
class Router {
public:
    using Handler = std::function<ApiResponse(RequestContext&)>;

    // Writes run one at a time (ControlApi); `Concurrency::Parallel` is for long
    // runtime operations that serialize per container themselves (start, snapshot).
    enum class Concurrency { Serialized, Parallel };

    void add(std::string method, std::string_view pattern, Handler handler,
             Concurrency concurrency = Concurrency::Serialized);

    struct Match {
        const Handler* handler = nullptr; // null: see pathKnown
        bool pathKnown = false;           // some route has this path (so 405, not 404)
        Concurrency concurrency = Concurrency::Serialized;
        std::vector<std::string> params;
    };
    Match match(std::string_view method, std::string_view path) const;

private:
    struct Route {
        std::string method;
        std::vector<std::string> segments;
        Handler handler;
        Concurrency concurrency;
    };
    static std::vector<std::string> split(std::string_view path);

    std::vector<Route> m_routes;
};

} // namespace cowl::node
