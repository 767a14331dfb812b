// SPDX-License-Identifier: GPL-3.0-or-later
#include "shared/crypto/PasswordHash.h"

#include <charconv>
#include <cstdint>
#include <stdexcept>

#include <openssl/evp.h>

#include "shared/crypto/Random.h"
#include "shared/crypto/TokenHash.h"

namespace cowl {

namespace {

constexpr std::size_t kSaltBytes = 16;
constexpr std::size_t kHashBytes = 32;
// A stored hash is data from disk: bound its cost so a damaged or hostile file
// cannot make the node allocate gigabytes per login.
constexpr unsigned kMaxLog2N = 20;
constexpr unsigned kMaxR = 16;
constexpr unsigned kMaxP = 4;

struct Decoded {
    PasswordHash::Cost cost;
    std::string salt;
    std::string hash;
};

std::optional<std::string> fromHex(std::string_view hex) {
    if (hex.size() % 2 != 0) {
        return std::nullopt;
    }
    std::string out;
    out.reserve(hex.size() / 2);
    for (std::size_t i = 0; i < hex.size(); i += 2) {
        unsigned value = 0;
        const auto [end, ec] = std::from_chars(hex.data() + i, hex.data() + i + 2, value, 16);
        if (ec != std::errc() || end != hex.data() + i + 2 || hex[i] == '+' || hex[i] == '-' ||
            (hex[i] >= 'A' && hex[i] <= 'F') || (hex[i + 1] >= 'A' && hex[i + 1] <= 'F')) {
            return std::nullopt;
        }
        out += static_cast<char>(value);
    }
    return out;
}

bool readParam(std::string_view& s, std::string_view name, unsigned max, unsigned& value) {
    if (s.substr(0, name.size()) != name) {
        return false;
    }
    s.remove_prefix(name.size());
    const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
    if (ec != std::errc() || value < 1 || value > max) {
        return false;
    }
    s.remove_prefix(static_cast<std::size_t>(end - s.data()));
    return true;
}

std::optional<Decoded> decode(std::string_view s) {
    constexpr std::string_view kPrefix = "$scrypt$";
    if (s.substr(0, kPrefix.size()) != kPrefix) {
        return std::nullopt;
    }
    s.remove_prefix(kPrefix.size());
    Decoded d;
    if (!readParam(s, "ln=", kMaxLog2N, d.cost.log2N) || !readParam(s, ",r=", kMaxR, d.cost.r) ||
        !readParam(s, ",p=", kMaxP, d.cost.p) || s.empty() || s.front() != '$') {
        return std::nullopt;
    }
    s.remove_prefix(1);
    const auto dollar = s.find('$');
    if (dollar == std::string_view::npos) {
        return std::nullopt;
    }
    auto salt = fromHex(s.substr(0, dollar));
    auto hash = fromHex(s.substr(dollar + 1));
    if (!salt || !hash || salt->size() != kSaltBytes || hash->size() != kHashBytes) {
        return std::nullopt;
    }
    d.salt = std::move(*salt);
    d.hash = std::move(*hash);
    return d;
}

std::string derive(std::string_view password, std::string_view salt, PasswordHash::Cost cost) {
    const std::uint64_t n = std::uint64_t{1} << cost.log2N;
    // scrypt needs 128 * r * N bytes plus a little; leave headroom over that.
    const std::uint64_t maxMemory = 256 * std::uint64_t{cost.r} * n * cost.p + (1u << 20);
    std::string key(kHashBytes, '\0');
    static const char kEmpty = '\0';
    const char* pass = password.empty() ? &kEmpty : password.data();
    if (EVP_PBE_scrypt(pass, password.size(), reinterpret_cast<const unsigned char*>(salt.data()), salt.size(), n,
                       cost.r, cost.p, maxMemory, reinterpret_cast<unsigned char*>(key.data()), key.size()) != 1) {
        throw std::runtime_error("scrypt failed (out of memory?); the password could not be hashed");
    }
    return key;
}

} // namespace

std::string PasswordHash::hash(std::string_view password, Cost cost) {
    if (cost.log2N < 1 || cost.log2N > kMaxLog2N || cost.r < 1 || cost.r > kMaxR || cost.p < 1 || cost.p > kMaxP) {
        throw std::invalid_argument("scrypt cost out of range");
    }
    const std::string salt = Random::bytes(kSaltBytes);
    const std::string key = derive(password, salt, cost);
    return "$scrypt$ln=" + std::to_string(cost.log2N) + ",r=" + std::to_string(cost.r) +
           ",p=" + std::to_string(cost.p) + "$" + toHex(salt) + "$" + toHex(key);
}

bool PasswordHash::verify(std::string_view password, std::string_view encoded) {
    const auto d = decode(encoded);
    if (!d) {
        return false;
    }
    return TokenHash::constantTimeEquals(derive(password, d->salt, d->cost), d->hash);
}

bool PasswordHash::isWellFormed(std::string_view encoded) {
    return decode(encoded).has_value();
}

} // namespace cowl
