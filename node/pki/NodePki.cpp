// SPDX-License-Identifier: GPL-3.0-or-later
#include "node/pki/NodePki.h"

#include "node/config/AtomicFile.h"
#include "node/pki/CertificateFingerprint.h"
#include "node/pki/PkiError.h"

#include <openssl/pem.h>
#include <sys/stat.h>

namespace cowl::node {

namespace {

constexpr mode_t kKeyMode = 0600;
constexpr mode_t kCertificateMode = 0644;

std::string readPem(const std::filesystem::path& path) {
    try {
        return readWholeFile(path);
    } catch (const std::exception& e) {
        throw PkiError(std::string(e.what()) + "; the node's certificates are incomplete: restore " + path.string()
                       + " from a backup, or initialise a new node state directory");
    }
}

// A key that does not match its certificate would only fail at the first TLS
// handshake; catch it at load.
void checkPair(const CertifiedKey& pair, const std::filesystem::path& certificatePath) {
    BioPtr certBio(BIO_new_mem_buf(pair.certificatePem.data(), static_cast<int>(pair.certificatePem.size())));
    X509Ptr certificate(PEM_read_bio_X509(certBio.get(), nullptr, nullptr, nullptr));
    if (!certificate)
        throw PkiError(openSslFailure(certificatePath.string() + " is not a PEM certificate"));
    BioPtr keyBio(BIO_new_mem_buf(pair.privateKeyPem.data(), static_cast<int>(pair.privateKeyPem.size())));
    EvpPkeyPtr key(PEM_read_bio_PrivateKey(keyBio.get(), nullptr, nullptr, nullptr));
    if (!key)
        throw PkiError(openSslFailure(certificatePath.string() + ": its .key file is not a PEM private key"));
    if (X509_check_private_key(certificate.get(), key.get()) != 1)
        throw PkiError(openSslFailure(certificatePath.string() + " and its key do not belong together"));
}

CertifiedKey loadPair(const std::filesystem::path& pkiDir, const std::string& stem) {
    const auto certificatePath = pkiDir / (stem + ".crt");
    CertifiedKey pair{readPem(certificatePath), readPem(pkiDir / (stem + ".key"))};
    checkPair(pair, certificatePath);
    return pair;
}

void writePair(const std::filesystem::path& pkiDir, const std::string& stem, const CertifiedKey& pair) {
    writeFileAtomically(pkiDir / (stem + ".key"), pair.privateKeyPem, kKeyMode);
    writeFileAtomically(pkiDir / (stem + ".crt"), pair.certificatePem, kCertificateMode);
}

} // namespace

NodePki NodePki::create(const std::filesystem::path& pkiDir, const NodePkiNames& names) {
    std::filesystem::create_directories(pkiDir);
    std::filesystem::permissions(pkiDir, std::filesystem::perms::owner_all);

    const auto authority = CertificateAuthority::create("Cowl node CA " + names.nodeName + "." + names.domain);

    ServerCertificateRequest control;
    control.commonName = names.nodeName + "." + names.domain + " control";
    control.dnsNames = names.controlDnsNames;
    control.ipAddresses = names.controlIpAddresses;

    ServerCertificateRequest proxy;
    proxy.commonName = "*." + names.nodeName + "." + names.domain;
    proxy.dnsNames = {proxy.commonName};

    NodePki pki;
    pki.m_caCertificatePem = authority.certificatePem();
    pki.m_control = authority.issueServerCertificate(control);
    pki.m_proxy = authority.issueServerCertificate(proxy);

    writePair(pkiDir, "ca", {pki.m_caCertificatePem, authority.privateKeyPem()});
    writePair(pkiDir, "control", pki.m_control);
    writePair(pkiDir, "proxy", pki.m_proxy);
    return pki;
}

NodePki NodePki::load(const std::filesystem::path& pkiDir) {
    NodePki pki;
    pki.m_caCertificatePem = readPem(pkiDir / "ca.crt");
    pki.m_control = loadPair(pkiDir, "control");
    pki.m_proxy = loadPair(pkiDir, "proxy");
    return pki;
}

std::string NodePki::controlFingerprint() const { return certificateFingerprint(m_control.certificatePem); }

} // namespace cowl::node
