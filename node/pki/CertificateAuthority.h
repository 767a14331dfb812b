// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "node/pki/OpenSslPtr.h"

#include <string>
#include <vector>

namespace cowl::node {

// A PEM certificate with its private key.
struct CertifiedKey {
    std::string certificatePem;
    std::string privateKeyPem;
};

// What a server certificate is for: the names clients will use to reach it.
struct ServerCertificateRequest {
    std::string commonName;
    std::vector<std::string> dnsNames;    // may hold wildcards: "*.node1.cowl.test"
    std::vector<std::string> ipAddresses; // "127.0.0.1", "::1"
    int validityDays = 3650;
};

// The node's own certification authority (EC P-256). It is never trusted by
// anything but this node's clients, which pin the control certificate, so it
// lives as long as the node; it issues the control and proxy certificates.
class CertificateAuthority {
public:
    static CertificateAuthority create(const std::string& commonName, int validityDays = 7300);
    // Throws PkiError when the PEMs do not parse or the key does not match the certificate.
    static CertificateAuthority fromPem(const std::string& certificatePem, const std::string& privateKeyPem);

    CertifiedKey issueServerCertificate(const ServerCertificateRequest& request) const;

    std::string certificatePem() const;
    std::string privateKeyPem() const;

private:
    CertificateAuthority(X509Ptr certificate, EvpPkeyPtr key);

    X509Ptr m_certificate;
    EvpPkeyPtr m_key;
};

} // namespace cowl::node
