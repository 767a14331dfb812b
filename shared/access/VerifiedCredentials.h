// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <string_view>

namespace cowl {

// A memory of credentials that already verified, so a repeated valid password
// or JWT costs a lookup instead of scrypt or a signature check. The proxy
// implements it (bounded, keyed by a keyed hash); the evaluator only asks it
// before verifying and tells it after a success — never after a failure, so
// wrong credentials never get cheaper. `groupFingerprint` changes whenever the
// group's secret or rules change, which makes old entries unreachable at once.
class VerifiedCredentials {
public:
    virtual ~VerifiedCredentials() = default;
    virtual bool contains(std::string_view groupFingerprint, std::string_view presented, std::int64_t now) const = 0;
    virtual void add(std::string_view groupFingerprint, std::string_view presented, std::int64_t validUntil) = 0;
};

} // namespace cowl
