// SPDX-License-Identifier: GPL-3.0-or-later
#include "node/proxy/HeaderPolicy.h"

#include <boost/beast/core/string.hpp>
#include <boost/beast/http/rfc7230.hpp>

#include "node/proxy/AccessGate.h"

namespace cowl::node {

namespace http = boost::beast::http;

namespace {

bool iequals(std::string_view a, std::string_view b)
{
    return boost::beast::iequals(boost::beast::string_view(a.data(), a.size()),
                                 boost::beast::string_view(b.data(), b.size()));
}

void eraseAll(http::fields& fields, std::string_view name)
{
    fields.erase(boost::beast::string_view(name.data(), name.size()));
}

} // namespace

void HeaderPolicy::removeHopByHop(http::fields& fields, bool keepUpgrade)
{
    // Headers named in Connection are hop-by-hop too (RFC 9110 §7.6.1).
    auto connection = fields[http::field::connection];
    if (!connection.empty()) {
        std::string listed(connection);
        for (auto token : http::token_list(listed)) {
            std::string_view name(token.data(), token.size());
            if (keepUpgrade && iequals(name, "upgrade"))
                continue;
            if (iequals(name, "transfer-encoding") || iequals(name, "content-length"))
                continue; // framing is the serializer's business
            eraseAll(fields, name);
        }
    }
    fields.erase(http::field::connection);
    fields.erase(http::field::keep_alive);
    fields.erase("proxy-connection");
    fields.erase(http::field::te);
    fields.erase(http::field::trailer);
    fields.erase(http::field::proxy_authenticate);
    fields.erase(http::field::proxy_authorization);
    if (!keepUpgrade)
        fields.erase(http::field::upgrade);
    else
        fields.set(http::field::connection, "upgrade");
}

void HeaderPolicy::toUpstream(http::request_header<>& request, const Forwarding& f)
{
    removeHopByHop(request, f.websocket);
    request.erase(http::field::expect); // the proxy answered 100-continue itself
    request.erase("x-forwarded-for");
    request.erase("x-forwarded-proto");
    request.erase("x-forwarded-host");
    request.erase("x-cowl-group");
    request.erase(http::field::forwarded);
    request.erase("x-real-ip");

    if (f.decision && !f.decision->forwardCredentials) {
        const auto& d = *f.decision;
        if (d.stripAuthorization)
            request.erase(http::field::authorization);
        if (!d.stripHeader.empty())
            eraseAll(request, d.stripHeader);
        if (!d.stripCookie.empty()) {
            auto cookie = request[http::field::cookie];
            if (!cookie.empty()) {
                std::string rest = withoutCookie(std::string_view(cookie.data(), cookie.size()), d.stripCookie);
                if (rest.empty())
                    request.erase(http::field::cookie);
                else
                    request.set(http::field::cookie, rest);
            }
        }
        if (!d.stripQuery.empty()) {
            auto target = request.target();
            request.target(withoutQueryParameter(std::string_view(target.data(), target.size()), d.stripQuery));
        }
    }

    if (f.priorChain.empty()) {
        request.set("x-forwarded-for", boost::beast::string_view(f.client.data(), f.client.size()));
    } else {
        std::string chain(f.priorChain);
        chain.append(", ");
        chain.append(f.client);
        request.set("x-forwarded-for", chain);
    }
    request.set("x-forwarded-proto", "https");
    request.set("x-forwarded-host", boost::beast::string_view(f.host.data(), f.host.size()));
    if (f.decision && !f.decision->group.empty())
        request.set("x-cowl-group", f.decision->group);
    request.version(11);
}

void HeaderPolicy::toClient(http::response_header<>& response, bool switchingProtocols)
{
    removeHopByHop(response, switchingProtocols);
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
