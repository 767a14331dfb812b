// SPDX-License-Identifier: GPL-3.0-or-later
#include "node/pki/CertificateFingerprint.h"

#include "node/pki/OpenSslPtr.h"
#include "node/pki/PkiError.h"

#include <openssl/pem.h>

namespace cowl::node {

std::string certificateFingerprint(const std::string& certificatePem) {
    BioPtr bio(BIO_new_mem_buf(certificatePem.data(), static_cast<int>(certificatePem.size())));
    X509Ptr certificate(PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr));
    if (!certificate)
        throw PkiError(openSslFailure("cannot read the certificate to fingerprint it"));
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    if (X509_digest(certificate.get(), EVP_sha256(), digest, &length) != 1)
        throw PkiError(openSslFailure("cannot fingerprint the certificate"));
    static constexpr char kHex[] = "0123456789abcdef";
    std::string hex;
    hex.reserve(length * 2);
    for (unsigned int i = 0; i < length; ++i) {
        hex += kHex[digest[i] >> 4];
        hex += kHex[digest[i] & 0x0f];
    }
    return hex;
}

} // namespace cowl::node
