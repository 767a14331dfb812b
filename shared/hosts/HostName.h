// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

#include "shared/Id.h"

namespace cowl {

// A program host: {project}-{container}-{program}[-{n}].{suffix}.
// `http` and `https` take a container port instead of an index:
// `…-http.{suffix}` is the program table's http port, `…-http-8080.{suffix}`
// is container port 8080 (no table entry needed). Every other program takes an
// optional index 1-9999 (omitted = 1); singletons only have index 1.
struct ContainerHost {
    Id project;
    Id container;
    std::string program;
    std::uint32_t index = 1;
    std::optional<std::uint16_t> port; // set for http-PORT / https-PORT
    bool tls = false;                  // https: the proxy speaks TLS to the container

    bool operator==(const ContainerHost&) const = default;
};

struct AliasHost {
    std::string alias;

    bool operator==(const AliasHost&) const = default;
};

using ParsedHost = std::variant<std::monostate, ContainerHost, AliasHost>;

// SPEC §1 host names. Parsing is case-insensitive, ignores one trailing dot and
// a :port, and is total: any input gives a ParsedHost, never an exception.
class HostName {
public:
    static ParsedHost parse(std::string_view host, std::string_view nodeSuffix);

    // The label left of ".{nodeSuffix}" (port and trailing dot ignored), lower
    // case, in `buffer`; nullopt when the host is not under the suffix or the
    // label is not a DNS label. parse() starts here; the proxy's host index too.
    static constexpr std::size_t kMaxLabel = 80;
    using LabelBuffer = std::array<char, kMaxLabel>;
    static std::optional<std::string_view> label(std::string_view host, std::string_view nodeSuffix,
                                                 LabelBuffer& buffer);
    // Canonical lowercase form; indexed programs always carry their index.
    static std::string format(const ContainerHost& host, std::string_view nodeSuffix);
    static std::string formatAlias(std::string_view alias, std::string_view nodeSuffix);
    // Parses just the label before the node suffix ("{project}-{container}-{program}[-n]").
    static std::optional<ContainerHost> parseContainerLabel(std::string_view label);
};

} // namespace cowl
