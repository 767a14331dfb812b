// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "node/pki/CertificateAuthority.h"

#include <filesystem>
#include <string>
#include <vector>

namespace cowl::node {

// Names the node's two server certificates must carry.
struct NodePkiNames {
    std::string nodeName; // "node1"
    std::string domain;   // "cowl.test": the proxy certificate is *.node1.cowl.test
    std::vector<std::string> controlDnsNames;    // localhost, the host name, a listen name
    std::vector<std::string> controlIpAddresses; // 127.0.0.1, ::1, the listen address
};

// The node's certificates in <state>/pki/: ca.crt/ca.key (the node CA),
// control.crt/control.key (the control API) and proxy.crt/proxy.key (wildcard
// for every container URL). Keys are 0600, certificates 0644.
class NodePki {
public:
    static NodePki create(const std::filesystem::path& pkiDir, const NodePkiNames& names);
    // Throws PkiError naming the file when one is missing, unreadable or does not parse.
    static NodePki load(const std::filesystem::path& pkiDir);

    const std::string& caCertificatePem() const { return m_caCertificatePem; }
    const CertifiedKey& control() const { return m_control; }
    const CertifiedKey& proxy() const { return m_proxy; }
    // What clients pin: SHA-256 of the control certificate's DER.
    std::string controlFingerprint() const;

private:
    std::string m_caCertificatePem;
    CertifiedKey m_control;
    CertifiedKey m_proxy;
};

} // namespace cowl::node
