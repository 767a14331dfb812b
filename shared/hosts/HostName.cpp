// SPDX-License-Identifier: GPL-3.0-or-later
#include "shared/hosts/HostName.h"

#include "shared/text/Ascii.h"

#include <array>
#include <charconv>

#include "shared/alias/AliasName.h"
#include "shared/programs/ProgramCatalogue.h"

namespace cowl {

namespace {

using ascii::equalsIgnoreCase;

// DNS allows 63 per label; a little slack keeps the check about shape, not DNS.


std::string_view stripTrailingDot(std::string_view s) {
    if (!s.empty() && s.back() == '.') {
        s.remove_suffix(1);
    }
    return s;
}

// Canonical decimal: digits only, no leading zero, within [1, max].
std::optional<std::uint32_t> parseNumber(std::string_view s, std::uint32_t max) {
    if (s.empty() || s.size() > 5 || s.front() == '0') {
        return std::nullopt;
    }
    std::uint32_t value = 0;
    const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
    if (ec != std::errc() || end != s.data() + s.size() || value < 1 || value > max) {
        return std::nullopt;
    }
    return value;
}

} // namespace

std::optional<ContainerHost> HostName::parseContainerLabel(std::string_view label) {
    constexpr std::size_t kIdLen = Id::kHexLength;
    if (label.size() < 2 * kIdLen + 3 || label[kIdLen] != '-' || label[2 * kIdLen + 1] != '-') {
        return std::nullopt;
    }
    auto project = Id::parse(label.substr(0, kIdLen));
    auto container = Id::parse(label.substr(kIdLen + 1, kIdLen));
    if (!project || !container) {
        return std::nullopt;
    }
    std::string_view rest = label.substr(2 * kIdLen + 2);
    std::string_view slug = rest;
    std::string_view number;
    if (const auto dash = rest.find('-'); dash != std::string_view::npos) {
        slug = rest.substr(0, dash);
        number = rest.substr(dash + 1);
        if (number.empty()) {
            return std::nullopt;
        }
    }
    const ProgramInfo* program = ProgramCatalogue::find(slug);
    if (program == nullptr) {
        return std::nullopt;
    }
    ContainerHost host{std::move(*project), std::move(*container), std::string(program->slug), 1, std::nullopt,
                       program->slug == "https"};
    if (number.empty()) {
        return host;
    }
    if (ProgramCatalogue::isPortAddressed(slug)) {
        const auto port = parseNumber(number, 65535);
        if (!port) {
            return std::nullopt;
        }
        host.port = static_cast<std::uint16_t>(*port);
        return host;
    }
    const auto index = parseNumber(number, ProgramCatalogue::kMaxIndex);
    if (!index || (!program->indexed && *index != 1)) {
        return std::nullopt;
    }
    host.index = *index;
    return host;
}

std::optional<std::string_view> HostName::label(std::string_view host, std::string_view nodeSuffix,
                                                LabelBuffer& buffer) {
    if (host.empty() || host.front() == '[') {
        return std::nullopt;
    }
    if (const auto colon = host.find(':'); colon != std::string_view::npos) {
        const std::string_view port = host.substr(colon + 1);
        if (port.size() > 5 || port.find_first_not_of("0123456789") != std::string_view::npos) {
            return std::nullopt;
        }
        host = host.substr(0, colon);
    }
    host = stripTrailingDot(host);
    nodeSuffix = stripTrailingDot(nodeSuffix);
    if (nodeSuffix.empty() || host.size() < nodeSuffix.size() + 2) {
        return std::nullopt;
    }
    const std::size_t labelLength = host.size() - nodeSuffix.size() - 1;
    if (host[labelLength] != '.' || !equalsIgnoreCase(host.substr(labelLength + 1), nodeSuffix) ||
        labelLength > kMaxLabel) {
        return std::nullopt;
    }
    for (std::size_t i = 0; i < labelLength; ++i) {
        const char c = ascii::toLower(host[i]);
        const bool allowed = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
        if (!allowed) {
            return std::nullopt;
        }
        buffer[i] = c;
    }
    return std::string_view(buffer.data(), labelLength);
}

ParsedHost HostName::parse(std::string_view host, std::string_view nodeSuffix) {
    LabelBuffer buffer;
    const auto found = HostName::label(host, nodeSuffix, buffer);
    if (!found) {
        return std::monostate{};
    }
    const std::string_view label = *found;
    if (auto container = parseContainerLabel(label)) {
        return std::move(*container);
    }
    if (AliasName::validationError(label, nodeSuffix)) {
        return std::monostate{};
    }
    return AliasHost{std::string(label)};
}

std::string HostName::format(const ContainerHost& host, std::string_view nodeSuffix) {
    nodeSuffix = stripTrailingDot(nodeSuffix);
    std::string out;
    out.reserve(2 * Id::kHexLength + host.program.size() + nodeSuffix.size() + 10);
    out += host.project.str();
    out += '-';
    out += host.container.str();
    out += '-';
    out += host.program;
    const ProgramInfo* program = ProgramCatalogue::find(host.program);
    if (host.port) {
        out += '-';
        out += std::to_string(*host.port);
    } else if (program != nullptr && program->indexed) {
        out += '-';
        out += std::to_string(host.index);
    }
    out += '.';
    for (char c : nodeSuffix) {
        out += ascii::toLower(c);
    }
    return out;
}

std::string HostName::formatAlias(std::string_view alias, std::string_view nodeSuffix) {
    nodeSuffix = stripTrailingDot(nodeSuffix);
    std::string out;
    out.reserve(alias.size() + nodeSuffix.size() + 1);
    for (char c : alias) {
        out += ascii::toLower(c);
    }
    out += '.';
    for (char c : nodeSuffix) {
        out += ascii::toLower(c);
    }
    return out;
}

} // namespace cowl
