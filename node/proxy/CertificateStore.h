// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <atomic>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <boost/asio/ssl/context.hpp>

namespace cowl::node {

// The proxy's TLS contexts: the node's wildcard certificate plus any the
// operator imported, picked by SNI. Imports replace the whole table
// atomically, so a handshake in flight keeps the context it started with
// and new handshakes see the new certificate without a restart.
class CertificateStore {
public:
    explicit CertificateStore(bool offerHttp2);

    // Throws std::runtime_error with what is wrong (bad PEM, key mismatch).
    void setDefault(const std::string& chainPem, const std::string& keyPem);
    // Names come from the certificate (subjectAltName DNS entries); returns them.
    std::vector<std::string> import(const std::string& chainPem, const std::string& keyPem);

    // The context handed to every new connection; SNI may switch it.
    boost::asio::ssl::context& acceptContext() { return *m_accept; }

private:
    struct Table {
        std::shared_ptr<boost::asio::ssl::context> fallback;
        std::map<std::string, std::shared_ptr<boost::asio::ssl::context>, std::less<>> exact;    // host
        std::map<std::string, std::shared_ptr<boost::asio::ssl::context>, std::less<>> wildcard; // parent domain
    };

    std::shared_ptr<boost::asio::ssl::context> makeContext(const std::string& chainPem,
                                                           const std::string& keyPem) const;
    void configure(boost::asio::ssl::context& ctx) const;
    static int onServerName(SSL* ssl, int* alert, void* arg);
    static int onAlpn(SSL* ssl, const unsigned char** out, unsigned char* outlen,
                      const unsigned char* in, unsigned int inlen, void* arg);
    SSL_CTX* select(std::string_view serverName) const;

    bool m_offerHttp2;
    std::unique_ptr<boost::asio::ssl::context> m_accept;
    std::atomic<std::shared_ptr<const Table>> m_table;
};

} // namespace cowl::node
