// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <string>

namespace cowl::node {

class NftContext;

// Containers never talk to each other directly (only through proxy URLs):
// in the node's own table `inet cowl`, a forward chain drops every packet
// that comes from one container veth and leaves through another. The chain's
// policy is accept and its only rule matches container interfaces, so the
// host's own traffic is never touched; no other table or chain is changed.
class ContainerIsolation {
public:
    static constexpr const char* kTable = "cowl";
    static constexpr const char* kChain = "container_isolation";

    explicit ContainerIsolation(NftContext& nft) : m_nft(nft) {}

    void apply();
    // The nft script apply() runs, for review and tests.
    static std::string script();

private:
    NftContext& m_nft;
};

} // namespace cowl::node
