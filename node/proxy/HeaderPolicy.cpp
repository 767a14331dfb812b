// SPDX-License-Identifier: GPL-3.0-or-later
#include "node/proxy/HeaderPolicy.h"

#include <charconv>

#include <boost/beast/core/string.hpp>

#include "node/proxy/AccessGate.h"

namespace cowl::node {

namespace http = boost::beast::http;

namespace {

bool iequals(std::string_view a, std::string_view b)
{
    return boost::beast::iequals(boost::beast::string_view(a.data(), a.size()),
                                 boost::beast::string_view(b.data(), b.size()));
}

std::string_view view(boost::beast::string_view s)
{
    return {s.data(), s.size()};
}

// Calls `each` with every token of a comma-separated list, whitespace trimmed.
template <class Each>
void forEachToken(std::string_view list, Each&& each)
{
    while (!list.empty()) {
        auto comma = list.find(',');
        std::string_view token = list.substr(0, comma);
        list = comma == std::string_view::npos ? std::string_view{} : list.substr(comma + 1);
        while (!token.empty() && (token.front() == ' ' || token.front() == '\t'))
            token.remove_prefix(1);
        while (!token.empty() && (token.back() == ' ' || token.back() == '\t'))
            token.remove_suffix(1);
        if (!token.empty())
            each(token);
    }
}

// Fields a client may send but the container must only ever get from the
// proxy (unknown to Beast's field table, so matched by name).
bool setByProxy(std::string_view name)
{
    return iequals(name, "x-forwarded-for") || iequals(name, "x-forwarded-proto") ||
           iequals(name, "x-forwarded-host") || iequals(name, "x-cowl-group") || iequals(name, "x-real-ip");
}

void appendField(std::string& out, std::string_view name, std::string_view value)
{
    out.append(name);
    out.append(": ");
    out.append(value);
    out.append("\r\n");
}

void appendFraming(std::string& out, BodyFraming framing)
{
    if (framing.kind == BodyFraming::Kind::Length) {
        char digits[24];
        auto end = std::to_chars(digits, digits + sizeof digits, framing.length).ptr;
        appendField(out, "Content-Length", std::string_view(digits, static_cast<std::size_t>(end - digits)));
    } else if (framing.kind == BodyFraming::Kind::Chunked) {
        appendField(out, "Transfer-Encoding", "chunked");
    }
}

} // namespace

HopByHop::HopByHop(const ProxyFields& fields, bool keepUpgrade) : m_keepUpgrade(keepUpgrade)
{
    auto connection = fields.find(http::field::connection);
    if (connection == fields.end())
        return;
    m_list = view(connection->value());
    forEachToken(m_list, [&](std::string_view token) {
        if (m_count < m_named.size())
            m_named[m_count++] = token;
        else
            m_overflow = true;
    });
}

bool HopByHop::drops(const ProxyFields::value_type& field) const
{
    switch (field.name()) {
    case http::field::connection:
    case http::field::keep_alive:
    case http::field::proxy_connection:
    case http::field::te:
    case http::field::trailer:
    case http::field::proxy_authenticate:
    case http::field::proxy_authorization:
    case http::field::transfer_encoding: // framing is the proxy's own
    case http::field::content_length:
        return true;
    case http::field::upgrade:
        return !m_keepUpgrade;
    default:
        break;
    }
    const auto name = view(field.name_string());
    if (m_keepUpgrade && iequals(name, "upgrade"))
        return false;
    for (std::size_t i = 0; i < m_count; ++i)
        if (iequals(m_named[i], name))
            return true;
    bool named = false;
    if (m_overflow)
        forEachToken(m_list, [&](std::string_view token) { named = named || iequals(token, name); });
    return named;
}

void HeaderPolicy::writeUpstreamHead(std::string& out, const ProxyRequestHeader& request, std::string_view target,
                                     const Forwarding& f, BodyFraming framing)
{
    const GateDecision* consumed = f.decision && !f.decision->forwardCredentials ? f.decision : nullptr;
    std::string strippedTarget;
    if (consumed && !consumed->stripQuery.empty()) {
        strippedTarget = withoutQueryParameter(target, consumed->stripQuery);
        target = strippedTarget;
    }
    out.append(view(request.method_string()));
    out.push_back(' ');
    out.append(target);
    out.append(" HTTP/1.1\r\n");
    appendField(out, "Host", f.host);

    const HopByHop hop(request, f.websocket);
    for (const auto& field : request) {
        if (hop.drops(field))
            continue;
        const auto value = view(field.value());
        switch (field.name()) {
        case http::field::host:
        case http::field::expect: // the proxy answered 100-continue itself
        case http::field::forwarded:
            continue;
        case http::field::authorization:
            if (consumed && consumed->stripAuthorization)
                continue;
            break;
        case http::field::cookie:
            if (consumed && !consumed->stripCookie.empty()) {
                std::string rest = withoutCookie(value, consumed->stripCookie);
                if (!rest.empty())
                    appendField(out, view(field.name_string()), rest);
                continue;
            }
            break;
        case http::field::unknown:
            if (setByProxy(view(field.name_string())))
                continue;
            break;
        default:
            break;
        }
        if (consumed && !consumed->stripHeader.empty() && iequals(view(field.name_string()), consumed->stripHeader))
            continue;
        appendField(out, view(field.name_string()), value);
    }
    if (f.websocket)
        appendField(out, "Connection", "upgrade");
    appendFraming(out, framing);

    out.append("X-Forwarded-For: ");
    if (!f.priorChain.empty()) {
        out.append(f.priorChain);
        out.append(", ");
    }
    out.append(f.client);
    out.append("\r\n");
    appendField(out, "X-Forwarded-Proto", "https");
    appendField(out, "X-Forwarded-Host", f.host);
    if (f.decision && !f.decision->group.empty())
        appendField(out, "X-Cowl-Group", f.decision->group);
    out.append("\r\n");
}

void HeaderPolicy::writeClientHead(std::string& out, const ProxyResponseHeader& response, BodyFraming framing,
                                   bool keepAlive, bool switchingProtocols)
{
    char status[4];
    const unsigned code = response.result_int();
    status[0] = static_cast<char>('0' + code / 100 % 10);
    status[1] = static_cast<char>('0' + code / 10 % 10);
    status[2] = static_cast<char>('0' + code % 10);
    status[3] = ' ';
    out.append("HTTP/1.1 ");
    out.append(status, sizeof status);
    auto reason = view(response.reason());
    out.append(reason.empty() ? view(http::obsolete_reason(response.result())) : reason);
    out.append("\r\n");

    const HopByHop hop(response, switchingProtocols);
    for (const auto& field : response) {
        if (framing.kind == BodyFraming::Kind::AsReceived && field.name() == http::field::content_length) {
            appendField(out, "Content-Length", view(field.value()));
            continue;
        }
        if (!hop.drops(field))
            appendField(out, view(field.name_string()), view(field.value()));
    }
    if (switchingProtocols)
        appendField(out, "Connection", "upgrade");
    else if (!keepAlive)
        appendField(out, "Connection", "close");
    appendFraming(out, framing);
    out.append("\r\n");
}

bool HeaderPolicy::forHttp2Client(const HopByHop& hop, const ProxyFields::value_type& field)
{
    if (field.name() == http::field::content_length)
        return true; // the body is relayed as announced; HTTP/2 clients use it
    return !hop.drops(field) && field.name() != http::field::upgrade && field.name() != http::field::host;
}

std::string HeaderPolicy::withoutQueryParameter(std::string_view target, std::string_view name)
{
    auto q = target.find('?');
    if (q == std::string_view::npos)
        return std::string(target);
    std::string out(target.substr(0, q));
    std::string_view query = target.substr(q + 1);
    bool first = true;
    while (true) {
        auto amp = query.find('&');
        std::string_view item = query.substr(0, amp);
        std::string_view key = item.substr(0, item.find('='));
        if (key != name) {
            out.push_back(first ? '?' : '&');
            out.append(item);
            first = false;
        }
        if (amp == std::string_view::npos)
            break;
        query.remove_prefix(amp + 1);
    }
    return out;
}

std::string HeaderPolicy::withoutCookie(std::string_view cookieHeader, std::string_view name)
{
    std::string out;
    while (!cookieHeader.empty()) {
        auto semi = cookieHeader.find(';');
        std::string_view item = cookieHeader.substr(0, semi);
        cookieHeader = semi == std::string_view::npos ? std::string_view{} : cookieHeader.substr(semi + 1);
        while (!item.empty() && item.front() == ' ')
            item.remove_prefix(1);
        std::string_view key = item.substr(0, item.find('='));
        if (item.empty() || key == name)
            continue;
        if (!out.empty())
            out.append("; ");
        out.append(item);
    }
    return out;
}

} // namespace cowl::node
