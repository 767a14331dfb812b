// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstddef>

// cowl-node replaces the global operator new and delete (ThreadCache.cpp):
// a small block freed by a thread is kept, by size class, for that thread's
// next allocation of the same class, in front of malloc.
//
// Why: every proxied request starts about fifteen coroutine frames of
// different sizes (Asio 1.74 recycles one frame per thread, and only if the
// next is no larger) and a few strings. glibc's per-thread cache holds seven
// blocks per size up to 1,032 bytes; the rest went through the arena's bins,
// and a frame above that size made malloc consolidate the fast bins on every
// request, about a tenth of the proxy's CPU time.
namespace cowl::node::memory {

// What the calling thread's cache holds: blocks freed and not yet handed out
// again or returned to malloc.
struct ThreadCacheHeld {
    std::size_t blocks = 0;
    std::size_t bytes = 0;
};
ThreadCacheHeld threadCacheHeld();
// False in sanitizer builds, where the sanitizer's own operator new runs.
bool threadCacheActive();

// The largest block the cache keeps; larger ones go straight to malloc.
inline constexpr std::size_t kThreadCacheMaxBytes = 4096;
// At most this many bytes per size class per thread (at least 16 blocks).
inline constexpr std::size_t kThreadCacheClassBudget = 64 * 1024;

} // namespace cowl::node::memory
