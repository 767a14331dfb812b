// SPDX-License-Identifier: GPL-3.0-or-later
#include "node/proxy/CertificateStore.h"

#include <algorithm>
#include <cctype>
#include <stdexcept>

#include <openssl/ssl.h>
#include <openssl/x509v3.h>

namespace cowl::node {

namespace ssl = boost::asio::ssl;

namespace {

constexpr const char* kTls12Ciphers =
    "ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:"
    "ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-RSA-AES256-GCM-SHA384:"
    "ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-CHACHA20-POLY1305";

std::string lower(std::string_view s)
{
    std::string out(s);
    std::transform(out.begin(), out.end(), out.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
}

std::vector<std::string> dnsNames(const std::string& chainPem)
{
    std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new_mem_buf(chainPem.data(), static_cast<int>(chainPem.size())), BIO_free);
    std::unique_ptr<X509, decltype(&X509_free)> cert(PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr), X509_free);
    if (!cert)
        throw std::runtime_error("the certificate is not valid PEM; paste the full chain starting with -----BEGIN CERTIFICATE-----");
    std::vector<std::string> names;
    auto* sans = static_cast<GENERAL_NAMES*>(X509_get_ext_d2i(cert.get(), NID_subject_alt_name, nullptr, nullptr));
    if (sans) {
        for (int i = 0; i < sk_GENERAL_NAME_num(sans); ++i) {
            const GENERAL_NAME* n = sk_GENERAL_NAME_value(sans, i);
            if (n->type != GEN_DNS)
                continue;
            const auto* data = ASN1_STRING_get0_data(n->d.dNSName);
            names.push_back(lower(std::string_view(reinterpret_cast<const char*>(data),
                                                   static_cast<std::size_t>(ASN1_STRING_length(n->d.dNSName)))));
        }
        GENERAL_NAMES_free(sans);
    }
    if (names.empty())
        throw std::runtime_error("the certificate names no DNS host (subjectAltName); issue one for the alias or wildcard you need");
    return names;
}

} // namespace

CertificateStore::CertificateStore(bool offerHttp2)
    : m_offerHttp2(offerHttp2)
{
    m_table.store(std::make_shared<const Table>());
}

void CertificateStore::configure(ssl::context& ctx) const
{
    SSL_CTX* raw = ctx.native_handle();
    SSL_CTX_set_min_proto_version(raw, TLS1_2_VERSION);
    SSL_CTX_set_max_proto_version(raw, TLS1_3_VERSION);
    SSL_CTX_set_cipher_list(raw, kTls12Ciphers);
    SSL_CTX_set_options(raw, SSL_OP_NO_COMPRESSION | SSL_OP_NO_RENEGOTIATION | SSL_OP_CIPHER_SERVER_PREFERENCE);
    // Sessions resume from tickets only (TLS 1.2 and 1.3), which the server
    // keeps nothing for. OpenSSL's session cache took a process-wide lock on
    // every full handshake and, every 255 of them, walked all its sessions
    // to drop the expired ones; a TLS 1.2 client without tickets just makes
    // a full handshake.
    SSL_CTX_set_session_cache_mode(raw, SSL_SESS_CACHE_OFF);
    SSL_CTX_set_session_id_context(raw, reinterpret_cast<const unsigned char*>("cowl-proxy"), 10);
    SSL_CTX_set_mode(raw, SSL_MODE_RELEASE_BUFFERS);
    SSL_CTX_set_tlsext_servername_callback(raw, &CertificateStore::onServerName);
    SSL_CTX_set_tlsext_servername_arg(raw, const_cast<CertificateStore*>(this));
    SSL_CTX_set_alpn_select_cb(raw, &CertificateStore::onAlpn, const_cast<CertificateStore*>(this));
}

std::shared_ptr<ssl::context> CertificateStore::makeContext(const std::string& chainPem, const std::string& keyPem) const
{
    auto ctx = std::make_shared<ssl::context>(ssl::context::tls_server);
    configure(*ctx);
    boost::system::error_code ec;
    ctx->use_certificate_chain(boost::asio::buffer(chainPem), ec);
    if (ec)
        throw std::runtime_error("the certificate chain could not be read (" + ec.message() + "); check the PEM text");
    ctx->use_private_key(boost::asio::buffer(keyPem), ssl::context::pem, ec);
    if (ec)
        throw std::runtime_error("the private key could not be read (" + ec.message() + "); an unencrypted PEM key is needed");
    if (SSL_CTX_check_private_key(ctx->native_handle()) != 1)
        throw std::runtime_error("the private key does not belong to the certificate; import the matching pair");
    return ctx;
}

void CertificateStore::setDefault(const std::string& chainPem, const std::string& keyPem)
{
    auto ctx = makeContext(chainPem, keyPem);
    if (!m_accept) {
        // The accept context needs a certificate of its own for clients
        // that send no SNI; the callback switches to the current table anyway.
        auto accept = std::make_unique<ssl::context>(ssl::context::tls_server);
        configure(*accept);
        accept->use_certificate_chain(boost::asio::buffer(chainPem));
        accept->use_private_key(boost::asio::buffer(keyPem), ssl::context::pem);
        m_accept = std::move(accept);
    }
    auto next = std::make_shared<Table>(*m_table.load());
    next->fallback = std::move(ctx);
    m_table.store(std::move(next));
}

std::vector<std::string> CertificateStore::import(const std::string& chainPem, const std::string& keyPem)
{
    auto names = dnsNames(chainPem);
    auto ctx = makeContext(chainPem, keyPem);
    auto next = std::make_shared<Table>(*m_table.load());
    for (const auto& name : names) {
        if (name.starts_with("*."))
            next->wildcard[name.substr(2)] = ctx;
        else
            next->exact[name] = ctx;
    }
    m_table.store(std::move(next));
    return names;
}

SSL_CTX* CertificateStore::select(std::string_view serverName) const
{
    auto table = m_table.load();
    std::string name = lower(serverName);
    if (!name.empty() && name.back() == '.')
        name.pop_back();
    if (auto it = table->exact.find(name); it != table->exact.end())
        return it->second->native_handle();
    if (auto dot = name.find('.'); dot != std::string::npos) {
        if (auto it = table->wildcard.find(std::string_view(name).substr(dot + 1)); it != table->wildcard.end())
            return it->second->native_handle();
    }
    return table->fallback ? table->fallback->native_handle() : nullptr;
}

int CertificateStore::onServerName(SSL* ssl, int*, void* arg)
{
    auto* self = static_cast<CertificateStore*>(arg);
    const char* name = SSL_get_servername(ssl, TLSEXT_NAMETYPE_host_name);
    SSL_CTX* chosen = self->select(name ? std::string_view(name) : std::string_view{});
    // The table may be replaced while this connection lives; SSL_set_SSL_CTX
    // takes its own reference, so the context outlives the swap.
    if (chosen)
        SSL_set_SSL_CTX(ssl, chosen);
    return SSL_TLSEXT_ERR_OK;
}

int CertificateStore::onAlpn(SSL*, const unsigned char** out, unsigned char* outlen,
                             const unsigned char* in, unsigned int inlen, void* arg)
{
    auto* self = static_cast<CertificateStore*>(arg);
    static const unsigned char h2AndH1[] = "\x02h2\x08http/1.1";
    static const unsigned char h1Only[] = "\x08http/1.1";
    const unsigned char* prefs = self->m_offerHttp2 ? h2AndH1 : h1Only;
    unsigned int prefsLen = self->m_offerHttp2 ? sizeof(h2AndH1) - 1 : sizeof(h1Only) - 1;
    unsigned char* selected = nullptr;
    if (SSL_select_next_proto(&selected, outlen, prefs, prefsLen, in, inlen) != OPENSSL_NPN_NEGOTIATED)
        return SSL_TLSEXT_ERR_NOACK; // no overlap: carry on without ALPN, as HTTP/1.1
    *out = selected;
    return SSL_TLSEXT_ERR_OK;
}

} // namespace cowl::node
