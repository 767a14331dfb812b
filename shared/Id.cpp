// SPDX-License-Identifier: GPL-3.0-or-later
#include "shared/Id.h"

#include <array>
#include <stdexcept>

#include <openssl/rand.h>

namespace cowl {

Id Id::generate() {
    std::array<unsigned char, kHexLength / 2> bytes{};
    if (RAND_bytes(bytes.data(), static_cast<int>(bytes.size())) != 1) {
        throw std::runtime_error("the OS random number generator failed; refusing to make a guessable id");
    }
    static constexpr char kDigits[] = "0123456789abcdef";
    std::string hex;
    hex.reserve(kHexLength);
    for (unsigned char b : bytes) {
        hex.push_back(kDigits[b >> 4]);
        hex.push_back(kDigits[b & 0x0f]);
    }
    return Id(std::move(hex));
}

bool Id::isValid(std::string_view text) {
    if (text.size() != kHexLength) {
        return false;
    }
    for (char c : text) {
        const bool digit = c >= '0' && c <= '9';
        const bool lowerHex = c >= 'a' && c <= 'f';
        if (!digit && !lowerHex) {
            return false;
        }
    }
    return true;
}

std::optional<Id> Id::parse(std::string_view text) {
    if (!isValid(text)) {
        return std::nullopt;
    }
    return Id(std::string(text));
}

} // namespace cowl
