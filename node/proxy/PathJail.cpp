// SPDX-License-Identifier: GPL-3.0-or-later
#include "node/proxy/PathJail.h"

#include "shared/text/Ascii.h"

#include <vector>

namespace cowl::node {

namespace {

using ascii::hexValue;


std::string joinUnder(std::string_view root, std::string_view rest)
{
    std::string out;
    if (root.empty() || root.front() != '/')
        out.push_back('/');
    out.append(root);
    if (rest.empty())
        return out;
    while (!out.empty() && out.back() == '/')
        out.pop_back();
    out.append(rest);
    return out;
}

} // namespace

std::optional<std::string> PathJail::normalise(std::string_view path)
{
    // Decode only the characters that change the path's structure; other
    // escapes go through untouched so the backend sees what the client sent.
    std::string decoded;
    decoded.reserve(path.size());
    for (std::size_t i = 0; i < path.size(); ++i) {
        char c = path[i];
        if (c == '%') {
            if (i + 2 >= path.size())
                return std::nullopt;
            int hi = hexValue(path[i + 1]);
            int lo = hexValue(path[i + 2]);
            if (hi < 0 || lo < 0)
                return std::nullopt;
            char value = static_cast<char>(hi * 16 + lo);
            if (value == '.' || value == '/' || value == '\\') {
                decoded.push_back(value == '\\' ? '/' : value);
                i += 2;
                continue;
            }
            if (value == '\0')
                return std::nullopt;
            decoded.append(path.substr(i, 3));
            i += 2;
            continue;
        }
        decoded.push_back(c == '\\' ? '/' : c);
    }
    if (decoded.empty() || decoded.front() != '/')
        return std::nullopt;

    std::vector<std::string_view> segments;
    std::string_view rest(decoded);
    bool trailingSlash = false;
    while (!rest.empty()) {
        rest.remove_prefix(1); // the '/'
        auto next = rest.find('/');
        std::string_view seg = rest.substr(0, next);
        rest = next == std::string_view::npos ? std::string_view{} : rest.substr(next);
        trailingSlash = rest.empty() && (seg.empty() || seg == "." || seg == "..");
        if (seg.empty() || seg == ".")
            continue;
        if (seg == "..") {
            if (segments.empty())
                return std::nullopt;
            segments.pop_back();
            continue;
        }
        segments.push_back(seg);
    }
    std::string out;
    for (auto seg : segments) {
        out.push_back('/');
        out.append(seg);
    }
    if (out.empty() || trailingSlash || (decoded.size() > 1 && decoded.back() == '/'))
        out.push_back('/');
    return out;
}

std::optional<std::string> PathJail::confine(std::string_view target, std::string_view jailRoot)
{
    auto q = target.find('?');
    std::string_view path = target.substr(0, q);
    std::string_view query = q == std::string_view::npos ? std::string_view{} : target.substr(q);
    auto normal = normalise(path);
    if (!normal)
        return std::nullopt;
    std::string out = joinUnder(jailRoot, *normal == "/" ? std::string_view{} : std::string_view(*normal));
    out.append(query);
    return out;
}

std::string PathJail::overrideRoot(std::string_view target, std::string_view targetPath)
{
    auto q = target.find('?');
    std::string_view path = target.substr(0, q);
    if (path != "/" || targetPath.empty())
        return std::string(target);
    std::string out(targetPath);
    if (out.front() != '/')
        out.insert(out.begin(), '/');
    if (q != std::string_view::npos)
        out.append(target.substr(q));
    return out;
}

} // namespace cowl::node
