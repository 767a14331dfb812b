// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <stdexcept>
#include <string>

namespace cowl::node {

// The command line itself is wrong (unknown option, missing value): exit code 2,
// and the message says how to ask for help.
class UsageError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// The command was understood but could not be done: exit code 1. The message
// says what went wrong and what to do next.
class CommandFailure : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

} // namespace cowl::node
