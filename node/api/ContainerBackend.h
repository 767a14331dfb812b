// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <string>
#include <string_view>

#include "shared/api/Container.h"

namespace cowl::node {

// The seam between container records (ContainerService) and a runtime (liblxc).
// Calls come from API threads; errors are thrown as std::exception with a
// message an operator can act on, and leave the record as it was.
class ContainerBackend {
public:
    virtual ~ContainerBackend() = default;
    virtual void create(const Container& record) = 0;
    virtual void update(const Container& record) = 0;
    virtual void destroy(const std::string& containerId) = 0;
    // action: start, stop, restart, force-stop.
    virtual void act(const std::string& containerId, std::string_view action) = 0;
};

} // namespace cowl::node
