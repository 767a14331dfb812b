// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <boost/beast/http/message.hpp>

#include "node/proxy/AccessGate.h"
#include "node/proxy/HostRouter.h"
#include "node/proxy/ProxyAnswer.h"
#include "shared/net/IpAddress.h"
#include "node/proxy/ProxyFields.h"
#include "node/proxy/ProxyStream.h"
#include "shared/access/PasswordVerdicts.h"

namespace cowl::node {

class CuttableConnection;
class ProxyWorker;

struct ChainOutcome {
    SnapshotHold snapshot;                         // keeps `route` pointers alive
    Route route;
    GateDecision decision;
    IpAddress client;
    std::string clientText;
    std::string priorChain;                        // X-Forwarded-For of a trusted proxy
    std::optional<ProxyAnswer> answer;             // set: answer this, forward nothing
    std::string upstreamTarget;
    std::string_view logDecision = "allow";
};

// host -> route -> lockdown -> access -> container state (SPEC §3 Answers),
// the same for HTTP/1.1 and HTTP/2.
class RequestChain {
public:
    // One synchronous pass: the connection is registered for lockdown cuts
    // in the same step that reads the snapshot, so a lockdown published
    // meanwhile either is seen here or cuts it. Never runs scrypt: it ends
    // early, without an answer, when decision.pendingPassword is set.
    static ChainOutcome run(ProxyWorker& worker, const ProxyRequestHeader& request,
                            std::string_view host, const IpAddress& peer, CuttableConnection* connection,
                            std::vector<Id>& attached, const PasswordVerdicts& verdicts = kNoVerdicts);

    // Finishes a pass that ended pending: each password check is made off
    // the worker (PasswordVerifier) while the worker serves others, then the
    // chain runs again with the verdicts on the snapshot then in force, so a
    // lockdown or a changed group published meanwhile is obeyed. Only
    // requests with a password not yet cached come here; the rest stay on
    // run()'s synchronous path.
    static ProxyTask<ChainOutcome> checkPasswords(ChainOutcome pending, ProxyWorker& worker,
                                                  const ProxyRequestHeader& request, std::string_view host,
                                                  const IpAddress& peer, CuttableConnection* connection,
                                                  std::vector<Id>& attached);

private:
    static const PasswordVerdicts kNoVerdicts;
};

} // namespace cowl::node
