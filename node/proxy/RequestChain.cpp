// SPDX-License-Identifier: GPL-3.0-or-later
#include "node/proxy/RequestChain.h"

#include <algorithm>
#include <chrono>

#include "node/proxy/PathJail.h"
#include "node/proxy/ProxyCore.h"
#include "node/proxy/ProxyWorker.h"

namespace cowl::node {

namespace http = boost::beast::http;

namespace {

// Each pass settles one more check and the evaluator asks only for checks
// it has no verdict for, so a request needs at most one per password group
// plus a timing check; this only bounds snapshots swapped mid-request.
constexpr int kMaxPasswordChecks = 8;

} // namespace

const PasswordVerdicts RequestChain::kNoVerdicts;

ProxyTask<ChainOutcome> RequestChain::checkPasswords(ChainOutcome pending, ProxyWorker& worker,
                                                     const ProxyRequestHeader& request, std::string_view host,
                                                     const IpAddress& peer, CuttableConnection* connection,
                                                     std::vector<Id>& attached)
{
    PasswordVerdicts verdicts;
    ChainOutcome out = std::move(pending);
    for (int checks = 0; out.decision.pendingPassword; ++checks) {
        PasswordCheck check = std::move(*out.decision.pendingPassword);
        out.decision.pendingPassword.reset();
        auto verdict = PasswordVerifier::Verdict::Busy;
        if (checks < kMaxPasswordChecks)
            verdict = co_await worker.core().passwords().check(check, out.clientText, kProxyAwait);
        if (verdict == PasswordVerifier::Verdict::Busy) {
            out.answer = ProxyAnswer::unavailable(worker.core().limits().retryAfterSeconds);
            out.logDecision = "busy";
            out.decision.status = 503;
            out.decision.reason = "too many password checks waiting (scrypt); try again";
            co_return out;
        }
        verdicts.add(std::move(check), verdict == PasswordVerifier::Verdict::Valid);
        out = run(worker, request, host, peer, connection, attached, verdicts);
    }
    co_return out;
}

ChainOutcome RequestChain::run(ProxyWorker& worker, const ProxyRequestHeader& request, std::string_view host,
                               const IpAddress& peer, CuttableConnection* connection, std::vector<Id>& attached,
                               const PasswordVerdicts& verdicts)
{
    ProxyCore& core = worker.core();
    ChainOutcome out;
    out.snapshot = worker.snapshot();
    auto now = std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch());
    out.route = HostRouter::route(*out.snapshot->snapshot, host, now.count());
    out.client = peer;
    if (!out.route.found()) {
        out.answer = ProxyAnswer::notFound();
        out.logDecision = "not_found";
        out.decision.reason = std::string(out.route.reason);
        out.decision.status = 404;
        return out;
    }
    const ProxyContainer& container = *out.route.container;
    if (std::find(attached.begin(), attached.end(), container.container) == attached.end()) {
        worker.registry().attach(container.container, connection);
        attached.push_back(container.container);
    }
    if (container.locked) {
        out.answer = ProxyAnswer::unavailable(core.limits().retryAfterSeconds);
        out.logDecision = "locked";
        out.decision.status = 503;
        out.decision.reason = "proxy disabled (lockdown)";
        return out;
    }

    auto xff = request["x-forwarded-for"];
    if (!xff.empty() && core.clientAddress().isTrusted(peer)) {
        out.client = core.clientAddress().resolve(peer, std::string_view(xff.data(), xff.size()));
        out.priorChain.assign(xff.data(), xff.size());
    }
    out.clientText = out.client.toString();

    out.decision = core.gate().check(container, out.route, request, out.client, &worker.credentials(), verdicts);
    if (out.decision.pendingPassword)
        return out;
    switch (out.decision.status) {
    case 200:
        break;
    case 429:
        out.answer = ProxyAnswer::tooManyRequests(
            static_cast<unsigned>(core.gate().throttle().window().count()));
        out.logDecision = "throttled";
        return out;
    case 401:
        out.answer = ProxyAnswer::unauthorized(out.decision.challenge);
        out.logDecision = "deny";
        return out;
    default:
        out.answer = ProxyAnswer::forbidden();
        out.logDecision = "deny";
        return out;
    }
    if (!container.running) {
        out.answer = ProxyAnswer::unavailable(core.limits().retryAfterSeconds);
        out.logDecision = "stopped";
        out.decision.status = 503;
        out.decision.reason = "container not running";
        return out;
    }

    auto target = request.target();
    std::string_view targetView(target.data(), target.size());
    if (targetView.empty() || targetView.front() != '/') {
        out.answer = ProxyAnswer::badRequest();
        out.logDecision = "bad_request";
        out.decision.status = 400;
        out.decision.reason = "request target is not origin-form";
        return out;
    }
    if (const ProxyAlias* alias = out.route.alias) {
        if (alias->allowPathOverride) {
            out.upstreamTarget = PathJail::overrideRoot(targetView, alias->targetPath);
        } else if (auto jailed = PathJail::confine(targetView, alias->targetPath)) {
            out.upstreamTarget = std::move(*jailed);
        } else {
            out.answer = ProxyAnswer::badRequest();
            out.logDecision = "bad_request";
            out.decision.status = 400;
            out.decision.reason = "path leaves the alias's target_path";
            return out;
        }
    } else {
        out.upstreamTarget.assign(targetView);
    }
    return out;
}

} // namespace cowl::node
