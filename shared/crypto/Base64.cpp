// SPDX-License-Identifier: GPL-3.0-or-later
#include "shared/crypto/Base64.h"

#include <array>
#include <cstdint>

namespace cowl {

namespace {

constexpr std::string_view kStandard = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
constexpr std::string_view kUrl = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

std::string encodeWith(std::string_view bytes, std::string_view alphabet, bool pad) {
    std::string out;
    out.reserve((bytes.size() + 2) / 3 * 4);
    std::size_t i = 0;
    for (; i + 3 <= bytes.size(); i += 3) {
        const std::uint32_t v = (std::uint32_t(std::uint8_t(bytes[i])) << 16) |
                                (std::uint32_t(std::uint8_t(bytes[i + 1])) << 8) | std::uint8_t(bytes[i + 2]);
        out += alphabet[(v >> 18) & 63];
        out += alphabet[(v >> 12) & 63];
        out += alphabet[(v >> 6) & 63];
        out += alphabet[v & 63];
    }
    const std::size_t rest = bytes.size() - i;
    if (rest == 1) {
        const std::uint32_t v = std::uint32_t(std::uint8_t(bytes[i])) << 16;
        out += alphabet[(v >> 18) & 63];
        out += alphabet[(v >> 12) & 63];
        if (pad) {
            out += "==";
        }
    } else if (rest == 2) {
        const std::uint32_t v = (std::uint32_t(std::uint8_t(bytes[i])) << 16) | (std::uint32_t(std::uint8_t(bytes[i + 1])) << 8);
        out += alphabet[(v >> 18) & 63];
        out += alphabet[(v >> 12) & 63];
        out += alphabet[(v >> 6) & 63];
        if (pad) {
            out += '=';
        }
    }
    return out;
}

std::optional<std::string> decodeWith(std::string_view text, std::string_view alphabet, bool padded) {
    std::array<int, 256> table{};
    table.fill(-1);
    for (std::size_t k = 0; k < alphabet.size(); ++k) {
        table[static_cast<unsigned char>(alphabet[k])] = static_cast<int>(k);
    }
    if (padded) {
        if (text.size() % 4 != 0) {
            return std::nullopt;
        }
        std::size_t padding = 0;
        while (padding < 2 && !text.empty() && text.back() == '=') {
            text.remove_suffix(1);
            ++padding;
        }
    }
    if (text.size() % 4 == 1) {
        return std::nullopt;
    }
    std::string out;
    out.reserve(text.size() * 3 / 4);
    std::uint32_t buffer = 0;
    int bits = 0;
    for (char c : text) {
        const int v = table[static_cast<unsigned char>(c)];
        if (v < 0) {
            return std::nullopt;
        }
        buffer = (buffer << 6) | static_cast<std::uint32_t>(v);
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            out += static_cast<char>((buffer >> bits) & 0xff);
        }
    }
    // Non-zero leftover bits mean a second spelling of the same bytes.
    if (bits > 0 && (buffer & ((1u << bits) - 1)) != 0) {
        return std::nullopt;
    }
    return out;
}

} // namespace

std::string Base64::encode(std::string_view bytes) {
    return encodeWith(bytes, kStandard, true);
}

std::string Base64::encodeUrl(std::string_view bytes) {
    return encodeWith(bytes, kUrl, false);
}

std::optional<std::string> Base64::decode(std::string_view text) {
    return decodeWith(text, kStandard, true);
}

std::optional<std::string> Base64::decodeUrl(std::string_view text) {
    return decodeWith(text, kUrl, false);
}

} // namespace cowl
