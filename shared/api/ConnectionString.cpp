// SPDX-License-Identifier: GPL-3.0-or-later
#include "shared/api/ConnectionString.h"

#include "shared/ValidationError.h"

#include <algorithm>
#include <cctype>
#include <charconv>

namespace cowl {

namespace {

constexpr std::string_view kTokenPrefix = "cowl_";
constexpr std::size_t kTokenHexLength = 64;
constexpr std::string_view kField = "connection_string";

bool isLowerHex(char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); }

bool isHostChar(char c) {
    return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '.' || c == '-';
}

bool isIpv6Char(char c) {
    return std::isxdigit(static_cast<unsigned char>(c)) != 0 || c == ':' || c == '.';
}

[[noreturn]] void fail(std::string_view part, const std::string& message) {
    std::string field(kField);
    if (!part.empty()) {
        field += '.';
        field += part;
    }
    throw ValidationError(field, message);
}

std::string_view trim(std::string_view s) {
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front())) != 0)
        s.remove_prefix(1);
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back())) != 0)
        s.remove_suffix(1);
    return s;
}

bool startsWithIgnoringCase(std::string_view s, std::string_view prefix) {
    if (s.size() < prefix.size())
        return false;
    return std::equal(prefix.begin(), prefix.end(), s.begin(), [](char a, char b) {
        return std::tolower(static_cast<unsigned char>(a)) == std::tolower(static_cast<unsigned char>(b));
    });
}

std::uint16_t parsePort(std::string_view text) {
    unsigned value = 0;
    const auto* end = text.data() + text.size();
    auto [ptr, ec] = std::from_chars(text.data(), end, value);
    if (text.empty() || ec != std::errc() || ptr != end || value == 0 || value > 65535)
        fail("port", "the port must be a number from 1 to 65535; copy the whole connection string again");
    return static_cast<std::uint16_t>(value);
}

} // namespace

bool ConnectionString::isValidToken(std::string_view token) {
    return token.size() == kTokenPrefix.size() + kTokenHexLength && token.starts_with(kTokenPrefix)
        && std::all_of(token.begin() + kTokenPrefix.size(), token.end(), isLowerHex);
}

bool ConnectionString::isValidFingerprint(std::string_view fingerprint) {
    return fingerprint.size() == kFingerprintLength && std::all_of(fingerprint.begin(), fingerprint.end(), isLowerHex);
}

std::string ConnectionString::format() const {
    std::string out(kScheme);
    if (host.find(':') != std::string::npos)
        out += '[' + host + ']';
    else
        out += host;
    out += ':' + std::to_string(port) + "/?fingerprint=" + fingerprint + "&token=" + token;
    return out;
}

ConnectionString ConnectionString::parse(std::string_view text) {
    text = trim(text);
    if (!startsWithIgnoringCase(text, kScheme))
        fail("", "a connection string starts with cowl:// (cowl-node init and cowl-node token create print one)");
    text.remove_prefix(kScheme.size());

    ConnectionString result;
    const auto authorityEnd = text.find_first_of("/?");
    std::string_view authority = text.substr(0, authorityEnd);
    std::string_view rest = authorityEnd == std::string_view::npos ? std::string_view{} : text.substr(authorityEnd);

    std::string_view portText;
    if (authority.starts_with('[')) {
        const auto close = authority.find(']');
        if (close == std::string_view::npos)
            fail("host", "the IPv6 address is missing its closing ']'");
        std::string_view v6 = authority.substr(1, close - 1);
        if (v6.empty() || !std::all_of(v6.begin(), v6.end(), isIpv6Char) || v6.find(':') == std::string_view::npos)
            fail("host", "the address between [ and ] is not an IPv6 address");
        result.host = std::string(v6);
        std::string_view after = authority.substr(close + 1);
        if (!after.starts_with(':'))
            fail("port", "the address needs a port: cowl://[ADDRESS]:PORT/");
        portText = after.substr(1);
    } else {
        const auto colon = authority.rfind(':');
        if (colon == std::string_view::npos)
            fail("port", "the address needs a port: cowl://HOST:PORT/");
        std::string_view host = authority.substr(0, colon);
        if (host.empty() || !std::all_of(host.begin(), host.end(), isHostChar))
            fail("host", "the host must be a name or an address (IPv6 in [brackets])");
        result.host.resize(host.size());
        std::transform(host.begin(), host.end(), result.host.begin(),
                       [](char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); });
        portText = authority.substr(colon + 1);
    }
    result.port = parsePort(portText);

    if (rest.starts_with('/'))
        rest.remove_prefix(1);
    if (!rest.starts_with('?'))
        fail("", "the connection string has no fingerprint and token; copy the whole line");
    rest.remove_prefix(1);

    bool haveFingerprint = false;
    bool haveToken = false;
    while (!rest.empty()) {
        const auto amp = rest.find('&');
        std::string_view pair = rest.substr(0, amp);
        rest = amp == std::string_view::npos ? std::string_view{} : rest.substr(amp + 1);
        const auto eq = pair.find('=');
        std::string_view key = pair.substr(0, eq);
        std::string_view value = eq == std::string_view::npos ? std::string_view{} : pair.substr(eq + 1);
        if (key == "fingerprint") {
            if (haveFingerprint)
                fail("fingerprint", "the fingerprint appears twice");
            haveFingerprint = true;
            result.fingerprint.resize(value.size());
            std::transform(value.begin(), value.end(), result.fingerprint.begin(),
                           [](char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); });
            if (!isValidFingerprint(result.fingerprint))
                fail("fingerprint", "the fingerprint must be 64 hex characters (SHA-256); copy the whole line");
        } else if (key == "token") {
            if (haveToken)
                fail("token", "the token appears twice");
            haveToken = true;
            result.token = std::string(value);
            if (!isValidToken(result.token))
                fail("token", "the token must be cowl_ followed by 64 lowercase hex characters; copy the whole line");
        } else {
            fail(std::string(key), "unknown parameter '" + std::string(key) + "' (only fingerprint and token are allowed)");
        }
    }
    if (!haveFingerprint)
        fail("fingerprint", "the fingerprint is missing; without it the node's certificate cannot be pinned");
    if (!haveToken)
        fail("token", "the token is missing; create one with: cowl-node token create");
    return result;
}

} // namespace cowl
