// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace cowl::node {

// Keeps an alias's client path under its target_path (allow_path_override:
// false). The path is normalised the way a backend might interpret it
// (percent-encoded dots and slashes, backslashes, double slashes, dot
// segments) before the check, so no spelling escapes the jail.
class PathJail {
public:
    // The path to forward (query kept), or nullopt when the path would
    // leave the jail or is not a valid origin-form target: the caller answers 400.
    static std::optional<std::string> confine(std::string_view target, std::string_view jailRoot);

    // allow_path_override: true — the client's path is forwarded, "/" becomes target_path.
    static std::string overrideRoot(std::string_view target, std::string_view targetPath);

    // Normalised absolute path (no query), or nullopt when ".." climbs above "/".
    static std::optional<std::string> normalise(std::string_view path);
};

} // namespace cowl::node
