// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace cowl {

// A non-owning name → value lookup (headers, cookies or query parameters of
// one request). The proxy points it at its parsed request, so nothing is
// copied unless a group actually asks for a name.
class NamedLookup {
public:
    using Function = std::optional<std::string_view> (*)(const void* context, std::string_view name);

    NamedLookup() = default;
    NamedLookup(const void* context, Function function) : m_context(context), m_function(function) {}

    // `values` must outlive the lookup. Header names compare case-insensitively.
    static NamedLookup over(const std::map<std::string, std::string, std::less<>>& values);
    static NamedLookup overIgnoringCase(const std::map<std::string, std::string, std::less<>>& values);

    std::optional<std::string_view> operator()(std::string_view name) const {
        return m_function != nullptr ? m_function(m_context, name) : std::nullopt;
    }

private:
    const void* m_context = nullptr;
    Function m_function = nullptr;
};

struct BasicCredentials {
    std::string_view username;
    std::string_view password;
};

// What a request presents, as views into the request (they must outlive the
// evaluation). `header` is asked with the names groups configure and must
// compare case-insensitively; `bearer` is the token of "Authorization: Bearer".
struct PresentedCredentials {
    std::optional<BasicCredentials> basic;
    std::optional<std::string_view> bearer;
    NamedLookup header;
    NamedLookup cookie;
    NamedLookup query;

    // Reads an Authorization header value into `basic` or `bearer`. Basic's
    // decoded bytes are written to `scratch`, which must outlive this object.
    // Returns false for a scheme it does not know or a malformed value.
    bool readAuthorization(std::string_view value, std::string& scratch);

    // The value of cookie `name` in a Cookie header ("a=1; b=2"), undecoded.
    static std::optional<std::string_view> findCookie(std::string_view cookieHeader, std::string_view name);
    // The value of parameter `name` in a query string ("a=1&b=2"), undecoded.
    static std::optional<std::string_view> findQueryParameter(std::string_view query, std::string_view name);
};

} // namespace cowl
