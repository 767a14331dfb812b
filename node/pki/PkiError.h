// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <stdexcept>
#include <string>

namespace cowl::node {

// A certificate or key could not be made, read or used. The message names the
// file or the step and carries OpenSSL's own reason.
class PkiError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// "what: OpenSSL's reason" from the thread's error queue (which it clears).
std::string openSslFailure(const std::string& what);

} // namespace cowl::node
