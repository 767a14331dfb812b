// SPDX-License-Identifier: GPL-3.0-or-later
#include "shared/crypto/Jwt.h"

#include <chrono>
#include <cmath>
#include <stdexcept>

#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include "shared/crypto/Base64.h"

namespace cowl {

namespace {

constexpr std::size_t kMaxTokenLength = 16 * 1024;
constexpr std::size_t kMinHmacSecret = 32; // RFC 7518 §3.2: at least the hash size

struct PkeyDeleter {
    void operator()(EVP_PKEY* k) const { EVP_PKEY_free(k); }
};
using PkeyPtr = std::unique_ptr<EVP_PKEY, PkeyDeleter>;

PkeyPtr readPublicKey(std::string_view pem) {
    std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())),
                                                  &BIO_free);
    if (!bio) {
        return nullptr;
    }
    if (pem.find("-----BEGIN CERTIFICATE-----") != std::string_view::npos) {
        std::unique_ptr<X509, decltype(&X509_free)> cert(PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr),
                                                         &X509_free);
        return PkeyPtr(cert ? X509_get_pubkey(cert.get()) : nullptr);
    }
    return PkeyPtr(PEM_read_bio_PUBKEY(bio.get(), nullptr, nullptr, nullptr));
}

std::optional<std::string> publicKeyError(JwtAlgorithm algorithm, EVP_PKEY* key) {
    if (key == nullptr) {
        return std::string("the public key is not a PEM public key (-----BEGIN PUBLIC KEY-----) or certificate");
    }
    if (algorithm == JwtAlgorithm::RS256) {
        if (!EVP_PKEY_is_a(key, "RSA")) {
            return std::string("RS256 needs an RSA public key");
        }
        if (EVP_PKEY_get_bits(key) < 2048) {
            return std::string("the RSA key is shorter than 2048 bits; use a stronger key");
        }
        return std::nullopt;
    }
    if (!EVP_PKEY_is_a(key, "EC")) {
        return std::string("ES256 needs an EC P-256 public key");
    }
    char group[64] = {};
    std::size_t length = 0;
    if (EVP_PKEY_get_utf8_string_param(key, OSSL_PKEY_PARAM_GROUP_NAME, group, sizeof(group), &length) != 1 ||
        std::string_view(group, length) != "prime256v1") {
        return std::string("ES256 needs a key on curve P-256 (prime256v1)");
    }
    return std::nullopt;
}

// JWS ES256 signatures are r || s (32 bytes each); OpenSSL wants DER.
std::optional<std::string> es256ToDer(std::string_view raw) {
    if (raw.size() != 64) {
        return std::nullopt;
    }
    ECDSA_SIG* sig = ECDSA_SIG_new();
    BIGNUM* r = BN_bin2bn(reinterpret_cast<const unsigned char*>(raw.data()), 32, nullptr);
    BIGNUM* s = BN_bin2bn(reinterpret_cast<const unsigned char*>(raw.data()) + 32, 32, nullptr);
    if (sig == nullptr || r == nullptr || s == nullptr || ECDSA_SIG_set0(sig, r, s) != 1) {
        BN_free(r);
        BN_free(s);
        ECDSA_SIG_free(sig);
        return std::nullopt;
    }
    unsigned char* der = nullptr;
    const int length = i2d_ECDSA_SIG(sig, &der);
    ECDSA_SIG_free(sig);
    if (length <= 0) {
        return std::nullopt;
    }
    std::string out(reinterpret_cast<char*>(der), static_cast<std::size_t>(length));
    OPENSSL_free(der);
    return out;
}

JwtResult fail(std::string reason) {
    JwtResult r;
    r.reason = std::move(reason);
    return r;
}

std::optional<std::int64_t> numericDate(const nlohmann::json& payload, const char* name, bool& malformed) {
    const auto it = payload.find(name);
    if (it == payload.end()) {
        return std::nullopt;
    }
    if (!it->is_number() || (it->is_number_float() && !std::isfinite(it->get<double>()))) {
        malformed = true;
        return std::nullopt;
    }
    if (it->is_number_float()) {
        const double d = it->get<double>();
        if (d > 9.2e18 || d < -9.2e18) {
            malformed = true;
            return std::nullopt;
        }
        return static_cast<std::int64_t>(std::floor(d));
    }
    if (it->is_number_unsigned() && it->get<std::uint64_t>() > static_cast<std::uint64_t>(INT64_MAX)) {
        return INT64_MAX;
    }
    return it->get<std::int64_t>();
}

} // namespace

struct JwtVerifier::Key {
    PkeyPtr publicKey;
};

std::string_view toString(JwtAlgorithm algorithm) {
    switch (algorithm) {
    case JwtAlgorithm::HS256:
        return "HS256";
    case JwtAlgorithm::RS256:
        return "RS256";
    case JwtAlgorithm::ES256:
        return "ES256";
    }
    return "HS256";
}

std::optional<JwtAlgorithm> jwtAlgorithmFromString(std::string_view text) {
    if (text == "HS256") {
        return JwtAlgorithm::HS256;
    }
    if (text == "RS256") {
        return JwtAlgorithm::RS256;
    }
    if (text == "ES256") {
        return JwtAlgorithm::ES256;
    }
    return std::nullopt;
}

std::optional<std::string> JwtVerifier::keyError(JwtAlgorithm algorithm, std::string_view key) {
    if (algorithm == JwtAlgorithm::HS256) {
        if (key.size() < kMinHmacSecret) {
            return "an HS256 secret needs at least 32 characters";
        }
        // A PEM as an HMAC secret is the classic algorithm-confusion setup.
        if (key.find("-----BEGIN") != std::string_view::npos) {
            return "an HS256 secret cannot be a PEM key or certificate; use RS256/ES256 with public_key instead";
        }
        return std::nullopt;
    }
    const PkeyPtr pkey = readPublicKey(key);
    return publicKeyError(algorithm, pkey.get());
}

JwtVerifier::JwtVerifier(JwtVerifierOptions options) : m_options(std::move(options)), m_key(std::make_unique<Key>()) {
    if (auto error = keyError(m_options.algorithm, m_options.key)) {
        throw std::invalid_argument(*error);
    }
    if (!m_options.claims.is_object()) {
        throw std::invalid_argument("claims must be a JSON object");
    }
    if (m_options.algorithm != JwtAlgorithm::HS256) {
        m_key->publicKey = readPublicKey(m_options.key);
    }
}

JwtVerifier::~JwtVerifier() = default;

std::int64_t JwtVerifier::systemNow() {
    return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch())
        .count();
}

JwtResult JwtVerifier::verify(std::string_view token) const {
    return verify(token, systemNow());
}

JwtResult JwtVerifier::verify(std::string_view token, std::int64_t now) const {
    if (token.empty() || token.size() > kMaxTokenLength) {
        return fail("the JWT is empty or too long");
    }
    const auto dot1 = token.find('.');
    const auto dot2 = dot1 == std::string_view::npos ? dot1 : token.find('.', dot1 + 1);
    if (dot2 == std::string_view::npos || token.find('.', dot2 + 1) != std::string_view::npos) {
        return fail("the JWT is not three base64url parts separated by dots");
    }
    const auto headerText = Base64::decodeUrl(token.substr(0, dot1));
    const auto payloadText = Base64::decodeUrl(token.substr(dot1 + 1, dot2 - dot1 - 1));
    const auto signature = Base64::decodeUrl(token.substr(dot2 + 1));
    if (!headerText || !payloadText || !signature) {
        return fail("the JWT is not valid base64url");
    }
    const auto header = nlohmann::json::parse(*headerText, nullptr, false);
    if (!header.is_object() || !header.contains("alg") || !header["alg"].is_string()) {
        return fail("the JWT header is not a JSON object with an alg");
    }
    const std::string alg = header["alg"].get<std::string>();
    if (alg != toString(m_options.algorithm)) {
        return fail("the JWT uses algorithm '" + alg.substr(0, 16) + "' but the group requires " +
                    std::string(toString(m_options.algorithm)));
    }
    if (header.contains("crit")) {
        return fail("the JWT has critical header extensions this node does not understand");
    }

    const std::string_view signingInput = token.substr(0, dot2);
    bool signatureOk = false;
    if (m_options.algorithm == JwtAlgorithm::HS256) {
        unsigned char mac[EVP_MAX_MD_SIZE];
        unsigned int macLength = 0;
        if (HMAC(EVP_sha256(), m_options.key.data(), static_cast<int>(m_options.key.size()),
                 reinterpret_cast<const unsigned char*>(signingInput.data()), signingInput.size(), mac,
                 &macLength) != nullptr) {
            signatureOk = signature->size() == macLength && CRYPTO_memcmp(mac, signature->data(), macLength) == 0;
        }
    } else {
        std::string der;
        const std::string* sig = &*signature;
        if (m_options.algorithm == JwtAlgorithm::ES256) {
            auto converted = es256ToDer(*signature);
            if (!converted) {
                return fail("the JWT signature is not valid");
            }
            der = std::move(*converted);
            sig = &der;
        }
        std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(), &EVP_MD_CTX_free);
        signatureOk = ctx && EVP_DigestVerifyInit(ctx.get(), nullptr, EVP_sha256(), nullptr, m_key->publicKey.get()) == 1 &&
                      EVP_DigestVerify(ctx.get(), reinterpret_cast<const unsigned char*>(sig->data()), sig->size(),
                                       reinterpret_cast<const unsigned char*>(signingInput.data()),
                                       signingInput.size()) == 1;
    }
    if (!signatureOk) {
        return fail("the JWT signature is not valid");
    }

    auto payload = nlohmann::json::parse(*payloadText, nullptr, false);
    if (!payload.is_object()) {
        return fail("the JWT payload is not a JSON object");
    }
    bool malformed = false;
    const auto exp = numericDate(payload, "exp", malformed);
    const auto nbf = numericDate(payload, "nbf", malformed);
    if (malformed) {
        return fail("the JWT has a non-numeric exp or nbf");
    }
    const std::int64_t leeway = m_options.leewaySeconds;
    if (exp && now > *exp && now - *exp > leeway) {
        return fail("the JWT expired");
    }
    if (nbf && *nbf > now && *nbf - now > leeway) {
        return fail("the JWT is not valid yet (nbf)");
    }
    if (m_options.issuer) {
        const auto it = payload.find("iss");
        if (it == payload.end() || !it->is_string() || it->get<std::string>() != *m_options.issuer) {
            return fail("the JWT issuer (iss) does not match");
        }
    }
    if (m_options.audience) {
        const auto it = payload.find("aud");
        bool found = false;
        if (it != payload.end() && it->is_string()) {
            found = it->get<std::string>() == *m_options.audience;
        } else if (it != payload.end() && it->is_array()) {
            for (const auto& a : *it) {
                found = found || (a.is_string() && a.get<std::string>() == *m_options.audience);
            }
        }
        if (!found) {
            return fail("the JWT audience (aud) does not match");
        }
    }
    for (const auto& [name, expected] : m_options.claims.items()) {
        const auto it = payload.find(name);
        if (it == payload.end() || *it != expected) {
            return fail("the JWT claim '" + name + "' does not match");
        }
    }
    JwtResult ok;
    ok.valid = true;
    ok.expiresAt = exp;
    ok.claims = std::move(payload);
    return ok;
}

} // namespace cowl
