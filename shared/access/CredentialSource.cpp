// SPDX-License-Identifier: GPL-3.0-or-later
#include "shared/access/CredentialSource.h"

namespace cowl {

namespace {

// RFC 9110 token characters, minus the rarely used ones that would only make
// a name harder to read; the same set works for cookie and query names.
bool validName(std::string_view name) {
    if (name.empty() || name.size() > 64) {
        return false;
    }
    for (char c : name) {
        const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
                        c == '_' || c == '.';
        if (!ok) {
            return false;
        }
    }
    return true;
}

} // namespace

std::optional<CredentialSource> CredentialSource::parse(std::string_view text) {
    if (text == "bearer") {
        return CredentialSource{Kind::Bearer, {}};
    }
    const auto colon = text.find(':');
    if (colon == std::string_view::npos) {
        return std::nullopt;
    }
    const std::string_view prefix = text.substr(0, colon);
    const std::string_view name = text.substr(colon + 1);
    if (!validName(name)) {
        return std::nullopt;
    }
    if (prefix == "header") {
        return CredentialSource{Kind::Header, std::string(name)};
    }
    if (prefix == "cookie") {
        return CredentialSource{Kind::Cookie, std::string(name)};
    }
    if (prefix == "query") {
        return CredentialSource{Kind::Query, std::string(name)};
    }
    return std::nullopt;
}

std::string CredentialSource::toString() const {
    switch (kind) {
    case Kind::Basic:
        return "basic";
    case Kind::Bearer:
        return "bearer";
    case Kind::Header:
        return "header:" + name;
    case Kind::Cookie:
        return "cookie:" + name;
    case Kind::Query:
        return "query:" + name;
    }
    return "bearer";
}

} // namespace cowl
