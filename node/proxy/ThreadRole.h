// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <pthread.h>
#include <sys/resource.h>
#include <unistd.h>

#include <string>

namespace cowl::node {

// Names the calling thread for top -H, ps -L and perf (Linux keeps 15
// characters) and sets its nice value (per thread on Linux): background
// threads run at a positive one so that the workers' requests go first.
inline void takeThreadRole(const std::string& name, int nice = 0)
{
    ::pthread_setname_np(::pthread_self(), name.substr(0, 15).c_str());
    if (nice != 0)
        ::setpriority(PRIO_PROCESS, static_cast<id_t>(::gettid()), nice);
}

} // namespace cowl::node
