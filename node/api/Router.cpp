// SPDX-License-Identifier: GPL-3.0-or-later
#include "node/api/Router.h"

namespace cowl::node {

std::vector<std::string> Router::split(std::string_view path) {
    std::vector<std::string> segments;
    std::size_t pos = 0;
    while (pos < path.size()) {
        if (path[pos] == '/') {
            ++pos;
            continue;
        }
        const std::size_t end = std::min(path.find('/', pos), path.size());
        segments.emplace_back(path.substr(pos, end - pos));
        pos = end;
    }
    return segments;
}

void Router::add(std::string method, std::string_view pattern, Handler handler, Concurrency concurrency) {
    m_routes.push_back(Route{std::move(method), split(pattern), std::move(handler), concurrency});
}

Router::Match Router::match(std::string_view method, std::string_view path) const {
    Match result;
    // "//x" and "/x/" are not the same resource as "/x": no normalisation games.
    if (path.empty() || path.front() != '/' || path.find("//") != std::string_view::npos ||
        (path.size() > 1 && path.back() == '/')) {
        return result;
    }
    const auto segments = split(path);
    for (const auto& route : m_routes) {
        if (route.segments.size() != segments.size()) {
            continue;
        }
        std::vector<std::string> params;
        bool ok = true;
        for (std::size_t i = 0; ok && i < segments.size(); ++i) {
            const std::string& pattern = route.segments[i];
            if (pattern.size() > 2 && pattern.front() == '{' && pattern.back() == '}') {
                params.push_back(segments[i]);
            } else {
                ok = route.segments[i] == segments[i];
            }
        }
        if (!ok) {
            continue;
        }
        result.pathKnown = true;
        if (route.method == method) {
            result.handler = &route.handler;
            result.params = std::move(params);
            result.concurrency = route.concurrency;
            return result;
        }
    }
    return result;
}

} // namespace cowl::node
