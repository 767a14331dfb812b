// SPDX-License-Identifier: GPL-3.0-or-later
#include "shared/crypto/Random.h"

#include <stdexcept>

#include <openssl/rand.h>

namespace cowl {

std::string Random::bytes(std::size_t count) {
    std::string out(count, '\0');
    if (count > 0 && RAND_bytes(reinterpret_cast<unsigned char*>(out.data()), static_cast<int>(count)) != 1) {
        throw std::runtime_error("the OS random number generator failed; refusing to make a guessable secret");
    }
    return out;
}

std::string Random::hex(std::size_t byteCount) {
    return toHex(bytes(byteCount));
}

std::string toHex(std::string_view bytes) {
    static constexpr char kDigits[] = "0123456789abcdef";
    std::string out;
    out.reserve(bytes.size() * 2);
    for (char c : bytes) {
        const auto b = static_cast<unsigned char>(c);
        out += kDigits[b >> 4];
        out += kDigits[b & 0x0f];
    }
    return out;
}

} // namespace cowl
