// SPDX-License-Identifier: GPL-3.0-or-later
#include "node/proxy/ProxyAnswer.h"

namespace cowl::node {

namespace {

std::string_view reasonPhrase(int status)
{
    switch (status) {
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 429: return "Too Many Requests";
    case 431: return "Request Header Fields Too Large";
    case 502: return "Bad Gateway";
    case 503: return "Service Unavailable";
    case 504: return "Gateway Timeout";
    default: return "Error";
    }
}

ProxyAnswer make(int status, std::string_view body)
{
    ProxyAnswer a;
    a.status = status;
    a.body = body;
    return a;
}

} // namespace

ProxyAnswer ProxyAnswer::notFound() { return make(404, "not found\n"); }

ProxyAnswer ProxyAnswer::unavailable(unsigned retryAfterSeconds)
{
    auto a = make(503, "service unavailable\n");
    a.headers.emplace_back("retry-after", std::to_string(retryAfterSeconds));
    return a;
}

ProxyAnswer ProxyAnswer::unauthorized(std::string challenge)
{
    auto a = make(401, "authentication required\n");
    if (!challenge.empty())
        a.headers.emplace_back("www-authenticate", std::move(challenge));
    return a;
}

ProxyAnswer ProxyAnswer::forbidden() { return make(403, "forbidden\n"); }

ProxyAnswer ProxyAnswer::tooManyRequests(unsigned retryAfterSeconds)
{
    auto a = make(429, "too many failed attempts; wait and retry\n");
    a.headers.emplace_back("retry-after", std::to_string(retryAfterSeconds));
    return a;
}

ProxyAnswer ProxyAnswer::badRequest() { return make(400, "bad request\n"); }
ProxyAnswer ProxyAnswer::headerTooLarge() { return make(431, "request header fields too large\n"); }
ProxyAnswer ProxyAnswer::badGateway() { return make(502, "the service did not answer\n"); }
ProxyAnswer ProxyAnswer::gatewayTimeout() { return make(504, "the service took too long to answer\n"); }

std::string ProxyAnswer::http1(bool close) const
{
    std::string out;
    out.reserve(160 + body.size());
    out.append("HTTP/1.1 ").append(std::to_string(status)).append(" ").append(reasonPhrase(status)).append("\r\n");
    out.append("content-type: text/plain; charset=utf-8\r\n");
    out.append("content-length: ").append(std::to_string(body.size())).append("\r\n");
    out.append("cache-control: no-store\r\n");
    for (const auto& [name, value] : headers)
        out.append(name).append(": ").append(value).append("\r\n");
    if (close)
        out.append("connection: close\r\n");
    out.append("\r\n");
    out.append(body);
    return out;
}

} // namespace cowl::node
