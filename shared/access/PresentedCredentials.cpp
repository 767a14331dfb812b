// SPDX-License-Identifier: GPL-3.0-or-later
#include "shared/access/PresentedCredentials.h"

#include "shared/text/Ascii.h"

#include "shared/crypto/Base64.h"

namespace cowl {

namespace {

using ascii::equalsIgnoreCase;


std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) {
        s.remove_prefix(1);
    }
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) {
        s.remove_suffix(1);
    }
    return s;
}

using Map = std::map<std::string, std::string, std::less<>>;

} // namespace

NamedLookup NamedLookup::over(const Map& values) {
    return NamedLookup(&values, [](const void* context, std::string_view name) -> std::optional<std::string_view> {
        const auto& map = *static_cast<const Map*>(context);
        const auto it = map.find(name);
        if (it == map.end()) {
            return std::nullopt;
        }
        return std::string_view(it->second);
    });
}

NamedLookup NamedLookup::overIgnoringCase(const Map& values) {
    return NamedLookup(&values, [](const void* context, std::string_view name) -> std::optional<std::string_view> {
        for (const auto& [key, value] : *static_cast<const Map*>(context)) {
            if (equalsIgnoreCase(key, name)) {
                return std::string_view(value);
            }
        }
        return std::nullopt;
    });
}

bool PresentedCredentials::readAuthorization(std::string_view value, std::string& scratch) {
    value = trim(value);
    const auto space = value.find(' ');
    if (space == std::string_view::npos) {
        return false;
    }
    const std::string_view scheme = value.substr(0, space);
    const std::string_view rest = trim(value.substr(space + 1));
    if (rest.empty()) {
        return false;
    }
    if (equalsIgnoreCase(scheme, "Bearer")) {
        bearer = rest;
        return true;
    }
    if (!equalsIgnoreCase(scheme, "Basic")) {
        return false;
    }
    auto decoded = Base64::decode(rest);
    if (!decoded) {
        return false;
    }
    const auto colon = decoded->find(':');
    if (colon == std::string::npos) {
        return false;
    }
    scratch = std::move(*decoded);
    const std::string_view view(scratch);
    basic = BasicCredentials{view.substr(0, colon), view.substr(colon + 1)};
    return true;
}

std::optional<std::string_view> PresentedCredentials::findCookie(std::string_view header, std::string_view name) {
    while (!header.empty()) {
        const auto semicolon = header.find(';');
        const std::string_view pair = trim(header.substr(0, semicolon));
        header = semicolon == std::string_view::npos ? std::string_view() : header.substr(semicolon + 1);
        const auto eq = pair.find('=');
        if (eq != std::string_view::npos && trim(pair.substr(0, eq)) == name) {
            std::string_view value = trim(pair.substr(eq + 1));
            if (value.size() >= 2 && value.front() == '"' && value.back() == '"') {
                value = value.substr(1, value.size() - 2);
            }
            return value;
        }
    }
    return std::nullopt;
}

std::optional<std::string_view> PresentedCredentials::findQueryParameter(std::string_view query, std::string_view name) {
    if (!query.empty() && query.front() == '?') {
        query.remove_prefix(1);
    }
    while (!query.empty()) {
        const auto amp = query.find('&');
        const std::string_view pair = query.substr(0, amp);
        query = amp == std::string_view::npos ? std::string_view() : query.substr(amp + 1);
        const auto eq = pair.find('=');
        if (pair.substr(0, eq) == name) {
            return eq == std::string_view::npos ? std::string_view() : pair.substr(eq + 1);
        }
    }
    return std::nullopt;
}

} // namespace cowl
