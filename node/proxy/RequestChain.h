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
// the same for HTTP/1.1 and HTTP/2. Synchronous on purpose: the connection
// is registered for lockdown cuts in the same step that reads the snapshot,
// so a lockdown published meanwhile either is seen here or cuts it.
class RequestChain {
public:
    static ChainOutcome run(ProxyWorker& worker, const ProxyRequestHeader& request,
                            std::string_view host, const IpAddress& peer, CuttableConnection* connection,
                            std::vector<Id>& attached);
};

} // namespace cowl::node
