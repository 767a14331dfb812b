// SPDX-License-Identifier: GPL-3.0-or-later
#include "node/proxy/AccessGate.h"

#include <boost/beast/http/field.hpp>

#include "node/proxy/ProxyOptions.h"
#include "shared/access/AccessEvaluator.h"

namespace cowl::node {

namespace http = boost::beast::http;

namespace {

std::string_view view(boost::beast::string_view s) { return {s.data(), s.size()}; }

std::optional<std::string_view> headerLookup(const void* context, std::string_view name)
{
    const auto& fields = *static_cast<const ProxyFields*>(context);
    auto it = fields.find(boost::beast::string_view(name.data(), name.size()));
    if (it == fields.end())
        return std::nullopt;
    return view(it->value());
}

std::optional<std::string_view> cookieLookup(const void* context, std::string_view name)
{
    return PresentedCredentials::findCookie(*static_cast<const std::string_view*>(context), name);
}

std::optional<std::string_view> queryLookup(const void* context, std::string_view name)
{
    return PresentedCredentials::findQueryParameter(*static_cast<const std::string_view*>(context), name);
}

} // namespace

AccessGate::AccessGate(const ProxyOptions& options)
    : m_throttle(options.limits.failedCredentialsBeforeBlock, options.limits.failureWindow)
{
}

GateDecision AccessGate::check(const ProxyContainer& container, const Route& route,
                               const ProxyRequestHeader& request, const IpAddress& client,
                               VerifiedCredentials* verified, const PasswordVerdicts& verdicts)
{
    GateDecision d;
    if (!container.access) {
        d.reason = "no access document in force (open)";
        return d;
    }
    // Checked before any credential is verified: a blocked address costs no scrypt.
    if (m_throttle.blocked(client)) {
        d.status = 429;
        d.reason = "too many failed credentials from this address";
        return d;
    }

    AccessRequest ar;
    ar.program = route.program;
    if (route.program == "http" || route.program == "https")
        ar.port = route.port;
    ar.index = route.index;
    ar.client = client;

    std::string scratch;
    auto authorization = request[http::field::authorization];
    if (!authorization.empty())
        ar.credentials.readAuthorization(view(authorization), scratch);
    std::string_view cookies = view(request[http::field::cookie]);
    auto target = view(request.target());
    auto q = target.find('?');
    std::string_view query = q == std::string_view::npos ? std::string_view{} : target.substr(q + 1);
    ar.credentials.header = NamedLookup(static_cast<const ProxyFields*>(&request), &headerLookup);
    ar.credentials.cookie = NamedLookup(&cookies, &cookieLookup);
    ar.credentials.query = NamedLookup(&query, &queryLookup);
    ar.passwordVerdicts = &verdicts;

    AccessDecision decision = AccessEvaluator::evaluate(container.access.get(), ar, verified);
    if (decision.pendingPassword) {
        d.pendingPassword = std::move(decision.pendingPassword);
        d.reason = std::move(decision.reason);
        return d;
    }
    if (decision.credentialFailed)
        m_throttle.recordFailure(client);

    d.status = decision.allowed ? 200 : decision.status;
    d.challenge = std::move(decision.challenge);
    if (decision.group)
        d.group = std::move(*decision.group);
    d.reason = std::move(decision.reason);
    d.forwardCredentials = decision.forwardCredentials;
    if (decision.allowed && decision.consumed) {
        switch (decision.consumed->kind) {
        case CredentialSource::Kind::Basic:
        case CredentialSource::Kind::Bearer:
            d.stripAuthorization = true;
            break;
        case CredentialSource::Kind::Header:
            d.stripHeader = decision.consumed->name;
            break;
        case CredentialSource::Kind::Cookie:
            d.stripCookie = decision.consumed->name;
            break;
        case CredentialSource::Kind::Query:
            d.stripQuery = decision.consumed->name;
            break;
        }
    }
    if (!decision.allowed && d.status != 401)
        d.status = 403;
    return d;
}

} // namespace cowl::node
