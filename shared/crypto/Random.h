// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstddef>
#include <string>

namespace cowl {

// Bytes from the OS CSPRNG (OpenSSL RAND_bytes). Throws std::runtime_error
// when the generator fails: a guessable secret is worse than no secret.
class Random {
public:
    static std::string bytes(std::size_t count);
    static std::string hex(std::size_t byteCount); // 2 * byteCount lowercase hex characters
};

std::string toHex(std::string_view bytes);

} // namespace cowl
