// SPDX-License-Identifier: GPL-3.0-or-later
#include "node/pki/CertificateAuthority.h"

#include "node/pki/PkiError.h"

#include <openssl/ec.h>
#include <openssl/pem.h>
#include <openssl/rand.h>

namespace cowl::node {

namespace {

EvpPkeyPtr generateKey() {
    EvpPkeyPtr key(EVP_EC_gen("P-256"));
    if (!key)
        throw PkiError(openSslFailure("cannot generate an EC P-256 key"));
    return key;
}

void setRandomSerial(X509* certificate) {
    unsigned char bytes[16];
    if (RAND_bytes(bytes, sizeof bytes) != 1)
        throw PkiError(openSslFailure("cannot draw a certificate serial number"));
    bytes[0] &= 0x7f; // serials are positive integers
    BignumPtr serial(BN_bin2bn(bytes, sizeof bytes, nullptr));
    if (!serial || !BN_to_ASN1_INTEGER(serial.get(), X509_get_serialNumber(certificate)))
        throw PkiError(openSslFailure("cannot set a certificate serial number"));
}

void setCommonName(X509_NAME* name, const std::string& commonName) {
    if (X509_NAME_add_entry_by_txt(name, "O", MBSTRING_UTF8, reinterpret_cast<const unsigned char*>("Cowl"), -1, -1, 0)
            != 1
        || X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_UTF8,
                                      reinterpret_cast<const unsigned char*>(commonName.c_str()), -1, -1, 0)
            != 1)
        throw PkiError(openSslFailure("cannot set the certificate name '" + commonName + "'"));
}

void addExtension(X509* certificate, X509* issuer, int nid, const std::string& value) {
    X509V3_CTX context;
    X509V3_set_ctx_nodb(&context);
    X509V3_set_ctx(&context, issuer, certificate, nullptr, nullptr, 0);
    X509ExtensionPtr extension(X509V3_EXT_conf_nid(nullptr, &context, nid, value.c_str()));
    if (!extension || X509_add_ext(certificate, extension.get(), -1) != 1)
        throw PkiError(openSslFailure("cannot add certificate extension " + std::string(OBJ_nid2sn(nid)) + " = "
                                      + value));
}

X509Ptr newCertificate(EVP_PKEY* subjectKey, const std::string& commonName, int validityDays) {
    X509Ptr certificate(X509_new());
    if (!certificate || X509_set_version(certificate.get(), X509_VERSION_3) != 1)
        throw PkiError(openSslFailure("cannot create a certificate"));
    setRandomSerial(certificate.get());
    // Backdate a little so a client with a slightly slow clock accepts it at once.
    if (!X509_gmtime_adj(X509_getm_notBefore(certificate.get()), -3600)
        || !X509_gmtime_adj(X509_getm_notAfter(certificate.get()), static_cast<long>(validityDays) * 86400))
        throw PkiError(openSslFailure("cannot set the certificate validity"));
    setCommonName(X509_get_subject_name(certificate.get()), commonName);
    if (X509_set_pubkey(certificate.get(), subjectKey) != 1)
        throw PkiError(openSslFailure("cannot set the certificate key"));
    return certificate;
}

void sign(X509* certificate, EVP_PKEY* key) {
    if (X509_sign(certificate, key, EVP_sha256()) <= 0)
        throw PkiError(openSslFailure("cannot sign the certificate"));
}

std::string bioToString(BIO* bio) {
    char* data = nullptr;
    const long size = BIO_get_mem_data(bio, &data);
    return size > 0 ? std::string(data, static_cast<std::size_t>(size)) : std::string();
}

std::string certificateToPem(X509* certificate) {
    BioPtr bio(BIO_new(BIO_s_mem()));
    if (!bio || PEM_write_bio_X509(bio.get(), certificate) != 1)
        throw PkiError(openSslFailure("cannot encode a certificate"));
    return bioToString(bio.get());
}

std::string keyToPem(EVP_PKEY* key) {
    BioPtr bio(BIO_new(BIO_s_mem()));
    if (!bio || PEM_write_bio_PrivateKey(bio.get(), key, nullptr, nullptr, 0, nullptr, nullptr) != 1)
        throw PkiError(openSslFailure("cannot encode a private key"));
    return bioToString(bio.get());
}

std::string joinSubjectAltNames(const ServerCertificateRequest& request) {
    std::string names;
    for (const auto& dns : request.dnsNames)
        names += (names.empty() ? "DNS:" : ",DNS:") + dns;
    for (const auto& ip : request.ipAddresses)
        names += (names.empty() ? "IP:" : ",IP:") + ip;
    return names;
}

} // namespace

CertificateAuthority::CertificateAuthority(X509Ptr certificate, EvpPkeyPtr key)
    : m_certificate(std::move(certificate)), m_key(std::move(key)) {}

CertificateAuthority CertificateAuthority::create(const std::string& commonName, int validityDays) {
    EvpPkeyPtr key = generateKey();
    X509Ptr certificate = newCertificate(key.get(), commonName, validityDays);
    X509_set_issuer_name(certificate.get(), X509_get_subject_name(certificate.get()));
    addExtension(certificate.get(), certificate.get(), NID_basic_constraints, "critical,CA:TRUE,pathlen:0");
    addExtension(certificate.get(), certificate.get(), NID_key_usage, "critical,keyCertSign,cRLSign");
    addExtension(certificate.get(), certificate.get(), NID_subject_key_identifier, "hash");
    sign(certificate.get(), key.get());
    return CertificateAuthority(std::move(certificate), std::move(key));
}

CertificateAuthority CertificateAuthority::fromPem(const std::string& certificatePem, const std::string& privateKeyPem) {
    BioPtr certBio(BIO_new_mem_buf(certificatePem.data(), static_cast<int>(certificatePem.size())));
    X509Ptr certificate(PEM_read_bio_X509(certBio.get(), nullptr, nullptr, nullptr));
    if (!certificate)
        throw PkiError(openSslFailure("the CA certificate is not a PEM certificate"));
    BioPtr keyBio(BIO_new_mem_buf(privateKeyPem.data(), static_cast<int>(privateKeyPem.size())));
    EvpPkeyPtr key(PEM_read_bio_PrivateKey(keyBio.get(), nullptr, nullptr, nullptr));
    if (!key)
        throw PkiError(openSslFailure("the CA key is not a PEM private key"));
    if (X509_check_private_key(certificate.get(), key.get()) != 1)
        throw PkiError(openSslFailure("the CA key does not belong to the CA certificate"));
    return CertificateAuthority(std::move(certificate), std::move(key));
}

CertifiedKey CertificateAuthority::issueServerCertificate(const ServerCertificateRequest& request) const {
    if (request.dnsNames.empty() && request.ipAddresses.empty())
        throw PkiError("a server certificate needs at least one name or address");
    EvpPkeyPtr key = generateKey();
    X509Ptr certificate = newCertificate(key.get(), request.commonName, request.validityDays);
    if (X509_set_issuer_name(certificate.get(), X509_get_subject_name(m_certificate.get())) != 1)
        throw PkiError(openSslFailure("cannot set the certificate issuer"));
    addExtension(certificate.get(), m_certificate.get(), NID_basic_constraints, "critical,CA:FALSE");
    addExtension(certificate.get(), m_certificate.get(), NID_key_usage, "critical,digitalSignature");
    addExtension(certificate.get(), m_certificate.get(), NID_ext_key_usage, "serverAuth");
    addExtension(certificate.get(), m_certificate.get(), NID_subject_key_identifier, "hash");
    addExtension(certificate.get(), m_certificate.get(), NID_authority_key_identifier, "keyid:always");
    addExtension(certificate.get(), m_certificate.get(), NID_subject_alt_name, joinSubjectAltNames(request));
    sign(certificate.get(), m_key.get());
    return {certificateToPem(certificate.get()), keyToPem(key.get())};
}

std::string CertificateAuthority::certificatePem() const { return certificateToPem(m_certificate.get()); }

std::string CertificateAuthority::privateKeyPem() const { return keyToPem(m_key.get()); }

} // namespace cowl::node
