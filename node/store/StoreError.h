// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>

namespace cowl::node {

// A document file or directory the store cannot read or write. The message names
// the file and says what to do; the node refuses to start rather than guess.
class StoreError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// A conditional put/remove whose expected version did not match. `current` is the
// version on disk now (0 = the document does not exist).
class VersionConflict : public std::runtime_error {
public:
    explicit VersionConflict(std::uint64_t current)
        : std::runtime_error(current == 0 ? "the document does not exist"
                                          : "the document is now at version " + std::to_string(current)),
          current(current) {}

    std::uint64_t current;
};

} // namespace cowl::node
